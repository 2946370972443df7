# ha-compliance: `make demo` runs the main job on the bundled sample,
# `make test` runs every test. Both install what they need (Go modules and
# staticcheck through the Go module proxy); nothing needs cgo.

GO          ?= go
BIN         := bin/ha-compliance
SAMPLE      := testdata/must-gather/must-gather-aws-4.8
DEMO_OUT    := ha-compliance-report
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME    ?= 5s
FUZZMINIMIZETIME ?= 500x
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X github.com/openshift-eng/ha-compliance/pkg/version.version=$(VERSION)

IMAGE       ?= ha-compliance:$(VERSION)
# podman first, as on Fedora and RHEL; docker otherwise. Override with ENGINE=.
ENGINE      ?= $(shell command -v podman 2>/dev/null || command -v docker 2>/dev/null)

.PHONY: all build install demo test lint unit matrix fuzz bench docs image clean

all: build

# The binary is static (CGO_ENABLED=0), as in the image: the project has no C
# code, and a cgo build links glibc, whose malloc reserves 64 MiB of address
# space per thread arena, which leaves little room under a 2 GB `ulimit -v`
# (docs/reliability.md, "Address space").
build:
	CGO_ENABLED=0 $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/ha-compliance

install:
	CGO_ENABLED=0 $(GO) install -ldflags '$(LDFLAGS)' ./cmd/ha-compliance

## demo: analyze the bundled real must-gather and print the summary
demo: build
	./$(BIN) analyze $(SAMPLE) --output-dir $(DEMO_OUT) --exceptions examples/exceptions.yaml --fail-on never
	@echo
	@echo "Reports written to $(DEMO_OUT)/: ha-compliance.md (paste it), ha-compliance.html (open it), ha-compliance-details.md, ha-compliance-exceptions.yaml, ha-compliance.json, junit/"

## test: formatting, vet, staticcheck, unit tests (fuzz targets run their
## seed corpora as tests), then the every-path matrix. Time-based fuzzing
## is `make fuzz`: it is not deterministic, so not part of the test.
test: lint unit matrix

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	CGO_ENABLED=0 $(GO) vet ./... # the build without cgo, which users of a static binary run
	$(GO) run $(STATICCHECK) ./...

# The timeout is the whole package's: the loader's matrix reads the real
# sample many times, and CI machines are shared.
unit:
	$(GO) test -count=1 -timeout 25m ./...

## matrix: every way of decompressing, in a CGO_ENABLED=0 build too (the Go
## tests hide the programs from PATH and force the Go decoders themselves),
## then the same end to end on the binaries (hack/matrix.sh)
matrix:
	CGO_ENABLED=0 $(GO) test -count=1 -timeout 25m ./pkg/loader/internal/stream/ ./cmd/...
	CGO_ENABLED=0 $(GO) test -count=1 -timeout 25m -run 'EveryPath|InProcess|Cut|DecompressorFailure|Unsupported|Shared' ./pkg/loader/
	GO=$(GO) ./hack/matrix.sh

## fuzz: every fuzz target for FUZZTIME each, with fresh random inputs
fuzz:
	FUZZTIME=$(FUZZTIME) FUZZMINIMIZETIME=$(FUZZMINIMIZETIME) ./hack/fuzz.sh

## bench: stage benchmarks, the whole-process comparison against the decompression floor, and batch throughput and memory
bench:
	./hack/bench/compare.sh --data-only
	$(GO) test -run='^$$' -bench=. -benchmem -count=5 ./pkg/fastyaml/... ./pkg/decode/ ./pkg/checks/ ./pkg/report/
	$(GO) test -run='^$$' -bench=Stage -benchmem -benchtime=1x ./pkg/loader/
	./hack/bench/compare.sh
	./hack/bench/batch.sh

## docs: regenerate the committed check catalogue
docs: build
	./$(BIN) checks -o markdown > docs/checks.md

## image: build the container image (Containerfile) with podman or docker
image:
	@if [ -z "$(ENGINE)" ]; then echo "make image: needs podman or docker on PATH (or ENGINE=...)" >&2; exit 1; fi
	$(ENGINE) build -f Containerfile --build-arg VERSION=$(VERSION) -t $(IMAGE) .
	@echo "built $(IMAGE); the ci-operator step image: $(ENGINE) build -f Containerfile --target step ."

clean:
	rm -rf bin $(DEMO_OUT)

#!/usr/bin/env bash
# matrix.sh: the every-path matrix end to end (issue 11). It builds
# ha-compliance with cgo and with CGO_ENABLED=0, packs the bundled sample
# (and the shared real must-gather when ../shared/samples has it) in every
# format, and runs `analyze -o json` on each through every way of
# decompressing: the programs on PATH, PATH without them, the Go decoders
# forced. Every run must print the same JSON as the bundled folder's (or
# the original archive's), within 2 GB of address space. The Go tests hold the same for the snapshot;
# this holds it for the binary a user runs. `make test` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$GO" build -o "$work/hac-cgo" ./cmd/ha-compliance
CGO_ENABLED=0 "$GO" build -o "$work/hac-nocgo" ./cmd/ha-compliance
mkdir -p "$work/nobin" # a PATH without xz or zstd

have() { command -v "$1" >/dev/null 2>&1; }
for p in xz zstd; do
	if ! have "$p"; then
		[ "${CI:-}" = true ] && { echo "matrix: CI must install $p (.ci/run)" >&2; exit 1; }
		echo "matrix: no $p program here; its path is not run" >&2
	fi
done

# pack DIR TAR: the tar of DIR's content, in name order.
pack() { tar -C "$1" --sort=name --owner=0 --group=0 --numeric-owner -cf "$2" .; }

# analyze BIN WAY INPUT: the analyze JSON of INPUT, copied to one fixed
# name first so that the path in the JSON is the same for every format.
analyze() {
	local bin=$1 way=$2 input=$3
	cp "$input" "$work/in/mg"
	local env=(env)
	case $way in
	hidden) env+=(PATH="$work/nobin") ;;
	go) env+=(HA_COMPLIANCE_GO_DECOMPRESS=1) ;;
	esac
	# A cgo build links glibc, whose malloc reserves 64 MiB of address space
	# per thread arena: measured, a run's peak goes from 1.34 to 1.67-1.82 GB,
	# so one more thread under load can cross 2 GB. Two arenas are what
	# docs/reliability.md advises for such limits ("Address space").
	case $bin in
	*-cgo) env+=(MALLOC_ARENA_MAX=2) ;;
	esac
	# Every run has 2 GB of address space at most, as on a small CI node
	# or a support engineer's VM (ulimit -v); the programs inherit it.
	(cd "$work/in" && ulimit -v 2000000 && "${env[@]}" "$bin" analyze mg -o json --fail-on never --output-dir "$work/out" 2>"$work/err") ||
		{ cat "$work/err" >&2; return 1; }
}

# normalise drops what differs between runs of the same input: the archive
# format of the input and the JUnit file's time stamp.
normalise() { sed -E 's/"archive": "[^"]*"/"archive": "-"/; /"generatedAt"|"time"/d'; }

mkdir -p "$work/in"
runs=0 failed=0
check() { # NAME TAR BINARIES: every format and way of TAR against the tar itself
	local name=$1 tarfile=$2 bins=$3
	local want
	want=$(analyze "$work/hac-cgo" programs "$tarfile" | normalise)
	local formats=(tar gz)
	have xz && formats+=(xz)
	have zstd && formats+=(zst)
	have bzip2 && formats+=(bz2)
	have lz4 && formats+=(lz4)
	for f in "${formats[@]}"; do
		local packed="$work/$name.tar.$f"
		case $f in
		tar) packed=$tarfile ;;
		gz) gzip -1 -c "$tarfile" >"$packed" ;;
		xz) xz -1 -T0 -c "$tarfile" >"$packed" ;;
		zst) zstd -3 -q -c "$tarfile" >"$packed" ;;
		bz2) bzip2 -1 -c "$tarfile" >"$packed" ;;
		lz4) lz4 -q -c "$tarfile" >"$packed" ;;
		esac
		for bin in $bins; do
			for way in programs hidden go; do
				runs=$((runs + 1))
				got=$(analyze "$work/$bin" "$way" "$packed" | normalise) || { failed=$((failed + 1)); continue; }
				if [ "$got" != "$want" ]; then
					echo "matrix: $name as tar.$f, $bin, $way: analyze JSON differs from the plain tar's" >&2
					diff <(echo "$want") <(echo "$got") | head -20 >&2
					failed=$((failed + 1))
				fi
			done
		done
	done
}

pack testdata/must-gather/must-gather-aws-4.8 "$work/bundled.tar"
check bundled "$work/bundled.tar" "hac-cgo hac-nocgo"
if [ -f ../shared/samples/must-gather-aws.tar.xz ] && have xz; then
	xz -dc ../shared/samples/must-gather-aws.tar.xz >"$work/shared.tar"
	check shared "$work/shared.tar" hac-nocgo # 93 MB: the build users of a static binary run
fi
echo "matrix: $runs runs, $failed failed"
[ "$failed" = 0 ]

package ci

import (
	"archive/tar"
	"bytes"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

// instruction is one Containerfile instruction, continuation lines joined.
type instruction struct {
	cmd  string // upper case: FROM, RUN, COPY, USER...
	args string
}

// stage is one FROM and what follows it.
type stage struct {
	from, name string
	body       []instruction
}

// parseContainerfile reads the instructions as buildah and docker do:
// comments and blank lines dropped, backslash continuations joined.
func parseContainerfile(t *testing.T, path string) []stage {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var stages []stage
	var cur strings.Builder
	flush := func() {
		line := strings.TrimSpace(cur.String())
		cur.Reset()
		if line == "" {
			return
		}
		cmd, args, _ := strings.Cut(line, " ")
		in := instruction{strings.ToUpper(cmd), strings.TrimSpace(args)}
		if in.cmd == "FROM" {
			f := strings.Fields(in.args)
			s := stage{from: f[0]}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				s.name = f[2]
			}
			stages = append(stages, s)
			return
		}
		if len(stages) == 0 {
			if in.cmd != "ARG" {
				t.Fatalf("%s before the first FROM", in.cmd)
			}
			return
		}
		stages[len(stages)-1].body = append(stages[len(stages)-1].body, in)
	}
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, `\`) {
			cur.WriteString(strings.TrimSuffix(trimmed, `\`) + " ")
			continue
		}
		cur.WriteString(trimmed)
		flush()
	}
	flush()
	return stages
}

func TestContainerfile(t *testing.T) {
	stages := parseContainerfile(t, filepath.Join("..", "Containerfile"))
	if len(stages) < 2 {
		t.Fatalf("%d stages: want a multi-stage build", len(stages))
	}
	build := stages[0]
	if build.name != "build" {
		t.Fatalf("the first stage is %q, want the build stage named build", build.name)
	}
	goMod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(goMod)
	if goLine == nil || !strings.HasSuffix(build.from, ":"+string(goLine[1])) {
		t.Errorf("build stage FROM %s: want the go.mod toolchain %s", build.from, goLine[1])
	}
	var goBuild string
	for _, in := range build.body {
		if in.cmd == "RUN" && strings.Contains(in.args, "go build") {
			goBuild = in.args
		}
	}
	for _, want := range []string{
		"CGO_ENABLED=0", // static: no C library, and the Go decoders for xz and zstd
		"-trimpath",     // no build paths in the binary
		"-X github.com/openshift-eng/ha-compliance/pkg/version.version=${VERSION}", // --version says the release
		"./cmd/ha-compliance",
	} {
		if !strings.Contains(goBuild, want) {
			t.Errorf("the go build of the build stage lacks %q: %s", want, goBuild)
		}
	}
	for _, s := range stages[1:] {
		copied, user := false, ""
		for _, in := range s.body {
			switch in.cmd {
			case "COPY":
				copied = copied || strings.Contains(in.args, "--from=build")
			case "USER":
				user = in.args
			case "RUN":
				if regexp.MustCompile(`\b(xz|zstd|xz-utils)\b`).MatchString(in.args) {
					t.Errorf("stage %s installs a decompressor program: %s", s.from, in.args)
				}
			}
		}
		uid, _, _ := strings.Cut(user, ":")
		if !copied || uid == "" || uid == "0" || uid == "root" || strings.Trim(uid, "0123456789") != "" {
			t.Errorf("stage %s: copies the binary %v, USER %q: want the built binary run by a numeric non-root user", s.from, copied, user)
		}
	}
	if last := stages[len(stages)-1]; !strings.Contains(last.from, "ubi-micro") && !strings.Contains(last.from, "distroless") {
		t.Errorf("the default image is FROM %s: want a minimal base", last.from)
	}
}

// TestStaticBinaryReadsArchivesWithoutPrograms runs the binary built as the
// Containerfile builds it (TestMain) and reads tar.xz and tar.zst must-gathers with a PATH
// holding nothing else, as in the image.
func TestStaticBinaryReadsArchivesWithoutPrograms(t *testing.T) {
	bin := toolDir
	var plain bytes.Buffer
	tarDir(t, sample, &plain)
	dir := t.TempDir()
	for name, compress := range map[string]func(io.Writer) (io.WriteCloser, error){
		"must-gather.tar.xz":  func(w io.Writer) (io.WriteCloser, error) { return xz.NewWriter(w) },
		"must-gather.tar.zst": func(w io.Writer) (io.WriteCloser, error) { return zstd.NewWriter(w) },
	} {
		var b bytes.Buffer
		w, err := compress(&b)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(plain.Bytes()); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		writeFile(t, path, b.String())
		run := exec.Command(filepath.Join(bin, "ha-compliance"), "inspect", path)
		run.Env = []string{"PATH=" + bin, "HOME=" + dir}
		out, err := run.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Pod  ") || strings.Contains(string(out), "Problems: 1") {
			t.Errorf("%s without xz or zstd on PATH: %v\n%s", name, err, out)
		}
	}
}

// tarDir writes dir as an uncompressed tar.
func tarDir(t *testing.T, dir string, w io.Writer) {
	t.Helper()
	tw := tar.NewWriter(w)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		hdr, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		hdr.Name = filepath.ToSlash(rel)
		if err := tw.WriteHeader(hdr); err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
}

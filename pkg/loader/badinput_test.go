package loader

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

const (
	nsYAML  = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n"
	podList = "---\napiVersion: v1\nkind: PodList\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n    namespace: ns\n  spec:\n    nodeName: node-1\n"
)

// small must-gather entries, with a large zero-filled log between the
// Namespace and the pods to exercise the limits.
func smallMG(t *testing.T, logBytes int) []tarEntry {
	return []tarEntry{
		{name: "mg/img/namespaces/ns/ns.yaml", data: nsYAML},
		{name: "mg/img/namespaces/ns/pods/p/c/c/logs/current.log", data: string(make([]byte, logBytes))},
		{name: "mg/img/namespaces/ns/core/pods.yaml", data: podList},
	}
}

func TestBadInputStillLoads(t *testing.T) {
	trimmedTar := packTar(t, trimmedSample, "")
	cases := []struct {
		name     string
		input    func(t *testing.T) []byte
		limits   Limits
		problem  string // a problem whose error contains this
		wantPods int    // -1: some but not all
		wantNS   int
	}{
		{"a truncated tar.gz keeps the entries before the cut", func(t *testing.T) []byte {
			gz := gzipBytes(t, trimmedTar)
			return gz[:len(gz)*9/10]
		}, Limits{}, "truncated archive", -1, -1},
		{"a truncated tar keeps the entries before the cut", func(t *testing.T) []byte {
			return trimmedTar[:len(trimmedTar)*9/10]
		}, Limits{}, "truncated archive", -1, -1},
		{"a symlink where pods.yaml should be is not followed", func(t *testing.T) []byte {
			return gzipBytes(t, buildTar(t, tarEntry{name: "mg/img/namespaces/ns/ns.yaml", data: nsYAML},
				tarEntry{name: "mg/img/namespaces/ns/core/pods.yaml", typeflag: tar.TypeSymlink, link: "/etc/passwd"}))
		}, Limits{}, "not a regular file", 0, 1},
		{"a device where pods.yaml should be is not read", func(t *testing.T) []byte {
			return buildTar(t, tarEntry{name: "mg/img/namespaces/ns/ns.yaml", data: nsYAML},
				tarEntry{name: "mg/img/namespaces/ns/core/pods.yaml", typeflag: tar.TypeChar})
		}, Limits{}, "not a regular file", 0, 1},
		{"an entry larger than the cap is refused and the rest loads", func(t *testing.T) []byte {
			return gzipBytes(t, buildTar(t, smallMG(t, 10)...))
		}, Limits{MaxFileBytes: 100}, "over the 100-byte limit", 0, 1},
		{"a decompression bomb stops the archive and keeps what came before", func(t *testing.T) []byte {
			return gzipBytes(t, buildTar(t, smallMG(t, 8<<20)...))
		}, Limits{MaxArchiveBytes: 1 << 20}, "decompression bomb", 0, 1},
		{"a bomb caught by its ratio stops the archive", func(t *testing.T) []byte {
			return zstdBytes(t, buildTar(t, smallMG(t, 8<<20)...))
		}, Limits{RatioAfter: 1 << 20, MaxRatio: 100}, "ratio over 100", 0, 1},
		{"a huge skipped entry within the limits costs nothing", func(t *testing.T) []byte {
			return gzipBytes(t, buildTar(t, smallMG(t, 8<<20)...))
		}, Limits{MaxFileBytes: 1 << 10}, "", 1, 1},
		{"a per-pod copy over the cap is not read when its pods.yaml before it decoded", func(t *testing.T) []byte {
			return gzipBytes(t, buildTar(t, append(smallMG(t, 10),
				tarEntry{name: "mg/img/namespaces/ns/pods/p/p.yaml", data: strings.Repeat("#\n", 1000)})...))
		}, Limits{MaxFileBytes: 1000}, "", 1, 1},
		{"a zip symlink entry is not followed", func(t *testing.T) []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			add := func(name, data string, mode os.FileMode) {
				h := &zip.FileHeader{Name: name, Method: zip.Deflate}
				h.SetMode(mode)
				w, err := zw.CreateHeader(h)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := w.Write([]byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			add("mg/img/namespaces/ns/ns.yaml", nsYAML, 0o644)
			add("mg/img/namespaces/ns/core/pods.yaml", "/etc/passwd", os.ModeSymlink|0o777)
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}, Limits{}, "not a regular file", 0, 1},
		{"a zip entry larger than the cap is refused", func(t *testing.T) []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for _, e := range smallMG(t, 0) {
				w, err := zw.Create(e.name)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := w.Write([]byte(e.data + strings.Repeat("#\n", 1000))); err != nil {
					t.Fatal(err)
				}
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}, Limits{MaxFileBytes: 1500}, "over the 1500-byte limit", 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(tc.input(t)), Limits: tc.limits})
			if err != nil {
				if tc.wantNS == 0 && errors.Is(err, ErrNoInput) {
					if !strings.Contains(err.Error(), tc.problem) {
						t.Errorf("error %q does not mention %q", err, tc.problem)
					}
					return
				}
				t.Fatalf("load: %v", err)
			}
			if tc.problem != "" && len(problemsMatching(c, "", tc.problem)) == 0 {
				t.Errorf("no problem mentions %q: %v", tc.problem, c.Provenance.Problems)
			}
			if tc.problem == "" && len(c.Provenance.Problems) > 0 {
				t.Errorf("unexpected problems: %v", c.Provenance.Problems)
			}
			pods := c.Count(snapshot.Pod)
			switch {
			case tc.wantPods == -1 && (pods == 0 || pods >= trimmedFigures["Pod"]):
				t.Errorf("pods = %d, want some but not all", pods)
			case tc.wantPods >= 0 && pods != tc.wantPods:
				t.Errorf("pods = %d, want %d", pods, tc.wantPods)
			}
			if ns := c.Count(snapshot.KindNamespace); tc.wantNS >= 0 && ns != tc.wantNS {
				t.Errorf("namespaces = %d, want %d", ns, tc.wantNS)
			}
		})
	}
}

// TestFolderSymlinks: symlinks in a folder are problems, never followed.
func TestFolderSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "img/namespaces/ns/ns.yaml", []byte(nsYAML))
	outside := writeFile(t, t.TempDir(), "pods.yaml", []byte(podList))
	if err := os.MkdirAll(filepath.Join(dir, "img/namespaces/ns/core"), 0o755); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"img/namespaces/ns/core/pods.yaml": outside,
		"img/namespaces/other":             filepath.Dir(outside),
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	c := mustLoad(t, Options{}, dir)
	if c.Count(snapshot.Pod) != 0 || c.Count(snapshot.KindNamespace) != 1 {
		t.Errorf("symlinks were followed: %v", counts(c))
	}
	for link := range links {
		if len(problemsMatching(c, link, "not a regular file")) != 1 {
			t.Errorf("no problem for %s: %v", link, c.Provenance.Problems)
		}
	}
}

// TestNoUsableInput: nothing usable is an ErrNoInput that says what was
// found instead.
func TestNoUsableInput(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) string
		found string
	}{
		{"a text file says it is not Kubernetes YAML", func(t *testing.T, dir string) string {
			return writeFile(t, dir, "notes.txt", []byte("hello world\n"))
		}, "not a Kubernetes object: found text"},
		{"a 0-byte file says it is empty", func(t *testing.T, dir string) string {
			return writeFile(t, dir, "empty.yaml", nil)
		}, "an empty file"},
		{"a YAML of other kinds names them", func(t *testing.T, dir string) string {
			return writeFile(t, dir, "cm.yaml", []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n"))
		}, "kinds ConfigMap, Secret, none of which"},
		{"an empty tar says so", func(t *testing.T, dir string) string {
			return writeFile(t, dir, "empty.tar", buildTar(t))
		}, "empty tar archive"},
		{"an archive of logs names its files", func(t *testing.T, dir string) string {
			return writeFile(t, dir, "logs.tgz", gzipBytes(t, buildTar(t, tarEntry{name: "a/kubelet.log", data: "x"}, tarEntry{name: "a/crio.log", data: "y"})))
		}, "a tar.gz archive of 2 files (a/kubelet.log, a/crio.log, ...), none of them a resource file"},
		{"a folder without any layout names its entries", func(t *testing.T, dir string) string {
			writeFile(t, dir, "top/a.txt", []byte("a"))
			writeFile(t, dir, "top/b/c.log", []byte("c"))
			return filepath.Join(dir, "top")
		}, "a folder of 2 entries (a.txt, b/, ...) with no image folder"},
		{"a missing path is a problem", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "nope")
		}, "no such file or directory"},
		{"gzip magic followed by garbage is a problem", func(t *testing.T, dir string) string {
			return writeFile(t, dir, "bad.gz", []byte{0x1f, 0x8b, 0, 1, 2, 3})
		}, "gzip"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.setup(t, t.TempDir())
			_, err := Load(context.Background(), []string{path}, Options{})
			if !errors.Is(err, ErrNoInput) {
				t.Fatalf("err = %v, want ErrNoInput", err)
			}
			if !strings.Contains(err.Error(), tc.found) {
				t.Errorf("error does not say %q:\n%v", tc.found, err)
			}
		})
	}
}

// TestUnsupportedArchives: an archive in a format this tool does not read
// is a problem that says to extract it, given as a file or found in a
// folder, recognised by its bytes or, when they carry no magic, its name.
func TestUnsupportedArchives(t *testing.T) {
	dir := t.TempDir()
	lzip := writeFile(t, dir, "file/case.tar.lz", []byte("LZIP\x01\x0c\x00\x00\x00\x00\x00\x00"))
	lzma := writeFile(t, dir, "file/mg.tar.lzma", []byte("\x5d\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00\x33"))
	folder := filepath.Join(dir, "folder")
	writeFile(t, folder, "must-gather.tar.lz", []byte("LZIP\x01\x0c\x00\x00\x00\x00\x00\x00"))
	for _, tc := range []struct{ path, format string }{{lzip, "lzip"}, {lzma, ".tar.lzma"}, {folder, "lzip"}} {
		_, err := Load(context.Background(), []string{tc.path}, Options{})
		want := "unsupported archive format " + tc.format + ": extract it first"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a problem %q", tc.path, err, want)
		}
	}
}

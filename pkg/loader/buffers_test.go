package loader

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

func TestBufferClasses(t *testing.T) {
	for _, tc := range []struct {
		name    string
		size    int
		wantCap int
	}{
		{"an empty file takes the smallest buffer", 0, 4096},
		{"a small file takes the smallest buffer", 100, 4096},
		{"a power of two fits exactly", 8192, 8192},
		{"one byte more takes the next class", 8193, 16384},
		{"the largest class is pooled", 64 << 20, 64 << 20},
		{"beyond the largest class is allocated exactly", 64<<20 + 1, 64<<20 + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := getBuffer(tc.size)
			if len(b) != tc.size || cap(b) != tc.wantCap {
				t.Fatalf("getBuffer(%d): len %d cap %d, want len %d cap %d", tc.size, len(b), cap(b), tc.size, tc.wantCap)
			}
			releaseBuffer(b)
		})
	}
}

// snapshotJSON is every object a load kept, as JSON.
func snapshotJSON(t *testing.T, c *snapshot.Cluster) string {
	t.Helper()
	b, err := json.Marshal(struct {
		Namespaces []*snapshot.Namespace
		Cluster    *snapshot.Cluster
	}{c.Namespaces(), c})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReleasedBuffersAreNotRead loads the trimmed sample as a folder and as
// archives with every released buffer overwritten: if a decoded object
// still pointed into one, the snapshot would change.
func TestReleasedBuffersAreNotRead(t *testing.T) {
	dir := t.TempDir()
	tarred := withLogs(t, packTar(t, trimmedSample, ""))
	for _, tc := range []struct{ name, path string }{
		{"folder", trimmedSample},
		{"tar.gz", writeFile(t, dir, "mg.tar.gz", gzipBytes(t, tarred))},
		{"tar.zst", writeFile(t, dir, "mg.tar.zst", zstdBytes(t, tarred))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := snapshotJSON(t, mustLoad(t, Options{}, tc.path))
			poisonReleased = true
			defer func() { poisonReleased = false }()
			for range 3 { // later loads reuse the buffers the first released
				if diff := cmp.Diff(want, snapshotJSON(t, mustLoad(t, Options{}, tc.path))); diff != "" {
					t.Fatalf("a released buffer was still read (-clean +poisoned):\n%s", diff)
				}
			}
		})
	}
}

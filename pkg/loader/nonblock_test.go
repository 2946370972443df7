//go:build unix

package loader

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// mkfifo makes a FIFO at dir/name that nobody ever writes: opening it the
// usual way blocks forever.
func mkfifo(t *testing.T, dir, name string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadWithin loads path and fails the test when that takes longer than a
// blocked open would allow.
func loadWithin(t *testing.T, path string) *snapshot.Cluster {
	t.Helper()
	type res struct {
		c   *snapshot.Cluster
		err error
	}
	done := make(chan res, 1)
	go func() {
		c, err := Load(context.Background(), []string{path}, Options{})
		done <- res{c, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.c
	case <-time.After(20 * time.Second):
		t.Fatal("Load blocked")
	}
	return nil
}

// Where a file is expected, a FIFO or a symlink is a problem: the load
// neither blocks nor leaves the tree, and the rest still loads.
func TestNeverBlockNeverFollow(t *testing.T) {
	insightsPod := `{"metadata":{"name":"etcd-0","namespace":"openshift-etcd","uid":"u1"},"spec":{"nodeName":"master-0"}}`
	outside := writeFile(t, t.TempDir(), "etcd-1.json", []byte(`{"metadata":{"name":"etcd-1","namespace":"openshift-etcd","uid":"u2"},"spec":{"nodeName":"master-1"}}`))
	cases := []struct {
		name     string
		setup    func(t *testing.T, dir string) string // returns the path to load
		problem  string                                // a problem's path contains this; "" none
		message  string                                // and its error this
		wantPods int
	}{
		{"a FIFO as <image>/version", func(t *testing.T, dir string) string {
			writeFile(t, dir, "img/namespaces/ns/ns.yaml", []byte(nsYAML))
			writeFile(t, dir, "img/namespaces/ns/core/pods.yaml", []byte(podList))
			mkfifo(t, dir, "img/version")
			return dir
		}, "img/version", "named pipe (FIFO)", 1},
		{"a FIFO as a namespace's pods.yaml", func(t *testing.T, dir string) string {
			writeFile(t, dir, "img/namespaces/ns/ns.yaml", []byte(nsYAML))
			mkfifo(t, dir, "img/namespaces/ns/core/pods.yaml")
			return dir
		}, "core/pods.yaml", "not a regular file", 0},
		{"a FIFO as an Insights config/pod file", func(t *testing.T, dir string) string {
			writeFile(t, dir, "config/pod/openshift-etcd/etcd-0.json", []byte(insightsPod))
			mkfifo(t, dir, "config/pod/openshift-etcd/etcd-2.json")
			return dir
		}, "etcd-2.json", "named pipe (FIFO)", 1},
		{"a symlink in an Insights tree", func(t *testing.T, dir string) string {
			writeFile(t, dir, "config/pod/openshift-etcd/etcd-0.json", []byte(insightsPod))
			if err := os.Symlink(outside, filepath.Join(dir, "config/pod/openshift-etcd/etcd-1.json")); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "etcd-1.json", "a symlink, not followed", 1},
		{"a FIFO as a CI run's prowjob.json", func(t *testing.T, dir string) string {
			run := filepath.Join(dir, "logs", "periodic-job", "123")
			writeFile(t, run, "artifacts/e2e/gather-extra/artifacts/pods.json", []byte(`{"kind":"PodList","apiVersion":"v1","items":[`+insightsPod+`]}`))
			mkfifo(t, run, "prowjob.json")
			writeFile(t, run, "started.json", []byte("{}"))
			return run
		}, "", "", 1},
		{"a FIFO as gather-extra's deployments.json", func(t *testing.T, dir string) string {
			writeFile(t, dir, "pods.json", []byte(`{"kind":"PodList","apiVersion":"v1","items":[`+insightsPod+`]}`))
			mkfifo(t, dir, "deployments.json")
			return dir
		}, "deployments.json", "not a regular file", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := loadWithin(t, tc.setup(t, t.TempDir()))
			if got := c.Count(snapshot.Pod); got != tc.wantPods {
				t.Errorf("%d pods, want %d", got, tc.wantPods)
			}
			if tc.problem != "" && len(problemsMatching(c, tc.problem, tc.message)) != 1 {
				t.Errorf("want one problem for %s saying %q, have %v", tc.problem, tc.message, c.Provenance.Problems)
			}
		})
	}
}

// A symlink the user names is followed: it is what they asked to read.
func TestANamedSymlinkIsFollowed(t *testing.T) {
	dir := t.TempDir()
	archive := writeFile(t, dir, "real.tar.gz", gzipBytes(t, buildTar(t, smallMG(t, 10)...)))
	link := filepath.Join(dir, "link.tar.gz")
	if err := os.Symlink(archive, link); err != nil {
		t.Fatal(err)
	}
	if c := loadWithin(t, link); c.Count(snapshot.Pod) != 1 {
		t.Errorf("pods %v, problems %v", counts(c), c.Provenance.Problems)
	}
}

package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
)

func generate(t *testing.T, o options) string {
	t.Helper()
	o.Out = t.TempDir()
	if o.Order == "" {
		o.Order = "fs"
	}
	var log bytes.Buffer
	if err := run(o, &log); err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	return o.Out
}

// TestTreeHasTheMustGatherLayout checks the files the loader looks for.
func TestTreeHasTheMustGatherLayout(t *testing.T) {
	out := generate(t, options{Nodes: 4, Pods: 30, LogBytes: 2000, Version: "4.16.3", Seed: 7})
	img := filepath.Join(out, "must-gather.local.7", imageDir)
	for _, rel := range []string{
		"version", "cluster-scoped-resources/config.openshift.io/infrastructures.yaml",
		"cluster-scoped-resources/config.openshift.io/infrastructures/cluster.yaml",
		"cluster-scoped-resources/config.openshift.io/clusterversions/version.yaml",
		"cluster-scoped-resources/config.openshift.io/clusteroperators.yaml",
		"namespaces/openshift-apiserver/openshift-apiserver.yaml",
		"namespaces/openshift-apiserver/core/pods.yaml",
		"namespaces/openshift-apiserver/apps/deployments.yaml",
		"namespaces/openshift-apiserver/policy/poddisruptionbudgets.yaml",
		"host_service_logs/masters/kubelet_service.log",
	} {
		if _, err := os.Stat(filepath.Join(img, rel)); err != nil {
			t.Errorf("missing %s: %v", rel, err)
		}
	}
	nodes, err := filepath.Glob(filepath.Join(img, "cluster-scoped-resources", "core", "nodes", "*.yaml"))
	if err != nil || len(nodes) != 4 {
		t.Errorf("want 4 node files, got %d (%v)", len(nodes), err)
	}
	pods, err := filepath.Glob(filepath.Join(img, "namespaces", "*", "pods", "*", "*.yaml"))
	if err != nil || len(pods) != 30 {
		t.Errorf("want 30 per-pod copies, got %d (%v)", len(pods), err)
	}
}

// TestYAMLTakesTheFastPathAndMatchesSigsYAML decodes every generated YAML
// file both ways: the generator's output is what the benchmarks measure,
// so it must not be quietly decoded by the fallback, and the skipping of
// managedFields must leave the rest equal.
func TestYAMLTakesTheFastPathAndMatchesSigsYAML(t *testing.T) {
	out := generate(t, options{Nodes: 4, Pods: 30, LogBytes: 2000, Version: "4.16.3", Seed: 3})
	opts := &fastyaml.Options{Skip: [][]string{fastyaml.ManagedFields}}
	n := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		n++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fast, err := fastyaml.AppendJSON(nil, src, opts)
		if err != nil {
			t.Errorf("%s: fast path declined: %v", path, err)
			return nil
		}
		ref, err := sigsyaml.YAMLToJSON(src)
		if err != nil {
			return err
		}
		var got, want any
		if err := json.Unmarshal(fast, &got); err != nil {
			return err
		}
		if err := json.Unmarshal(ref, &want); err != nil {
			return err
		}
		dropManagedFields(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: values differ", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("only %d YAML files", n)
	}
}

func dropManagedFields(v any) {
	switch t := v.(type) {
	case map[string]any:
		if md, ok := t["metadata"].(map[string]any); ok {
			delete(md, "managedFields")
		}
		for _, c := range t {
			dropManagedFields(c)
		}
	case []any:
		for _, c := range t {
			dropManagedFields(c)
		}
	}
}

// TestOutputIsDeterministic runs the generator twice with one seed.
func TestOutputIsDeterministic(t *testing.T) {
	o := options{Nodes: 3, Pods: 12, LogBytes: 1000, Version: "4.16.3", Seed: 5, Archive: "tar.gz"}
	a, b := generate(t, o), generate(t, o)
	for _, name := range []string{"must-gather.tar.gz"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	entries := tarHeaders(t, filepath.Join(a, "must-gather.tar.gz"))
	if len(entries) == 0 || !strings.HasPrefix(entries[0].Name, "must-gather.local.5/") {
		t.Errorf("archive entries should start with the folder name, got %v", entries[:min(3, len(entries))])
	}
}

// TestArchiveIsGNUTar: every header is in GNU tar's format, as in real
// must-gather archives, long names included.
func TestArchiveIsGNUTar(t *testing.T) {
	dir := generate(t, options{Nodes: 3, Pods: 12, LogBytes: 1000, Version: "4.16.3", Seed: 5, Archive: "tar.gz"})
	long := 0
	for _, h := range tarHeaders(t, filepath.Join(dir, "must-gather.tar.gz")) {
		if h.Format != tar.FormatGNU {
			t.Fatalf("%s: format %v, want GNU", h.Name, h.Format)
		}
		if len(h.Name) > 100 {
			long++
		}
	}
	if long == 0 {
		t.Error("no name over 100 bytes: the long-name entries were not exercised")
	}
}

func tarHeaders(t *testing.T, path string) []*tar.Header {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var headers []*tar.Header
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return headers
		}
		if err != nil {
			t.Fatal(err)
		}
		headers = append(headers, h)
	}
}

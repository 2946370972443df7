package decode

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// benchFiles are the files the decode stage benchmarks run on: the largest
// pods.yaml and replicasets.yaml of the generated must-gather (4.16-style,
// managedFields included) when hack/bench/compare.sh has made one, and the
// bundled 4.8 sample's pods.yaml (no managedFields) always.
func benchFiles(b *testing.B) map[string][]byte {
	b.Helper()
	out := map[string][]byte{}
	read := func(name, path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		out[name] = data
	}
	sample, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "must-gather", "must-gather-aws-4.8", "*", "*", "namespaces", "openshift-etcd", "core", "pods.yaml"))
	if len(sample) == 1 {
		read("sample-4.8-pods", sample[0])
	}
	for _, name := range []string{"pods", "replicasets"} {
		dir := "core"
		if name == "replicasets" {
			dir = "apps"
		}
		files, _ := filepath.Glob(filepath.Join("..", "..", ".bench", "mg", "must-gather.local.*", "*", "namespaces", "*", dir, name+".yaml"))
		sort.Slice(files, func(i, j int) bool { return size(files[i]) > size(files[j]) })
		if len(files) > 0 {
			read("generated-"+name, files[0])
		}
	}
	if len(out) == 0 {
		b.Skip("no sample files")
	}
	return out
}

func size(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// BenchmarkStageDecode decodes whole files with the reference decoder
// (sigs.k8s.io/yaml and encoding/json) and with the default one
// (pkg/fastyaml in front). MB/s is YAML bytes in, per core.
func BenchmarkStageDecode(b *testing.B) {
	files := benchFiles(b)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		data := files[name]
		for _, dec := range []struct {
			name string
			d    Decoder
		}{{"reference", YAML{}}, {"default", Default()}} {
			b.Run(name+"/"+dec.name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if res := dec.d.Decode(data, ""); len(res.Errors) > 0 || len(res.Objects) == 0 {
						b.Fatalf("%d objects, errors %v", len(res.Objects), res.Errors)
					}
				}
			})
		}
	}
}

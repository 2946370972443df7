package fastyaml

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	corev1 "k8s.io/api/core/v1"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml/internal/typed"
)

// benchInputs are PodList files: the bundled 4.8 sample's (no
// managedFields) and, when hack/bench/compare.sh has generated the big
// must-gather, its largest pods.yaml (4.16-style, managedFields included).
// MB/s is YAML bytes in.
func benchInputs(b *testing.B) map[string][]byte {
	b.Helper()
	in := map[string][]byte{}
	read := func(name, path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		in[name] = data
	}
	read("sample-4.8", filepath.Join("testdata", "console-pods.yaml"))
	files, _ := filepath.Glob(filepath.Join("..", "..", ".bench", "mg", "must-gather.local.*", "*", "namespaces", "*", "core", "pods.yaml"))
	sort.Slice(files, func(i, j int) bool { return fileSize(files[i]) > fileSize(files[j]) })
	if len(files) > 0 {
		read("generated-4.16", files[0])
	}
	return in
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

func eachInput(b *testing.B, f func(b *testing.B, src []byte)) {
	in := benchInputs(b)
	names := make([]string, 0, len(in))
	for n := range in {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b.Run(n, func(b *testing.B) {
			b.SetBytes(int64(len(in[n])))
			b.ReportAllocs()
			f(b, in[n])
		})
	}
}

var skipOpts = &Options{Skip: [][]string{ManagedFields}}

// BenchmarkYAMLToJSON compares the two YAML-to-JSON conversions.
func BenchmarkYAMLToJSON(b *testing.B) {
	b.Run("sigs.k8s.io-yaml", func(b *testing.B) {
		eachInput(b, func(b *testing.B, src []byte) {
			for b.Loop() {
				if _, err := sigsyaml.YAMLToJSON(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("fastyaml", func(b *testing.B) {
		eachInput(b, func(b *testing.B, src []byte) {
			var buf []byte
			var err error
			for b.Loop() {
				if buf, err = AppendJSON(buf[:0], src, skipOpts); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkUnmarshalPodList decodes YAML into a typed PodList end to end.
func BenchmarkUnmarshalPodList(b *testing.B) {
	b.Run("sigs.k8s.io-yaml", func(b *testing.B) {
		eachInput(b, func(b *testing.B, src []byte) {
			for b.Loop() {
				var l corev1.PodList
				if err := sigsyaml.Unmarshal(src, &l); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("fastyaml", func(b *testing.B) {
		eachInput(b, func(b *testing.B, src []byte) {
			d := newTestDecoder(*skipOpts)
			for b.Loop() {
				var l corev1.PodList
				if err := d.Unmarshal(src, &l); err != nil {
					b.Fatal(err)
				}
			}
			if d.Stats.FallbackYAML+d.Stats.FallbackTyped > 0 {
				b.Fatalf("fallbacks: %+v", d.Stats)
			}
		})
	})
}

// BenchmarkJSONToStruct compares encoding/json with this package's typed
// decoder on the JSON fastyaml writes. MB/s is YAML bytes in, as above, so
// the figures add up. (json-iterator, also in the module graph, was
// measured once: docs/performance.md.)
func BenchmarkJSONToStruct(b *testing.B) {
	decoders := []struct {
		name string
		fn   func([]byte, any) error
	}{
		{"encoding-json", json.Unmarshal},
		{"fastyaml-typed", typed.Unmarshal},
	}
	for _, dec := range decoders {
		b.Run(dec.name, func(b *testing.B) {
			eachInput(b, func(b *testing.B, src []byte) {
				j, err := AppendJSON(nil, src, skipOpts)
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					var l corev1.PodList
					if err := dec.fn(j, &l); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

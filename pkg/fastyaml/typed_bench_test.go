package fastyaml

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	jsoniter "github.com/json-iterator/go"
	corev1 "k8s.io/api/core/v1"
	sigsyaml "sigs.k8s.io/yaml"
)

func samplePods(b *testing.B) [][]byte {
	files, _ := filepath.Glob(filepath.Join(sampleRoot, "*", "*", "namespaces", "*", "core", "pods.yaml"))
	if len(files) == 0 {
		b.Skip("no sample")
	}
	var out [][]byte
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

func total(docs [][]byte) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d))
	}
	return n
}

func BenchmarkPodsSigs(b *testing.B) {
	docs := samplePods(b)
	b.SetBytes(total(docs))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			var l corev1.PodList
			if err := sigsyaml.Unmarshal(d, &l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPodsTranscode(b *testing.B) {
	docs := samplePods(b)
	b.SetBytes(total(docs))
	b.ReportAllocs()
	var buf []byte
	var err error
	for b.Loop() {
		for _, d := range docs {
			if buf, err = AppendJSON(buf[:0], d, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPodsFastStd(b *testing.B) {
	docs := samplePods(b)
	b.SetBytes(total(docs))
	b.ReportAllocs()
	var buf []byte
	var err error
	for b.Loop() {
		for _, d := range docs {
			if buf, err = AppendJSON(buf[:0], d, nil); err != nil {
				b.Fatal(err)
			}
			var l corev1.PodList
			if err := json.Unmarshal(buf, &l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPodsFastJsoniter(b *testing.B) {
	docs := samplePods(b)
	b.SetBytes(total(docs))
	b.ReportAllocs()
	var buf []byte
	var err error
	api := jsoniter.ConfigCompatibleWithStandardLibrary
	for b.Loop() {
		for _, d := range docs {
			if buf, err = AppendJSON(buf[:0], d, nil); err != nil {
				b.Fatal(err)
			}
			var l corev1.PodList
			if err := api.Unmarshal(buf, &l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPodsFastTyped(b *testing.B) {
	docs := samplePods(b)
	b.SetBytes(total(docs))
	b.ReportAllocs()
	d := NewDecoder(Options{})
	for b.Loop() {
		for _, doc := range docs {
			var l corev1.PodList
			if err := d.Unmarshal(doc, &l); err != nil {
				b.Fatal(err)
			}
		}
	}
	if d.Stats.FallbackTyped+d.Stats.FallbackYAML > 0 {
		b.Fatalf("fallbacks: %+v", d.Stats)
	}
}

package loader

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
)

func TestZZHeap(t *testing.T) {
	path := os.Getenv("HEAP_INPUT")
	if path == "" {
		t.Skip()
	}
	c, err := Load(context.Background(), []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("live heap %.1f MB, sys %.1f MB, total alloc %.1f MB, pods %d", float64(ms.HeapAlloc)/1e6, float64(ms.Sys)/1e6, float64(ms.TotalAlloc)/1e6, c.Count("Pod"))
	f, _ := os.Create("/tmp/heap.prof")
	pprof.WriteHeapProfile(f)
	f.Close()
	runtime.KeepAlive(c)
}

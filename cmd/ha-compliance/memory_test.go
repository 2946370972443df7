package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimitFor(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int64
	}{
		{0, baseMemoryLimit},
		{100 << 20, baseMemoryLimit},
		{200 << 20, 400 << 20},
		{1 << 62, 1<<63 - 1},
	} {
		if got := limitFor(tc.live); got != tc.want {
			t.Errorf("limitFor(%d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}

// TestMemoryPolicy: a user's GOMEMLIMIT and GOGC are kept; without them
// the limit starts at the base and follows a live heap that outgrows it.
func TestMemoryPolicy(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))

	debug.SetMemoryLimit(1 << 40)
	debug.SetGCPercent(77)
	setMemoryPolicy(func(string) (string, bool) { return "set", true })
	if got, gc := debug.SetMemoryLimit(-1), debug.SetGCPercent(77); got != 1<<40 || gc != 77 {
		t.Errorf("with GOMEMLIMIT and GOGC set: limit %d, GOGC %d; want both untouched", got, gc)
	}

	setMemoryPolicy(func(string) (string, bool) { return "", false })
	if got := debug.SetMemoryLimit(-1); got != baseMemoryLimit {
		t.Errorf("limit %d, want %d", got, baseMemoryLimit)
	}
	live := make([][]byte, 0, 200)
	for range 200 {
		live = append(live, make([]byte, 2<<20)) // 400 MiB live
	}
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < 700<<20 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs on its own goroutine
	}
	if got := debug.SetMemoryLimit(-1); got < 700<<20 {
		t.Errorf("with 400 MiB live the limit stayed at %d", got)
	}
	runtime.KeepAlive(live)
}

package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The garbage collector's defaults (docs/performance.md, "Memory"). A
// GOGC of 400 lets the heap grow toward the soft memory limit rather than
// collect at every doubling of a small live heap: a few per cent faster.
// The limit is what bounds the peak: 256 MiB keeps a 6,000-pod
// must-gather under 300 MB of RSS. A fixed limit cannot serve every size,
// though: once the live heap nears it the collector runs back to back and
// takes up to half the CPU (a 18,000-pod must-gather, measured). So the
// limit follows the input: after every collection it is raised to
// liveFactor times the live heap when that is more, which keeps the
// collector's pace that of GOGC=100 at worst. GOMEMLIMIT and GOGC in the
// environment win: with GOMEMLIMIT set, its limit stays as the user set it.
const (
	baseMemoryLimit  = 256 << 20
	defaultGCPercent = 400
	liveFactor       = 2
)

// setMemoryPolicy applies the defaults that the environment (lookup) does
// not set.
func setMemoryPolicy(lookup func(string) (string, bool)) {
	if _, set := lookup("GOGC"); !set {
		debug.SetGCPercent(defaultGCPercent)
	}
	if _, set := lookup("GOMEMLIMIT"); set {
		return
	}
	debug.SetMemoryLimit(baseMemoryLimit)
	followLiveHeap()
}

// followLiveHeap raises the memory limit after each collection to
// liveFactor times the live heap, never below baseMemoryLimit and never
// down: a load's heap only grows until its report is written. It hooks
// the end of each collection with a finalizer that re-arms itself, the
// documented way to observe collections without polling.
func followLiveHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	limit := int64(baseMemoryLimit)
	var arm func()
	arm = func() {
		sentinel := new([16]byte)
		runtime.SetFinalizer(sentinel, func(*[16]byte) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live := sample[0].Value.Uint64()
				if want := limitFor(live); want > limit {
					limit = want
					debug.SetMemoryLimit(limit)
				}
			}
			arm()
		})
	}
	arm()
}

// limitFor is the memory limit for a live heap of live bytes.
func limitFor(live uint64) int64 {
	if live > math.MaxInt64/liveFactor {
		return math.MaxInt64
	}
	return max(int64(baseMemoryLimit), int64(live)*liveFactor)
}

// Command ha-compliance judges the high availability of OpenShift platform
// components offline, from a must-gather or the artifacts of a CI job.
package main

import (
	"os"
	"runtime/debug"
)

// The garbage collector's defaults (docs/performance.md, "Memory"): the soft
// memory limit keeps the peak RSS of a 6,000-pod must-gather under 300 MB,
// which the default GOGC alone does not (it lets the heap double between
// cycles); with the limit as the bound, a GOGC of 400 lets the heap grow
// toward it rather than collect at every doubling of a small live heap: a
// few per cent faster, for 20-30 MB more at the peak. GOMEMLIMIT and GOGC
// in the environment win.
const (
	defaultMemoryLimit = 256 << 20
	defaultGCPercent   = 400
)

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(defaultGCPercent)
	}
	os.Exit(run(os.Args[1:], IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}))
}

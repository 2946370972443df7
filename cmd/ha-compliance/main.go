// Command ha-compliance judges the high availability of OpenShift platform
// components offline, from a must-gather or the artifacts of a CI job.
package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit keeps the peak RSS of a 6,000-pod must-gather under
// 300 MB (docs/performance.md): without a limit the GC lets the heap double
// between cycles. A GOMEMLIMIT in the environment wins.
const defaultMemoryLimit = 256 << 20

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	os.Exit(run(os.Args[1:], IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}))
}

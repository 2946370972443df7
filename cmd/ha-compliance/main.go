// Command ha-compliance judges the high availability of OpenShift platform
// components offline, from a must-gather or the artifacts of a CI job.
package main

import (
	"os"
)

func main() {
	setMemoryPolicy(os.LookupEnv)
	os.Exit(run(os.Args[1:], IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}))
}

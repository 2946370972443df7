// Command genruns writes synthetic CI job runs as a local mirror of the
// Prow bucket, for demos and benchmarks of `ha-compliance batch`:
//
//	go run ./hack/genruns/cmd -o /tmp/runs -runs 100
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/openshift-eng/ha-compliance/hack/genruns"
)

func main() {
	var o genruns.Options
	out := flag.String("o", "", "output folder (required)")
	flag.IntVar(&o.Runs, "runs", 30, "number of runs")
	flag.IntVar(&o.Namespaces, "namespaces", 4, "filler namespaces per cluster")
	flag.IntVar(&o.Deployments, "deployments", 3, "Deployments per filler namespace")
	flag.IntVar(&o.Replicas, "replicas", 2, "pods per filler Deployment (at most 3)")
	flag.IntVar(&o.EmptyEvery, "empty-every", 10, "every Nth run has no artifacts (0: none)")
	flag.IntVar(&o.BrokenEvery, "broken-every", 7, "every Nth run is broken (0: none)")
	kind := flag.String("kind", "", "what healthy runs hold: must-gather, gather-extra or both (default: each in turn)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "genruns: -o is required")
		os.Exit(2)
	}
	if *kind != "" {
		o.Kinds = []string{*kind}
	}
	infos, err := genruns.WriteMirror(*out, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genruns:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d runs below %s\n", len(infos), *out)
}

// Command genmustgather writes a synthetic must-gather of a chosen size, for
// benchmarks: the layout of `oc adm must-gather` (see docs/inputs.md), pod
// and workload objects of real size (probes, env, volumes, status and, for
// 4.10 and later, managedFields), both the namespace Lists and the per-pod
// copies, and container logs that make up most of the bytes, as real
// must-gathers do. Output is deterministic for a given seed and flags.
//
//	go run ./hack/genmustgather -nodes 120 -pods 6000 -out .bench/mg -archive all
//
// writes .bench/mg/must-gather.local.<seed>/ and, beside it,
// must-gather.tar.gz, .tar.zst and .tar.xz.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// options are the generator's flags.
type options struct {
	Nodes      int
	Pods       int
	Namespaces int
	LogBytes   int64
	Version    string
	Seed       uint64
	Out        string
	Archive    string
	Order      string
	XZLevel    int
}

func main() {
	var o options
	flag.IntVar(&o.Nodes, "nodes", 6, "nodes (3 of them control plane)")
	flag.IntVar(&o.Pods, "pods", 240, "pods in total")
	flag.IntVar(&o.Namespaces, "namespaces", 0, "platform namespaces (0: scale with pods, 60 at most)")
	flag.Int64Var(&o.LogBytes, "log-bytes", 180_000, "mean size of one container's current.log")
	flag.StringVar(&o.Version, "version", "4.16.3", "OpenShift version; 4.10 and later carry managedFields")
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed")
	flag.StringVar(&o.Out, "out", ".bench/mg", "output folder")
	flag.StringVar(&o.Archive, "archive", "none", "also write archives: tar.gz, tar.zst, tar.xz, all or none")
	flag.StringVar(&o.Order, "order", "fs", "tar entry order: fs (pseudo-random per folder, like a file system's) or sorted")
	flag.IntVar(&o.XZLevel, "xz-level", 6, "xz preset for tar.xz")
	flag.Parse()
	if err := run(o, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "genmustgather:", err)
		os.Exit(1)
	}
}

// run generates the tree and the requested archives, reporting progress to
// log.
func run(o options, log io.Writer) error {
	if o.Nodes < 1 || o.Pods < 1 {
		return fmt.Errorf("need at least one node and one pod")
	}
	formats, err := archiveFormats(o.Archive)
	if err != nil {
		return err
	}
	start := time.Now()
	c := plan(o)
	root := filepath.Join(o.Out, fmt.Sprintf("must-gather.local.%d", o.Seed))
	if err := os.RemoveAll(root); err != nil {
		return err
	}
	stats, err := writeTree(c, root)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %s: %d nodes, %d namespaces, %d pods, %d files, %.1f MB (%.1f MB YAML) in %s\n",
		root, len(c.nodes), len(c.namespaces), c.podCount(), stats.files, float64(stats.bytes)/1e6,
		float64(stats.yamlBytes)/1e6, time.Since(start).Round(time.Millisecond))
	for _, f := range formats {
		start := time.Now()
		name := filepath.Join(o.Out, "must-gather."+f)
		n, err := writeArchive(root, name, f, o)
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		fmt.Fprintf(log, "wrote %s: %.1f MB in %s\n", name, float64(n)/1e6, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func archiveFormats(s string) ([]string, error) {
	switch s {
	case "none", "":
		return nil, nil
	case "all":
		return []string{"tar.gz", "tar.zst", "tar.xz"}, nil
	case "tar.gz", "tar.zst", "tar.xz", "tar":
		return []string{s}, nil
	}
	return nil, fmt.Errorf("unknown -archive %q: want tar.gz, tar.zst, tar.xz, tar, all or none", s)
}

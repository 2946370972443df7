package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// InspectText writes the inspect summary for a person: inputs, cluster
// facts, object counts, namespaces, missing kinds and problems.
func InspectText(w io.Writer, in Inspection) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	p("Inputs:\n")
	for _, i := range in.Inputs {
		p("  %s\t%s, archive %s", i.Path, i.Format, i.Archive)
		if i.Job != "" {
			p(", job %s #%s", i.Job, i.BuildID)
		}
		p("\n")
		for _, r := range i.Roots {
			p("    root\t%s\n", r)
		}
	}
	c := in.Cluster
	p("Cluster:\n")
	p("  version\t%s\n", orNone(c.Version))
	p("  platform\t%s\n", orNone(c.Platform))
	p("  topology\tcontrol plane %s, infrastructure %s\n", orNone(c.ControlPlaneTopology), orNone(c.InfrastructureTopology))
	p("  nodes\t%d (%d control plane) in %d zones\n", c.Nodes, c.ControlPlaneNodes, c.Zones)
	p("Objects:\n")
	for _, k := range snapshot.StoredKinds() {
		if n, ok := in.Objects[string(k)]; ok {
			p("  %s\t%d\n", k, n)
		}
	}
	p("Namespaces:\n  collected\t%d\n  partial\t%d\n", in.Namespaces.Collected, in.Namespaces.Partial)
	if err := tw.Flush(); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "Missing: %s\n", orNone(strings.Join(in.Missing, ", "))); err != nil {
		return err
	}
	if len(in.Partial) > 0 {
		if _, err := fmt.Fprintf(w, "Partial: %s (the checks that need them are skipped)\n", partialText(in.Partial)); err != nil {
			return err
		}
	}
	for _, warn := range in.Warnings {
		if _, err := fmt.Fprintf(w, "Warning: %s\n", warn); err != nil {
			return err
		}
	}
	if len(in.Problems) == 0 {
		_, err := fmt.Fprintln(w, "Problems: none")
		return err
	}
	if _, err := fmt.Fprintf(w, "Problems: %d\n", len(in.Problems)); err != nil {
		return err
	}
	for _, pr := range in.Problems {
		if _, err := fmt.Fprintf(w, "  %s: %s\n", pr.Path, pr.Error); err != nil {
			return err
		}
	}
	return nil
}

// partialText lists partial kinds compactly: "Pods in openshift-etcd,
// Services everywhere".
func partialText(ps []snapshot.Partial) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		where := "everywhere"
		if p.Namespace != "" {
			where = "in " + p.Namespace
		}
		parts = append(parts, string(p.Kind)+"s "+where)
	}
	return strings.Join(parts, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

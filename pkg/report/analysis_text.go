package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// AnalysisText writes the compact summary `analyze -o text` prints: the
// cluster in one line, one row per namespace with its outcome counts and the
// checks that failed (informing ones marked *), then the totals, the missing
// data and the exception bookkeeping. Namespaces keep the results' order.
func AnalysisText(w io.Writer, a Analysis) error {
	var b strings.Builder
	f := a.Input.Cluster
	fmt.Fprintf(&b, "cluster: %s on %s, topology %s/%s (control plane/infrastructure), %d nodes\n",
		orNone(f.Version), orNone(f.Platform), orNone(f.ControlPlaneTopology), orNone(f.InfrastructureTopology), f.Nodes)
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAMESPACE\tPASS\tFLAKE\tFAIL\tSKIP\tFAILING CHECKS")
	namespaces, informing := 0, false
	for _, rows := range byNamespace(a.Results) {
		namespaces++
		s := result.Summarize(rows)
		var failing []string
		for _, r := range rows {
			if r.Outcome == result.Fail {
				name := r.Check
				if r.Informing {
					name += "*"
					informing = true
				}
				failing = append(failing, name)
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", rows[0].Namespace, s.Pass, s.Flake, s.Fail, s.Skip, strings.Join(failing, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(table.String(), "\n") {
		if line != "" {
			b.WriteString(strings.TrimRight(line, " \n") + "\n")
		}
	}
	s := a.Summary
	fmt.Fprintf(&b, "%d namespaces: %d pass, %d flake, %d fail, %d skip\n", namespaces, s.Pass, s.Flake, s.Fail, s.Skip)
	if informing {
		b.WriteString("* informing: its failures do not fail the run\n")
	}
	if len(a.Input.Missing) > 0 {
		fmt.Fprintf(&b, "missing from the input: %s (checks that need it are skipped)\n", strings.Join(a.Input.Missing, ", "))
	}
	if len(a.Input.Partial) > 0 {
		fmt.Fprintf(&b, "partly read: %s (checks that need them are skipped)\n", partialText(a.Input.Partial))
	}
	for _, warn := range a.Input.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", warn)
	}
	if n := len(a.Input.Problems); n > 0 {
		// The first problem is named: with one, it is all a reader needs;
		// with more, it is where to start.
		first := a.Input.Problems[0]
		more := ""
		if n > 1 {
			more = fmt.Sprintf(" (and %d more, listed in ha-compliance.json)", n-1)
		}
		fmt.Fprintf(&b, "problem: %s: %s%s\n", first.Path, first.Error, more)
	}
	if len(a.Exceptions.Unused) > 0 {
		fmt.Fprintf(&b, "unused exceptions: %s\n", strings.Join(a.Exceptions.Unused, ", "))
	}
	if len(a.Exceptions.Expired) > 0 {
		fmt.Fprintf(&b, "expired exceptions: %s\n", strings.Join(a.Exceptions.Expired, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// byNamespace groups consecutive results of one namespace.
func byNamespace(rs []result.Result) [][]result.Result {
	var out [][]result.Result
	for i, r := range rs {
		if i == 0 || rs[i-1].Namespace != r.Namespace {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], r)
	}
	return out
}

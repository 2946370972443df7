package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// MarkdownOptions say how the markdown report is written.
type MarkdownOptions struct {
	// Checks is the catalogue: it orders the matrix columns and gives each
	// check's fix. Checks missing from it are shown after, by id.
	Checks []checks.Check
}

// symbols are the one-character outcomes of the matrix.
var symbols = map[result.Outcome]string{
	result.Pass: "✅", result.Flake: "⚠️", result.Fail: "❌", result.Skip: "➖",
}

const legend = "✅ pass · ⚠️ flake (every violation excepted) · ❌ fail · ➖ skip (not applicable, or no data)"

// maxListed bounds the lists that grow with the input (unreadable files),
// so that a report on a large cluster stays readable; the JSON has them all.
const maxListed = 20

// Markdown writes the report for people, in markdown that GitHub and Jira
// both render: cluster facts and what was read, a namespace x check matrix,
// each failing namespace's violations with fixes and exception stanzas, the
// excepted violations, the skips, and unused and expired exceptions.
// Namespaces are sorted by name and checks follow the catalogue, so the
// same input always gives the same text.
func Markdown(w io.Writer, a Analysis, o MarkdownOptions) error {
	t := newTable(a.Results, o.Checks)
	var b strings.Builder
	writeFacts(&b, a)
	writeMatrix(&b, t)
	writeFailures(&b, t, o.Checks)
	writeExcepted(&b, a.Results)
	writeSkips(&b, t)
	writeExceptions(&b, a.Results, a.Exceptions)
	_, err := io.WriteString(w, b.String())
	return err
}

// table indexes results by namespace and check, in report order.
type table struct {
	namespaces []string
	checks     []string
	cell       map[[2]string]result.Result
	component  map[string]string
	informing  map[string]bool
}

func newTable(rs []result.Result, catalogue []checks.Check) *table {
	t := &table{cell: map[[2]string]result.Result{}, component: map[string]string{}, informing: map[string]bool{}}
	present := map[string]bool{}
	var extra []string
	for _, r := range rs {
		if _, ok := t.component[r.Namespace]; !ok {
			t.namespaces = append(t.namespaces, r.Namespace)
		}
		if r.Component != "" || t.component[r.Namespace] == "" {
			t.component[r.Namespace] = r.Component
		}
		if !present[r.Check] {
			present[r.Check] = true
			extra = append(extra, r.Check)
		}
		t.cell[[2]string{r.Namespace, r.Check}] = r
		t.informing[r.Check] = t.informing[r.Check] || r.Informing
	}
	slices.Sort(t.namespaces)
	for _, c := range catalogue {
		if present[string(c.ID)] {
			t.checks = append(t.checks, string(c.ID))
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		if !slices.Contains(t.checks, id) {
			t.checks = append(t.checks, id)
		}
	}
	return t
}

// has reports whether any result of namespace ns has outcome o.
func (t *table) has(ns string, o result.Outcome) bool {
	for _, c := range t.checks {
		if r, ok := t.cell[[2]string{ns, c}]; ok && r.Outcome == o {
			return true
		}
	}
	return false
}

func writeFacts(b *strings.Builder, a Analysis) {
	in, f := a.Input, a.Input.Cluster
	b.WriteString("# HA compliance report\n\n| | |\n|---|---|\n")
	row := func(k, v string) { fmt.Fprintf(b, "| **%s** | %s |\n", k, v) }
	row("Version", cell(orDefault(f.Version, "unknown")))
	row("Platform", cell(orDefault(f.Platform, "unknown")))
	row("Topology", cell(fmt.Sprintf("control plane %s, infrastructure %s",
		orDefault(f.ControlPlaneTopology, "not set"), orDefault(f.InfrastructureTopology, "not set"))))
	row("Nodes", fmt.Sprintf("%d (%d control plane) in %d %s", f.Nodes, f.ControlPlaneNodes, f.Zones, plural(f.Zones, "zone")))
	var inputs []string
	for _, i := range in.Inputs {
		inputs = append(inputs, fmt.Sprintf("%s (%s, archive %s)", code(i.Path), i.Format, i.Archive))
	}
	row("Input", orDefault(strings.Join(inputs, "; "), "none"))
	row("Objects", objectCounts(in.Objects))
	row("Namespaces", fmt.Sprintf("%d collected in full, %d partial (their checks have no data)",
		in.Namespaces.Collected, in.Namespaces.Partial))
	if len(in.Missing) > 0 {
		row("Missing", cell(strings.Join(in.Missing, ", "))+": the input cannot hold them, so the checks that need them are skipped")
	}
	if len(in.Problems) > 0 {
		row("Unreadable", fmt.Sprintf("%d %s, listed below; the rest was analysed", len(in.Problems), plural(len(in.Problems), "file")))
	}
	if len(in.Partial) > 0 {
		row("Partly read", cell(partialText(in.Partial))+": the checks that need them are skipped")
	}
	for _, w := range in.Warnings {
		row("Warning", cell(w))
	}
	s := result.Summarize(a.Results)
	fmt.Fprintf(b, "\n**Outcome:** ❌ %d fail · ⚠️ %d flake · ✅ %d pass · ➖ %d skip\n", s.Fail, s.Flake, s.Pass, s.Skip)
	if len(in.Problems) > 0 {
		b.WriteString("\n### Unreadable input\n\n")
		for i, p := range in.Problems {
			if i == maxListed {
				fmt.Fprintf(b, "- … and %d more (see ha-compliance.json)\n", len(in.Problems)-maxListed)
				break
			}
			fmt.Fprintf(b, "- %s: %s\n", code(p.Path), cell(p.Error))
		}
	}
}

// objectCounts lists the non-zero object counts, kinds in snapshot order.
func objectCounts(objects map[string]int) string {
	var parts []string
	for _, k := range snapshot.StoredKinds() {
		if n := objects[string(k)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return orDefault(strings.Join(parts, " · "), "none")
}

// writeMatrix shows namespaces with a violation (fail or flake) as rows and
// collapses the others into one line, so large clusters stay readable.
func writeMatrix(b *strings.Builder, t *table) {
	b.WriteString("\n## Results\n\n" + legend + "\n\n")
	var shown, quiet []string
	for _, ns := range t.namespaces {
		if t.has(ns, result.Fail) || t.has(ns, result.Flake) {
			shown = append(shown, ns)
		} else {
			quiet = append(quiet, code(ns))
		}
	}
	if len(shown) > 0 {
		b.WriteString("| namespace | component |")
		informing := false
		for _, c := range t.checks {
			b.WriteString(" " + c)
			if t.informing[c] {
				b.WriteString(`\*`)
				informing = true
			}
			b.WriteString(" |")
		}
		b.WriteString("\n|---|---|" + strings.Repeat(":-:|", len(t.checks)) + "\n")
		for _, ns := range shown {
			fmt.Fprintf(b, "| %s | %s |", ns, cell(orDefault(t.component[ns], "—")))
			for _, c := range t.checks {
				r, ok := t.cell[[2]string{ns, c}]
				sym := " "
				if ok {
					sym = symbols[r.Outcome]
				}
				b.WriteString(" " + sym + " |")
			}
			b.WriteString("\n")
		}
		if informing {
			b.WriteString("\n\\* informing: its failures are published but never fail the run\n")
		}
	}
	if len(quiet) > 0 {
		fmt.Fprintf(b, "\n✅ %d %s with no violation (only ✅ and ➖): %s\n",
			len(quiet), plural(len(quiet), "namespace"), strings.Join(quiet, ", "))
	}
	if len(t.namespaces) == 0 {
		b.WriteString("No namespace was judged.\n")
	}
}

// Replacers are built once: building one per table cell was a tenth of an
// analyze of a large cluster (docs/performance.md).
var (
	cellEscaper = strings.NewReplacer("|", `\|`, "<", `\<`, ">", `\>`)
	codeEscaper = strings.NewReplacer("|", `\|`, "`", "'")
)

// cell makes s safe inside a markdown table cell on one line.
func cell(s string) string { return cellEscaper.Replace(oneLine(s)) }

// code renders s as an inline code span that is safe in a table cell.
func code(s string) string { return "`" + codeEscaper.Replace(oneLine(s)) + "`" }

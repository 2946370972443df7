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

// maxListed bounds the lists that grow with the input (unreadable files,
// rows of the summary tables), so that a report on a large cluster stays
// readable; the details report and the JSON have them all.
const maxListed = 20

// MarkdownLimit is the most characters ha-compliance.md holds: a GitHub
// comment takes 65,536, and the margin is for what a person adds around it.
const MarkdownLimit = 60000

// The files written beside ha-compliance.md, which it points to.
const (
	DetailsFile    = "ha-compliance-details.md"
	ExceptionsFile = "ha-compliance-exceptions.yaml"
)

// Markdown writes the report people paste: cluster facts, the brief, the
// risks of this cluster, failures by component and by check, skips and
// exceptions. It stays under MarkdownLimit characters on any input: long
// lists are cut with a count, and a section that would not fit is replaced
// by a pointer to the details report (MarkdownDetails), which has every
// violation, and to the exceptions file (ExceptionsYAML). Namespaces are
// sorted by name and checks follow the catalogue, so the same input always
// gives the same text.
func Markdown(w io.Writer, a Analysis, o MarkdownOptions) error {
	t := newTable(a.Results, o.Checks)
	br := NewBrief(a, o.Checks)
	sections := []func(*strings.Builder){
		func(b *strings.Builder) { writeFacts(b, a) },
		func(b *strings.Builder) { b.WriteString("\n## Summary\n\n"); writeBrief(b, br, markdownMarkup) },
		func(b *strings.Builder) { writeRisks(b, br.Risks, markdownMarkup) },
		func(b *strings.Builder) {
			writeComponents(b, byComponent(a.Results, o.Checks, keepAll), t, markdownMarkup)
		},
		func(b *strings.Builder) { writeChecks(b, t, o.Checks, markdownMarkup) },
		func(b *strings.Builder) { writeSkips(b, t) },
		func(b *strings.Builder) { writeExceptions(b, a.Results, a.Exceptions, maxListed) },
	}
	footer := "\n---\nEvery violation with its fix: " + code(DetailsFile) + " · exception stanzas ready to edit: " +
		code(ExceptionsFile) + " · every field: " + code("ha-compliance.json") + "\n"
	_, err := io.WriteString(w, bounded(sections, MarkdownLimit-len(footer),
		"\n_The rest of this report did not fit: see "+DetailsFile+"._\n")+footer)
	return err
}

// bounded renders sections in order while they fit in limit characters;
// the first that does not is replaced by omitted, and the rest are left out.
func bounded(sections []func(*strings.Builder), limit int, omitted string) string {
	var b strings.Builder
	for _, write := range sections {
		var s strings.Builder
		write(&s)
		if b.Len()+s.Len()+len(omitted) > limit {
			b.WriteString(omitted)
			break
		}
		b.WriteString(s.String())
	}
	return b.String()
}

func keepAll(result.Result) bool { return true }

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
	row("Nodes", nodesText(f.Nodes, f.ControlPlaneNodes, f.Zones))
	var inputs []string
	for _, i := range in.Inputs {
		inputs = append(inputs, fmt.Sprintf("%s (%s)", code(i.Path), inputKind(i.Format, i.Archive)))
	}
	row("Input", orDefault(strings.Join(inputs, "; "), "none"))
	row("Objects", objectCounts(in.Objects))
	row("Namespaces", cell(namespacesText(in.Namespaces)))
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

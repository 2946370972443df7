package report

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// markup is how one text format spells the few constructs of the brief, so
// that text, markdown and Jira say the same thing in the same order.
type markup struct {
	section func(string) string // a section title, with its line breaks
	heading func(string) string // a title inside a section, with its line break
	item    func(string) string // a list item, with its line break
	code    func(string) string // an identifier
	text    func(string) string // escapes prose
	// header and row write a table's lines; cells are already escaped.
	header func(cols ...string) string
	row    func(cells ...string) string
	symbol func(result.Outcome) string
}

// Limits of the brief: with the verdict and two headings, ten lines at
// most, what a support engineer reads first. The sections after the brief
// have every risk and every component.
const (
	briefRisks = 3
	briefGaps  = 4
	briefWidth = 160 // runes of a risk's text before it is cut
)

// writeBrief renders the brief: the verdict, what to tell the customer,
// what to file. The headings say how many there are when the lists are cut.
func writeBrief(b *strings.Builder, br Brief, m markup) {
	b.WriteString(m.text(br.Verdict) + "\n")
	if n := len(br.Risks); n > 0 {
		head := "Tell the customer: " + count(n, "risk") + " specific to this cluster"
		if n > briefRisks {
			head += fmt.Sprintf(" (the first %d)", briefRisks)
		}
		b.WriteString(m.heading(head))
		for _, r := range br.Risks[:min(n, briefRisks)] {
			b.WriteString(m.item(riskLine(r, m)))
		}
	}
	if n := len(br.Gaps); n > 0 {
		head := "File: product-wide convention gaps in " + count(n, "component")
		if n > briefGaps {
			head += fmt.Sprintf(" (the worst %d)", briefGaps)
		}
		b.WriteString(m.heading(head))
		for _, g := range br.Gaps[:min(n, briefGaps)] {
			b.WriteString(m.item(gapLine(g, m)))
		}
	}
}

// riskLine is "[blocking] ns Kind/name: what (check, component)".
func riskLine(r Risk, m markup) string {
	tag := "observed"
	switch {
	case r.Check == "":
	case r.Blocking:
		tag = "blocking"
	default:
		tag = "informing"
	}
	s := m.text("["+tag+"] ") + m.code(r.Namespace+" "+r.Workload) + m.text(": "+cut(strings.TrimPrefix(r.What, r.Workload+": "), briefWidth))
	var about []string
	if r.Check != "" {
		about = append(about, m.code(r.Check))
	}
	if r.Component != "" {
		about = append(about, m.text(r.Component))
	}
	if len(about) > 0 {
		s += m.text(" (") + strings.Join(about, m.text(", ")) + m.text(")")
	}
	return s
}

// gapLine is "Component (namespaces): n violations; blocking a, b; informing c".
func gapLine(g Gap, m markup) string {
	s := m.text(gapName(g))
	if g.Component != "" {
		s += m.text(" (" + namespaceList(g.Namespaces) + ")")
	}
	s += m.text(": " + count(g.Violations, "violation"))
	ids := func(list []string) string {
		out := make([]string, len(list))
		for i, id := range list {
			out[i] = m.code(id)
		}
		return strings.Join(out, m.text(", "))
	}
	if len(g.Blocking) > 0 {
		s += m.text("; blocking ") + ids(g.Blocking)
	}
	if len(g.Informing) > 0 {
		s += m.text("; informing ") + ids(g.Informing)
	}
	return s
}

// namespaceList names up to three namespaces, then counts.
func namespaceList(nss []string) string {
	if len(nss) <= 3 {
		return strings.Join(nss, ", ")
	}
	return strings.Join(nss[:2], ", ") + fmt.Sprintf(" and %d more", len(nss)-2)
}

// cut shortens s to n runes, ending in "…".
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// plainMarkup is the brief as `analyze -o text` prints it.
var plainMarkup = markup{
	heading: func(s string) string { return s + ":\n" },
	item:    func(s string) string { return "  - " + s + "\n" },
	code:    func(s string) string { return s },
	text:    func(s string) string { return s },
}

// markdownMarkup is GitHub markdown.
var markdownMarkup = markup{
	section: func(s string) string { return "\n## " + s + "\n\n" },
	heading: func(s string) string { return "\n**" + s + "**\n\n" },
	item:    func(s string) string { return "- " + s + "\n" },
	code:    code,
	text:    cell,
	header: func(cols ...string) string {
		return "| " + strings.Join(cols, " | ") + " |\n|" + strings.Repeat("---|", len(cols)) + "\n"
	},
	row:    func(cells ...string) string { return "| " + strings.Join(cells, " | ") + " |\n" },
	symbol: func(o result.Outcome) string { return cmp.Or(symbols[o], "👁") },
}

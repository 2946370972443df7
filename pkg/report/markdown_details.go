package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// MarkdownDetails writes the full report behind ha-compliance.md, with no
// size limit: cluster facts, the namespace x check matrix, each failing
// namespace's violations with the fixes, the excepted violations, the skips
// and every exception. The stanzas that would cover the unexcepted
// violations are in ExceptionsYAML.
func MarkdownDetails(w io.Writer, a Analysis, o MarkdownOptions) error {
	t := newTable(a.Results, o.Checks)
	var b strings.Builder
	writeFacts(&b, a)
	writeMatrix(&b, t)
	writeFailures(&b, t, o.Checks)
	writeExcepted(&b, a.Results)
	writeSkips(&b, t)
	writeExceptions(&b, a.Results, a.Exceptions, 0)
	_, err := io.WriteString(w, b.String())
	return err
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

const violationHeader = "| | check | workload | container | what is wrong | exception |\n|---|---|---|---|---|---|\n"

// writeFailures gives each failing namespace its violations (excepted ones
// too, marked ⚠️), the fix of each failing check, and an exception stanza
// for every violation no exception covers.
func writeFailures(b *strings.Builder, t *table, catalogue []checks.Check) {
	first := true
	for _, ns := range t.namespaces {
		if !t.has(ns, result.Fail) {
			continue
		}
		if first {
			b.WriteString("\n## Failures\n")
			first = false
		}
		fmt.Fprintf(b, "\n### ❌ %s\n\n", ns)
		if comp := t.component[ns]; comp != "" {
			fmt.Fprintf(b, "Jira component: **%s**\n\n", cell(comp))
		}
		b.WriteString(violationHeader)
		var fixes []string
		open := 0
		for _, id := range t.checks {
			r, ok := t.cell[[2]string{ns, id}]
			if !ok || r.Outcome != result.Fail {
				continue
			}
			if len(r.Violations) == 0 {
				fmt.Fprintf(b, "| ❌ | %s | — | — | %s | — |\n", code(id), cell(orDefault(r.Reason, "check failed")))
			}
			for _, v := range r.Violations {
				sym := symbols[result.Fail]
				if v.Exception != "" {
					sym = symbols[result.Flake]
				} else {
					open++
				}
				fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", sym, code(id), code(v.Kind+"/"+v.Name),
					containerCell(v.Container), cell(v.Message), exceptionCell(v))
			}
			if fix := findCheck(catalogue, id).Fix; fix != "" && len(r.Violations) > 0 {
				fixes = append(fixes, fmt.Sprintf("- %s: %s\n", code(id), cell(fix)))
			}
		}
		if len(fixes) > 0 {
			b.WriteString("\n**How to fix**\n\n" + strings.Join(fixes, ""))
		}
		if open > 0 {
			fmt.Fprintf(b, "\nExceptions that would cover the %s: in %s, under %s.\n",
				count(open, "unexcepted violation"), code(ExceptionsFile), code(ns))
		}
	}
}

// writeExcepted lists the violations exceptions cover in results that did
// not fail: the flakes with their Jira links, and allow-listed passes.
func writeExcepted(b *strings.Builder, rs []result.Result) {
	var rows []string
	for _, r := range rs {
		if r.Outcome == result.Fail || r.Outcome == result.Skip {
			continue
		}
		for _, v := range r.Violations {
			if v.Exception == "" {
				continue
			}
			rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s |\n", symbols[r.Outcome], r.Namespace,
				code(r.Check), code(v.Kind+"/"+v.Name), containerCell(v.Container), exceptionCell(v)))
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\n## Excepted violations\n\n⚠️ flake: covered by an exception, still reported to Sippy · ✅ allow-listed and counted as a pass\n\n")
	b.WriteString("| | namespace | check | workload | container | exception |\n|---|---|---|---|---|---|\n")
	b.WriteString(strings.Join(rows, ""))
}

func containerCell(c string) string {
	if c == "" {
		return "—"
	}
	return code(c)
}

// exceptionCell names the exception covering v: with its Jira link when a
// bug is pending, as allow-listed when permanent. Reasons and approvers are
// in the exceptions table, once per exception.
func exceptionCell(v result.Violation) string {
	if v.Exception == "" {
		return "—"
	}
	s := code(v.Exception)
	switch w := v.Waiver; {
	case w == nil:
	case w.Type == string(exceptions.Permanent):
		s += " (allow-listed)"
	case w.JiraURL != "":
		s += fmt.Sprintf(": [%s](%s)", w.Jira, w.JiraURL)
	default:
		s += ": " + cell(w.Jira)
	}
	return s
}

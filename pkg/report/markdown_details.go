package report

import (
	"fmt"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

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
		var fixes, stanzas []string
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
					stanzas = append(stanzas, exceptions.Stanza(ns, id, v, r.Component))
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
		if len(stanzas) > 0 {
			b.WriteString("\n**Or except them** — file the bug, put its key in `jira`, and add to your exceptions file:\n\n")
			b.WriteString("```yaml\n" + strings.Join(stanzas, "") + "```\n")
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

// writeSkips groups skipped results by check and reason, since a reason
// such as "no PodDisruptionBudget in the input" repeats in every namespace.
func writeSkips(b *strings.Builder, t *table) {
	type group struct{ check, reason string }
	var order []group
	byGroup := map[group][]string{}
	for _, id := range t.checks {
		for _, ns := range t.namespaces {
			r, ok := t.cell[[2]string{ns, id}]
			if !ok || r.Outcome != result.Skip {
				continue
			}
			g := group{id, orDefault(r.Reason, "no reason given")}
			if _, seen := byGroup[g]; !seen {
				order = append(order, g)
			}
			byGroup[g] = append(byGroup[g], ns)
		}
	}
	if len(order) == 0 {
		return
	}
	b.WriteString("\n## Skipped\n\n| check | why | namespaces |\n|---|---|---|\n")
	for _, g := range order {
		nss := byGroup[g]
		where := fmt.Sprintf("%d namespaces", len(nss))
		if len(nss) <= 3 {
			where = strings.Join(nss, ", ")
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", code(g.check), cell(g.reason), where)
	}
}

func writeExceptions(b *strings.Builder, e ExceptionReport) {
	b.WriteString("\n## Exceptions\n\n")
	if len(e.Unused) == 0 && len(e.Expired) == 0 {
		b.WriteString("No exception is unused or expired.\n")
		return
	}
	ids := func(list []string) string {
		var out []string
		for _, id := range list {
			out = append(out, code(id))
		}
		return strings.Join(out, ", ")
	}
	if len(e.Unused) > 0 {
		fmt.Fprintf(b, "- **Unused** (matched nothing in this input: remove them, or fix what they match): %s\n", ids(e.Unused))
	}
	if len(e.Expired) > 0 {
		fmt.Fprintf(b, "- **Expired** (ignored, so the violations they cover fail): %s\n", ids(e.Expired))
	}
}

func containerCell(c string) string {
	if c == "" {
		return "—"
	}
	return code(c)
}

// exceptionCell names the exception covering v with its Jira link, or the
// allow-list reason and approver.
func exceptionCell(v result.Violation) string {
	if v.Exception == "" {
		return "—"
	}
	s := code(v.Exception)
	w := v.Waiver
	switch {
	case w == nil:
	case w.Type == string(exceptions.Permanent):
		s += ": allow-listed: " + cell(w.Reason)
		if w.ApprovedBy != "" {
			s += " (approved by " + code(w.ApprovedBy) + ")" // a code span, so @team mentions nobody
		}
	case w.JiraURL != "":
		s += fmt.Sprintf(": [%s](%s)", w.Jira, w.JiraURL)
	default:
		s += ": " + cell(w.Jira)
	}
	if w != nil && w.TargetVersion != "" {
		s += ", fix planned for " + cell(w.TargetVersion)
	}
	return s
}

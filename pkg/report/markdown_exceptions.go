package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// writeSkips groups skipped results by reason and by the namespaces they
// hit, since a reason such as "no PodDisruptionBudgets in input" repeats in
// every namespace, and a partial namespace skips every check.
func writeSkips(b *strings.Builder, t *table) {
	type row struct {
		reason string
		nss    []string
		checks []string
	}
	var rows []*row
	for _, id := range t.checks {
		byReason := map[string][]string{}
		var reasons []string
		for _, ns := range t.namespaces {
			if r, ok := t.cell[[2]string{ns, id}]; ok && r.Outcome == result.Skip {
				reason := orDefault(r.Reason, "no reason given")
				if _, seen := byReason[reason]; !seen {
					reasons = append(reasons, reason)
				}
				byReason[reason] = append(byReason[reason], ns)
			}
		}
		for _, reason := range reasons {
			i := slices.IndexFunc(rows, func(r *row) bool { return r.reason == reason && slices.Equal(r.nss, byReason[reason]) })
			if i < 0 {
				rows = append(rows, &row{reason: reason, nss: byReason[reason]})
				i = len(rows) - 1
			}
			rows[i].checks = append(rows[i].checks, code(id))
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\n## Skipped\n\n| why | checks | namespaces |\n|---|---|---|\n")
	for _, r := range rows {
		checks := strings.Join(r.checks, ", ")
		if len(r.checks) == len(t.checks) && len(t.checks) > 1 {
			checks = "every check"
		}
		where := fmt.Sprintf("%d namespaces", len(r.nss))
		if len(r.nss) <= 3 {
			where = strings.Join(r.nss, ", ")
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", cell(r.reason), checks, where)
	}
}

// writeExceptions lists each exception that covered something, once, with
// its bug or reason, then the unused and expired ones.
// At most limit used exceptions are listed (0: all).
func writeExceptions(b *strings.Builder, rs []result.Result, e ExceptionReport, limit int) {
	b.WriteString("\n## Exceptions\n\n")
	var used []*result.Waiver
	covers := map[string]int{}
	for _, r := range rs {
		for _, v := range r.Violations {
			if w := v.Waiver; w != nil {
				if covers[w.ID] == 0 {
					used = append(used, w)
				}
				covers[w.ID]++
			}
		}
	}
	slices.SortFunc(used, func(a, b *result.Waiver) int { return strings.Compare(a.ID, b.ID) })
	if len(used) > 0 {
		b.WriteString("| exception | covers | bug or reason | approved by | fix planned for | expires |\n|---|--:|---|---|---|---|\n")
		for i, w := range used {
			if limit > 0 && i == limit {
				fmt.Fprintf(b, "| … and %d more (see %s) | | | | | |\n", len(used)-limit, DetailsFile)
				break
			}
			why := cell(w.Reason)
			if w.Type == string(exceptions.PendingJira) {
				why = fmt.Sprintf("[%s](%s)", w.Jira, w.JiraURL)
				if w.Reason != "" {
					why += ": " + cell(w.Reason)
				}
			}
			approver := "—"
			if w.ApprovedBy != "" {
				approver = code(w.ApprovedBy) // a code span, so @team mentions nobody
			}
			fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s |\n", code(w.ID), covers[w.ID], why, approver,
				cell(orDefault(w.TargetVersion, "—")), cell(orDefault(w.Expires, "never")))
		}
		b.WriteString("\n")
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
	if len(used)+len(e.Unused)+len(e.Expired) == 0 {
		b.WriteString("No exception applied.\n")
	}
}

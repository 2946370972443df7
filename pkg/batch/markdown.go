package batch

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/report"
)

// statuses in the order the summary shows them.
var statuses = []string{StatusOK, StatusPartial, StatusNoInput, StatusError}

// Markdown writes the summary: runs by release, outcomes by (namespace,
// check), and the rule_keys with where they were first and last seen. It
// depends only on the rows, so the summary of shards merged equals that of
// one process.
func (s *Summary) Markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# HA compliance across job runs\n\n")
	p("%d runs, the latest scoring of each: %s.\n", s.Runs, statusList(s.ByStatus))
	p("Pass rate is (pass + flake) / (pass + flake + fail): skips are left out, as Sippy does.\n\n")

	p("## By release\n\n")
	p("| Release | Runs | ok | partial | no-input | error | Pass | Flake | Fail | Skip | Pass rate |\n")
	p("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range s.Releases {
		p("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |\n", cell(r.Release), r.Runs,
			r.ByStatus[StatusOK], r.ByStatus[StatusPartial], r.ByStatus[StatusNoInput], r.ByStatus[StatusError],
			r.Results.Pass, r.Results.Flake, r.Results.Fail, r.Results.Skip, rate(r.Results))
	}

	p("\n## By namespace and check\n\n")
	p("Runs judged is the runs in which the check did not skip.\n\n")
	p("| Namespace | Check | Component | Runs judged | Pass | Flake | Fail | Skip | Pass rate |\n")
	p("|---|---|---|--:|--:|--:|--:|--:|--:|\n")
	for _, c := range s.Checks {
		p("| %s | %s | %s | %d | %d | %d | %d | %d | %s |\n", cell(c.Namespace), cell(c.Check), cell(c.Component),
			c.Pass+c.Flake+c.Fail, c.Pass, c.Flake, c.Fail, c.Skip, rate(c.TrendCounts))
	}

	p("\n## Violations by rule_key\n\n")
	if len(s.Rules) == 0 {
		p("No violation in any run.\n")
		return bw.Flush()
	}
	p("One line per rule_key: one Jira bug each. Failing counts the runs where no exception covered it.\n\n")
	p("| rule_key | Namespace | Check | Runs | Failing | Releases | First seen | Last seen | Exceptions |\n")
	p("|---|---|---|--:|--:|---|---|---|---|\n")
	for _, r := range s.Rules {
		p("| `%s` | %s | %s | %d | %d | %s | %s | %s | %s |\n", r.RuleKey, cell(r.Namespace), cell(r.Check),
			r.Runs, r.Failing, cell(strings.Join(r.Releases, ", ")), seenCell(r.First), seenCell(r.Last),
			cell(strings.Join(r.Exceptions, ", ")))
	}
	return bw.Flush()
}

func statusList(by map[string]int) string {
	var parts []string
	for _, s := range statuses {
		parts = append(parts, fmt.Sprintf("%d %s", by[s], s))
	}
	return strings.Join(parts, ", ")
}

func rate(c report.TrendCounts) string {
	r, ok := c.PassRate()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*r)
}

func seenCell(s Seen) string {
	label := s.Started
	if label == "" {
		label = s.RunKey
	}
	if len(label) >= len("2006-01-02T15:04") && strings.Contains(label, "T") {
		label = label[:len("2006-01-02T15:04")] + "Z"
	}
	if strings.HasPrefix(s.Link, "http") {
		return fmt.Sprintf("[%s](%s)", label, s.Link)
	}
	return fmt.Sprintf("%s (%s)", label, cell(s.Link))
}

// cell makes text safe in a table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

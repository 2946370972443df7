package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// failureText is the one-line failure message and the body of a failing or
// flaking result: one line per violation, then the topology and convention.
func failureText(r result.Result, c checks.Check) (msg, body string) {
	excepted := 0
	var lines []string
	for _, v := range r.Violations {
		if v.Exception != "" {
			excepted++
		}
		lines = append(lines, violationLine(v))
	}
	n := len(r.Violations)
	if n == 0 {
		msg = oneLine(orDefault(r.Reason, "check failed"))
	} else {
		msg = fmt.Sprintf("%d %s (%d fail, %d excepted)", n, plural(n, "violation"), n-excepted, excepted)
	}
	switch {
	case n == 0:
		lines = append(lines, msg)
	case r.Reason != "":
		lines = append(lines, "note: "+oneLine(r.Reason))
	}
	if t := topologies(r.Violations); t != "" {
		lines = append(lines, "topology: "+t)
	}
	if c.Convention != "" {
		lines = append(lines, "convention: "+oneLine(c.Convention))
	}
	return msg, strings.Join(lines, "\n")
}

// violationLine renders one violation on one line: [FAIL] or [FLAKE], the
// workload and container, what is wrong, the rule key, and the exception.
func violationLine(v result.Violation) string {
	tag := "[FAIL]"
	if v.Exception != "" {
		tag = "[FLAKE]"
	}
	s := tag + " " + v.Kind + "/" + v.Name
	if v.Container != "" {
		s += " container " + v.Container
	}
	s += ": " + v.Message + " (rule " + v.RuleKey + ")"
	if v.Exception != "" {
		s += "; " + waiverText(v)
	}
	return oneLine(s)
}

// waiverText says which exception covers v: its Jira key and link, or the
// allow-list reason and approver.
func waiverText(v result.Violation) string {
	w := v.Waiver
	if w == nil {
		return "exception " + v.Exception
	}
	s := "exception " + w.ID
	if w.Baseline {
		s += " (shipped baseline, from " + w.Reference + ")"
	}
	if w.Type == string(exceptions.Permanent) {
		s += ": allow-listed: " + w.Reason
		if w.ApprovedBy != "" {
			s += " (approved by " + w.ApprovedBy + ")"
		}
		return s
	}
	s += ": " + w.Jira
	if w.JiraURL != "" {
		s += " " + w.JiraURL
	}
	if w.TargetVersion != "" {
		s += ", fix planned for " + w.TargetVersion
	}
	return s
}

// topologies lists the distinct topologies the violations were judged under.
func topologies(vs []result.Violation) string {
	var ts []string
	for _, v := range vs {
		if v.Topology != "" && !slices.Contains(ts, v.Topology) {
			ts = append(ts, v.Topology)
		}
	}
	return strings.Join(ts, "; ")
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// lineFolder turns line breaks and tabs into spaces.
var lineFolder = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// oneLine folds s onto one line of valid XML text.
func oneLine(s string) string { return xmlText(lineFolder.Replace(s)) }

// xmlText replaces the characters XML 1.0 cannot hold, which encoding/xml
// would otherwise copy into CDATA sections unchanged.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

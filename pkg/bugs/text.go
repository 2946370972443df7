package bugs

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// description is the bug's body in Jira wiki markup (what API v2 takes on
// Data Center and Cloud): what is wrong per workload and container, the
// convention and its link, how to fix, how to verify, the test name to
// search in Sippy, where it was seen, and the exception to add meanwhile.
func description(d Draft, c checks.Check, label string) string {
	var b strings.Builder
	title := cmp.Or(c.Title, d.Check)
	fmt.Fprintf(&b, "h3. What is wrong\n\nThe HA convention check {{%s}} (%s) finds %s in namespace {{%s}}:\n\n",
		d.Check, wiki(title), count(len(d.Violations), "violation"), d.Namespace)
	for _, v := range d.Violations {
		fmt.Fprintf(&b, "* %s: %s\n", wiki(workload(v)), wiki(v.Message))
	}
	if c.Description != "" || c.Convention != "" {
		b.WriteString("\nh3. The convention\n\n")
		if c.Description != "" {
			b.WriteString(wiki(c.Description) + "\n")
		}
		if c.Convention != "" {
			fmt.Fprintf(&b, "See %s\n", c.Convention)
		}
	}
	if c.Fix != "" {
		fmt.Fprintf(&b, "\nh3. How to fix\n\n%s\n", wiki(c.Fix))
	}
	fmt.Fprintf(&b, "\nh3. How to verify\n\nOn a must-gather (or the CI artifacts) of a cluster with the fix:\n{noformat}\nha-compliance analyze <must-gather> --checks %s --include-namespaces '^%s$'\n{noformat}\nThe check passes in {{%s}}. In CI, the test below passes in Sippy.\n",
		d.Check, regexp.QuoteMeta(d.Namespace), d.Namespace)
	fmt.Fprintf(&b, "\nh3. Test name (search it in Sippy)\n\n{noformat}\n%s\n{noformat}\n", d.TestName)
	if d.First != nil {
		fmt.Fprintf(&b, "\nh3. Seen in\n\n%s; first: %s, last: %s\n", count(d.Runs, "run"), runText(d.First, true), runText(d.Last, true))
	}
	if len(d.Versions) > 0 {
		fmt.Fprintf(&b, "\nAffects: %s\n", strings.Join(d.Versions, ", "))
	}
	fmt.Fprintf(&b, "\nh3. Exception while this bug is open\n\nha-compliance reports these violations as flakes, not failures, while this bug is open, with this in its exceptions file ({{%s}} replaced by this bug's key):\n{code:yaml}\n%s{code}\n",
		exceptions.JiraPlaceholder, d.Exceptions)
	fmt.Fprintf(&b, "\n_Drafted by ha-compliance with the label {{%s}}. Keep the summary: the tool finds this bug by it. When closing: Done once fixed (the exception is then removed), Won't Do or Not a Bug when the violation is accepted (it then moves to the permanent exceptions)._\n", label)
	return b.String()
}

func workload(v result.Violation) string {
	s := v.Kind + " " + v.Name
	if v.Container != "" {
		s += ", container " + v.Container
	}
	return s
}

func runText(r *Run, wikiLink bool) string {
	s := cmp.Or(r.Job, r.Key)
	if r.BuildID != "" {
		s += " #" + r.BuildID
	}
	if r.Started != "" {
		s += " (" + r.Started + ")"
	}
	link := r.Link()
	switch {
	case link == "" || link == r.Key && !strings.Contains(link, "://"):
		return s
	case wikiLink:
		return "[" + wiki(s) + "|" + link + "]"
	}
	return "[" + s + "](" + link + ")"
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// wiki escapes the characters Jira's wiki markup would read as markup.
var wikiEscaper = strings.NewReplacer("{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, "|", `\|`, "*", `\*`, "_", `\_`)

func wiki(s string) string { return wikiEscaper.Replace(s) }

// Package bugs turns the violations no exception covers into Jira bugs, one
// per (namespace, check), the granularity of a test name (the review's
// step 2: "write a Jira for each ... label the jiras with a specific
// label"). Drafting is pure; filing (file.go) talks to Jira through
// pkg/jira and never files the same bug twice.
package bugs

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/jira"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// The defaults of Options.
const (
	DefaultProject   = "OCPBUGS"
	DefaultIssueType = "Bug"
	DefaultLabel     = "ha-compliance"
	// SummaryPrefix starts every summary, so people see where a bug came from.
	SummaryPrefix = "[ha-compliance] "
)

// Options say how drafts are made.
type Options struct {
	Project   string // DefaultProject when ""
	IssueType string // DefaultIssueType when ""
	Label     string // DefaultLabel when ""
	// MinRuns is how many runs of a batch must have seen a (namespace,
	// check) failing for it to get a draft; 1 when 0. One analysis is one run.
	MinRuns int
	// Checks is the catalogue, for the convention, fix and summary of each check.
	Checks []checks.Check
}

func (o Options) withDefaults() Options {
	o.Project = cmp.Or(o.Project, DefaultProject)
	o.IssueType = cmp.Or(o.IssueType, DefaultIssueType)
	o.Label = cmp.Or(o.Label, DefaultLabel)
	o.MinRuns = max(o.MinRuns, 1)
	return o
}

// Draft is one bug to file: what fails for one (namespace, check).
type Draft struct {
	Namespace string `json:"namespace"`
	Check     string `json:"check"`
	Component string `json:"component,omitempty"`
	TestName  string `json:"testName"`
	// Violations are the distinct violations without exception, by rule key.
	Violations []result.Violation `json:"violations"`
	// Versions are the affected releases (X.Y), when known.
	Versions []string `json:"versions,omitempty"`
	// Runs counts the runs that saw the failure; First and Last are the
	// earliest and latest of them (nil for one analysis).
	Runs  int  `json:"runs"`
	First *Run `json:"firstRun,omitempty"`
	Last  *Run `json:"lastRun,omitempty"`
	// Exceptions are pending-jira exception stanzas (YAML list items) that
	// cover exactly these violations, their jira the placeholder until filed.
	Exceptions string `json:"exceptions"`
	// Issue is the create-issue body (POST /rest/api/2/issue).
	Issue jira.NewIssue `json:"issue"`
}

// Summary is the bug's title: no counts, no pod names, the same in every
// run, so that `bugs file` finds the bug again by it.
func (d Draft) Summary() string { return d.Issue.Fields.Summary }

type group struct {
	Draft
	ruleKeys map[string]bool
	runKeys  map[string]bool
}

// Drafts returns one draft per (namespace, check) with a violation no
// exception covers, seen in at least MinRuns runs, ordered by namespace and
// check. A result published as a flake by a rollout counts: it lacks an
// exception all the same.
func Drafts(src *Source, o Options) []Draft {
	o = o.withDefaults()
	groups := map[[2]string]*group{}
	var order [][2]string
	for i, r := range src.Results {
		if !r.Unexcepted() || len(r.UnexceptedViolations()) == 0 {
			continue
		}
		k := [2]string{r.Namespace, r.Check}
		g := groups[k]
		if g == nil {
			g = &group{Draft: Draft{Namespace: r.Namespace, Check: r.Check, Component: r.Component, TestName: r.TestName},
				ruleKeys: map[string]bool{}, runKeys: map[string]bool{}}
			groups[k] = g
			order = append(order, k)
		}
		for _, v := range r.UnexceptedViolations() {
			rk := cmp.Or(v.RuleKey, v.Kind+"/"+v.Name+"/"+v.Container)
			if !g.ruleKeys[rk] {
				g.ruleKeys[rk] = true
				v.Waiver = nil
				g.Violations = append(g.Violations, v)
			}
		}
		var run *Run
		if src.Runs != nil {
			run = src.Runs[i]
		}
		g.seen(run, src.Version)
	}
	slices.SortFunc(order, func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	var out []Draft
	for _, k := range order {
		g := groups[k]
		if g.Runs < o.MinRuns {
			continue
		}
		slices.SortFunc(g.Violations, func(a, b result.Violation) int {
			return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Container, b.Container))
		})
		slices.Sort(g.Versions)
		g.Exceptions = stanzas(g.Namespace, g.Check, g.Violations)
		g.Issue = issue(g.Draft, o)
		out = append(out, g.Draft)
	}
	return out
}

// seen counts one run (or the one analysis when run is nil).
func (g *group) seen(run *Run, version string) {
	if run == nil {
		g.Runs = 1
		addVersion(&g.Versions, version)
		return
	}
	if g.runKeys[run.Key] {
		return
	}
	g.runKeys[run.Key] = true
	g.Runs++
	addVersion(&g.Versions, cmp.Or(run.Release, run.Version))
	if g.First == nil || run.Started < g.First.Started {
		g.First = run
	}
	if g.Last == nil || run.Started >= g.Last.Started {
		g.Last = run
	}
}

var minor = regexp.MustCompile(`^(\d+\.\d+)(\.|$|-)`)

// addVersion adds the X.Y of a release or cluster version, e.g. 4.8 of
// 4.8.0-0.nightly-2021-06-10-123456.
func addVersion(vs *[]string, v string) {
	if m := minor.FindStringSubmatch(strings.TrimPrefix(v, "v")); m != nil && !slices.Contains(*vs, m[1]) {
		*vs = append(*vs, m[1])
	}
}

// stanzas are the exceptions that cover exactly vs, their jira the placeholder.
func stanzas(ns, check string, vs []result.Violation) string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(exceptions.Stanza(ns, check, v))
	}
	return b.String()
}

// StanzasFor returns the exception stanzas of d, one per violation, pointing
// at the bug key.
func (d Draft) StanzasFor(key string) []string {
	var out []string
	for _, v := range d.Violations {
		out = append(out, strings.ReplaceAll(exceptions.Stanza(d.Namespace, d.Check, v), exceptions.JiraPlaceholder, key))
	}
	return out
}

func findCheck(cs []checks.Check, id string) checks.Check {
	for _, c := range cs {
		if string(c.ID) == id {
			return c
		}
	}
	return checks.Check{ID: checks.ID(id)}
}

// tags are the [Monitor:...][Jira:"..."] prefixes of a test name.
var tags = regexp.MustCompile(`^(\[[^\]]*\]\s*)+`)

// summary is "[ha-compliance] <subject> in ns/<namespace> should <rule>",
// the words of the test name without its tags.
func summary(d Draft, c checks.Check) string {
	if c.Subject != "" && c.Should != "" {
		return SummaryPrefix + c.Subject + " in ns/" + d.Namespace + " should " + c.Should
	}
	if rest := strings.TrimSpace(tags.ReplaceAllString(d.TestName, "")); rest != "" {
		return SummaryPrefix + rest
	}
	return fmt.Sprintf("%scheck %s fails in ns/%s", SummaryPrefix, d.Check, d.Namespace)
}

// issue is the create-issue body of d.
func issue(d Draft, o Options) jira.NewIssue {
	c := findCheck(o.Checks, d.Check)
	f := jira.NewFields{Project: jira.Ref{Key: o.Project}, IssueType: jira.Ref{Name: o.IssueType},
		Summary: summary(d, c), Description: description(d, c, o.Label), Labels: []string{o.Label}}
	if d.Component != "" {
		f.Components = []jira.Ref{{Name: d.Component}}
	}
	for _, v := range d.Versions {
		f.Versions = append(f.Versions, jira.Ref{Name: v})
	}
	return jira.NewIssue{Fields: f}
}

package exceptions

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/jira"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// IssueReader reads the state of bugs, each key once; *jira.Client is one.
type IssueReader interface {
	Issues(ctx context.Context, keys []string) map[string]jira.Answer
}

// Action is what the verification of one pending-jira exception asks for.
type Action string

// The actions, from nothing to do to "could not tell".
const (
	// Open: the bug is open, the exception stays.
	Open Action = "open"
	// Remove: the bug was fixed and the violation is gone.
	Remove Action = "remove"
	// Reopen: the bug was closed as fixed but the violation is still seen.
	Reopen Action = "reopen"
	// CheckFixed: the bug was closed as fixed; no results say whether the
	// violation is gone (run with --results), or the results did not judge it.
	CheckFixed Action = "check-fixed"
	// MakePermanent: the bug was closed as won't-fix, not-a-bug or obsolete:
	// the violation is accepted, so the exception moves to the permanent list.
	MakePermanent Action = "make-permanent"
	// Decide: closed with a resolution that says nothing of the fix (e.g.
	// Duplicate): a person decides.
	Decide Action = "decide"
	// NotFound: Jira has no such issue, or does not show it to this credential.
	NotFound Action = "not-found"
	// NoPermission: the credential may not read the issue (401, 403).
	NoPermission Action = "no-permission"
	// Unknown: the bug could not be read (network, timeouts, 5xx): nothing
	// can be said, so nothing is to be done yet.
	Unknown Action = "unknown"
)

// ToActOn reports whether a verdict asks a person to do something.
func (a Action) ToActOn() bool {
	switch a {
	case Remove, Reopen, CheckFixed, MakePermanent, Decide:
		return true
	}
	return false
}

// Unread reports whether the bug could not be read, whatever the reason.
func (a Action) Unread() bool { return a == NotFound || a == NoPermission || a == Unknown }

// Resolution names as Jira Data Center, Jira Cloud and Red Hat's Jira use them.
var (
	// fixedResolutions say the problem was dealt with; "" is a done status
	// without resolution. Cannot Reproduce is here too: if the tool still
	// sees the violation, the bug is reopened with where it was seen.
	fixedResolutions = []string{"", "done", "fixed", "done-errata", "errata", "current release", "resolved", "completed", "cannot reproduce"}
	// acceptedResolutions say the violation is not going to change.
	acceptedResolutions = []string{"won't do", "won't fix", "wont do", "wont fix", "not a bug", "obsolete", "can't do", "cant do", "rejected"}
)

// Evidence is what a run, or many, saw: the results to look for each
// excepted violation in, and optionally where each was seen (Runs[i] names
// the run of Results[i], e.g. its Prow link).
type Evidence struct {
	Results []result.Result
	Runs    []string
}

// Verdict is what verification found for one pending-jira exception.
type Verdict struct {
	ID    string
	Jira  string
	Issue jira.Issue
	// Err is why the bug could not be read.
	Err    error
	Action Action
	// Seen lists where the excepted violation still shows (up to a few), for
	// Reopen and as context.
	Seen []string
	// Comment is what to post on the bug when Action is Reopen.
	Comment string
	// Reason is the permanent exception's reason when Action is MakePermanent.
	Reason string
}

// Verify reads the bug of every pending-jira exception (each key once, as
// the reader bounds concurrency) and classifies it against ev, which may be
// nil when no results were given. Verdicts are in file order.
func (l *List) Verify(ctx context.Context, r IssueReader, ev *Evidence, jiraURL string) []Verdict {
	var keys []string
	for _, e := range l.Exceptions {
		if e.Type == PendingJira {
			keys = append(keys, e.Jira)
		}
	}
	answers := r.Issues(ctx, keys)
	var out []Verdict
	for _, e := range l.Exceptions {
		if e.Type != PendingJira {
			continue
		}
		a, asked := answers[e.Jira]
		v := Verdict{ID: e.ID, Jira: e.Jira, Issue: a.Issue, Err: a.Err}
		switch {
		case !asked:
			v.Err, v.Action = fmt.Errorf("%s: not asked", e.Jira), Unknown
		case jira.IsNotFound(a.Err):
			v.Action = NotFound
		case jira.IsDenied(a.Err):
			v.Action = NoPermission
		case a.Err != nil:
			v.Action = Unknown
		default:
			classify(&v, e, ev, jiraURL)
		}
		out = append(out, v)
	}
	return out
}

// classify decides the action for a bug that was read.
func classify(v *Verdict, e *Exception, ev *Evidence, jiraURL string) {
	is := v.Issue
	res := strings.ToLower(strings.TrimSpace(is.Resolution))
	if !is.Closed() {
		v.Action = Open
		return
	}
	judged, seen := e.sightings(ev)
	v.Seen = seen
	switch {
	case slices.Contains(acceptedResolutions, res):
		v.Action = MakePermanent
		v.Reason = fmt.Sprintf("%s closed %s as %q: the violation is accepted", e.Jira, IssueURL(jiraURL, e.Jira), is.Resolution)
		if e.Reason != "" {
			v.Reason += " (was: " + e.Reason + ")"
		}
	case !slices.Contains(fixedResolutions, res):
		v.Action = Decide
	case len(seen) > 0:
		v.Action = Reopen
		v.Comment = fmt.Sprintf("ha-compliance still sees the violation this bug was filed for (exception %s, checks %s in %s), after it was closed as %s. Seen in: %s. Reopening; if the violation is accepted, close it as Won't Do or Not a Bug instead, and the exception will move to the permanent list.",
			e.ID, strings.Join(e.Checks, ","), e.namespaceText(), orText(is.Resolution, is.Status), strings.Join(seen, "; "))
	case judged:
		v.Action = Remove
	default:
		v.Action = CheckFixed
	}
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (e *Exception) namespaceText() string {
	if e.NamespaceRegex != "" {
		return "namespaces matching " + e.NamespaceRegex
	}
	return "ns/" + e.Namespace
}

// maxSeen bounds the places a verdict lists.
const maxSeen = 5

// sightings looks for e's violations in ev: judged says some result judged
// a (namespace, check) e covers (so absence means gone), seen where a
// violation it covers still shows.
func (e *Exception) sightings(ev *Evidence) (judged bool, seen []string) {
	if ev == nil {
		return false, nil
	}
	for i, r := range ev.Results {
		if r.Outcome == result.Skip || !e.CoversNamespace(r.Namespace) || !slices.Contains(e.Checks, Any) && !slices.Contains(e.Checks, r.Check) {
			continue
		}
		judged = true
		for _, v := range r.Violations {
			if !e.Matches(r.Namespace, r.Check, v) {
				continue
			}
			where := fmt.Sprintf("%s %s/%s in ns/%s", r.Check, v.Kind, v.Name, r.Namespace)
			if i < len(ev.Runs) && ev.Runs[i] != "" {
				where += " (" + ev.Runs[i] + ")"
			}
			if len(seen) < maxSeen && !slices.Contains(seen, where) {
				seen = append(seen, where)
			}
		}
	}
	return judged, seen
}

// CoversNamespace reports whether e selects namespace ns.
func (e *Exception) CoversNamespace(ns string) bool {
	if e.nsRE != nil {
		return e.nsRE.MatchString(ns)
	}
	return e.Namespace == ns
}

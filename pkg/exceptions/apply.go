package exceptions

import (
	"strings"
	"time"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// DefaultJiraURL is where OCPBUGS issues live; links and `exceptions verify`
// use it unless told otherwise.
const DefaultJiraURL = "https://issues.redhat.com"

// Options control Apply.
type Options struct {
	// Now decides which exceptions have expired. Required: the package never
	// reads the clock.
	Now time.Time
	// PermanentAs is the outcome of a (namespace, check) whose violations are
	// all covered by permanent exceptions: result.Flake (the default, so the
	// allow-list stays visible) or result.Pass (origin's behaviour).
	PermanentAs result.Outcome
	// JiraURL is the Jira base URL for issue links; DefaultJiraURL when "".
	JiraURL string
	// Rollout names the checks whose unexcepted violations are published as
	// flakes (marked with result.UnexceptedAs) instead of failing.
	Rollout Rollout
}

// Applied is what Apply returns: the results after exceptions and the
// exception bookkeeping every output reports.
type Applied struct {
	Results []result.Result
	// Unused are the ids of exceptions that matched no violation of this
	// input, in file order: candidates for removal.
	Unused []string
	// Expired are the ids of exceptions past their expiry date, in file
	// order. They cover nothing, so their violations fail.
	Expired []string
}

// Apply annotates each violation with the first valid exception (in file
// order) that covers it and recomputes the outcome of every result that has
// violations: fail when any violation is uncovered, else flake (or
// Options.PermanentAs when every cover is permanent). rs is not modified.
// A nil List applies no exception.
func (l *List) Apply(rs []result.Result, o Options) Applied {
	var list []*Exception
	if l != nil {
		list = l.Exceptions
	}
	used := make(map[*Exception]bool, len(list))
	out := make([]result.Result, len(rs))
	for i, r := range rs {
		r.Violations = append([]result.Violation(nil), r.Violations...)
		r.UnexceptedAs = ""
		if r.Outcome != result.Skip && len(r.Violations) > 0 {
			r.Outcome = cover(list, &r, o, used)
		}
		if r.Outcome == result.Fail && len(r.Violations) > 0 && o.Rollout.Flakes(r.Check) {
			// A check failing without violations failed to judge (its reason
			// says why): that is no violation to roll out, so it still fails.
			r.Outcome, r.UnexceptedAs = result.Flake, result.Flake
		}
		out[i] = r
	}
	a := Applied{Results: out, Unused: []string{}, Expired: []string{}}
	for _, e := range list {
		// The baseline serves every cluster: most of it matches nothing on
		// any one, which says nothing about it.
		if !used[e] && !e.Baseline {
			a.Unused = append(a.Unused, e.ID)
		}
		if e.Expired(o.Now) {
			a.Expired = append(a.Expired, e.ID)
		}
	}
	return a
}

// cover sets the exception of each violation of r and returns r's outcome.
func cover(list []*Exception, r *result.Result, o Options, used map[*Exception]bool) result.Outcome {
	covered, permanent := 0, 0
	for j := range r.Violations {
		v := &r.Violations[j]
		v.Exception, v.Waiver = "", nil
		for _, e := range list {
			if !e.Matches(r.Namespace, r.Check, *v) {
				continue
			}
			used[e] = true
			if v.Waiver == nil && !e.Expired(o.Now) {
				v.Exception, v.Waiver = e.ID, waiver(e, o.JiraURL)
			}
		}
		if v.Waiver != nil {
			covered++
			if v.Waiver.Type == string(Permanent) {
				permanent++
			}
		}
	}
	switch {
	case covered < len(r.Violations):
		return result.Fail
	case permanent == covered && o.PermanentAs == result.Pass:
		return result.Pass
	default:
		return result.Flake
	}
}

func waiver(e *Exception, jiraURL string) *result.Waiver {
	w := &result.Waiver{ID: e.ID, Type: string(e.Type), Jira: e.Jira, Reason: e.Reason,
		ApprovedBy: e.ApprovedBy, TargetVersion: e.TargetVersion, Expires: e.Expires,
		Reference: e.Reference, Baseline: e.Baseline}
	if e.Jira != "" {
		w.JiraURL = IssueURL(jiraURL, e.Jira)
	}
	return w
}

// IssueURL is the browser link to a Jira issue under base (DefaultJiraURL when "").
func IssueURL(base, key string) string {
	if base == "" {
		base = DefaultJiraURL
	}
	return strings.TrimSuffix(base, "/") + "/browse/" + key
}

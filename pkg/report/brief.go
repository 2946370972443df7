package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// Brief is the summary every report opens with, ranked for a support
// engineer: what to tell the customer (risks of this cluster), then what to
// file (product-wide convention gaps, one line per Jira component).
type Brief struct {
	// Verdict is one sentence: does the run fail, and on how much.
	Verdict string
	// Risks are specific to this cluster: blocking check failures first,
	// then what was observed (not ready, no disruption allowed), then
	// informing failures.
	Risks []Risk
	// Gaps are the failures that look the same on every cluster of the
	// release, grouped by component: those with blocking failures first,
	// more unexcepted violations first.
	Gaps []Gap
}

// Risk is one workload at risk on this cluster.
type Risk struct {
	Blocking  bool
	Component string
	Namespace string
	// Check is the failing check, "" for an observation.
	Check    string
	Workload string // Kind/name
	What     string
}

// Gap is one component's failing checks.
type Gap struct {
	Component  string // "" when the namespace has no known component
	Namespaces []string
	Blocking   []string // failing blocking check ids, catalogue order
	Informing  []string
	Violations int // unexcepted
}

// specificChecks judge where pods run and what budgets allow, which differs
// from cluster to cluster; every other check judges configuration that
// ships with the release. They are named here, not in pkg/checks, because
// the distinction is how the report ranks, not how a check judges.
var specificChecks = []string{string(checks.IDSpreadAcrossNodes), string(checks.IDPDBAllowsDisruption)}

// NewBrief ranks the analysis. The catalogue orders the checks of a gap.
func NewBrief(a Analysis, catalogue []checks.Check) Brief {
	component, judged := map[string]string{}, map[string]bool{}
	for _, r := range a.Results {
		judged[r.Namespace] = true
		if r.Component != "" {
			component[r.Namespace] = r.Component
		}
	}
	var b Brief
	for _, r := range a.Results {
		if !r.Unexcepted() || !slices.Contains(specificChecks, r.Check) {
			continue
		}
		for _, v := range r.UnexceptedViolations() {
			b.Risks = append(b.Risks, Risk{Blocking: !r.Informing, Component: r.Component, Namespace: r.Namespace,
				Check: r.Check, Workload: v.Kind + "/" + v.Name, What: v.Message})
		}
	}
	b.Gaps = byComponent(a.Results, catalogue, func(r result.Result) bool {
		return !slices.Contains(specificChecks, r.Check) || len(r.UnexceptedViolations()) == 0
	})
	for _, o := range a.Observed {
		if !judged[o.Namespace] {
			continue // out of scope, as the checks are
		}
		b.Risks = append(b.Risks, Risk{Blocking: true, Component: component[o.Namespace], Namespace: o.Namespace,
			Workload: o.Kind + "/" + o.Name, What: o.What})
	}
	// Blocking check failures, then observations, then informing failures;
	// stable, so namespace order holds within each.
	rank := func(r Risk) int {
		switch {
		case r.Check == "":
			return 1
		case r.Blocking:
			return 0
		}
		return 2
	}
	slices.SortStableFunc(b.Risks, func(x, y Risk) int { return cmp.Compare(rank(x), rank(y)) })
	b.Verdict = verdict(a.Results, b)
	return b
}

// byComponent groups the failing results that keep says to keep by Jira
// component (by namespace where none is known): components with blocking
// failures first, then by unexcepted violations.
func byComponent(rs []result.Result, catalogue []checks.Check, keep func(result.Result) bool) []Gap {
	gaps := map[string]*Gap{}
	for _, r := range rs {
		if !r.Unexcepted() || !keep(r) {
			continue
		}
		key := cmp.Or(r.Component, "ns:"+r.Namespace) // no component: each namespace stands alone
		g := gaps[key]
		if g == nil {
			g = &Gap{Component: r.Component}
			gaps[key] = g
		}
		if !slices.Contains(g.Namespaces, r.Namespace) {
			g.Namespaces = append(g.Namespaces, r.Namespace)
		}
		ids := &g.Blocking
		if r.Informing {
			ids = &g.Informing
		}
		if !slices.Contains(*ids, r.Check) {
			*ids = append(*ids, r.Check)
		}
		g.Violations += len(r.UnexceptedViolations())
	}
	order := map[string]int{}
	for i, c := range catalogue {
		order[string(c.ID)] = i
	}
	byCatalogue := func(x, y string) int { return cmp.Or(cmp.Compare(order[x], order[y]), strings.Compare(x, y)) }
	out := make([]Gap, 0, len(gaps))
	for _, g := range gaps {
		slices.SortFunc(g.Blocking, byCatalogue)
		slices.SortFunc(g.Informing, byCatalogue)
		slices.Sort(g.Namespaces)
		out = append(out, *g)
	}
	slices.SortFunc(out, func(x, y Gap) int {
		return cmp.Or(
			cmp.Compare(min(len(y.Blocking), 1), min(len(x.Blocking), 1)),
			cmp.Compare(y.Violations, x.Violations),
			cmp.Compare(len(y.Blocking), len(x.Blocking)),
			strings.Compare(x.Component+x.Namespaces[0], y.Component+y.Namespaces[0]))
	})
	return out
}

// verdict is the first sentence of every report. Results a rollout
// published as flakes (--unexcepted-as) count as failing here, with the
// rollout named: the people reading the report still have them to file.
func verdict(rs []result.Result, b Brief) string {
	blocking, informing, rolled := 0, 0, 0
	namespaces, owners := map[string]bool{}, map[string]bool{}
	for _, r := range rs {
		if !r.Unexcepted() {
			continue
		}
		if r.Outcome != result.Fail {
			rolled++
		}
		namespaces[r.Namespace] = true
		owners[cmp.Or(r.Component, "ns:"+r.Namespace)] = true
		if r.Informing {
			informing++
		} else {
			blocking++
		}
	}
	if blocking+informing == 0 {
		return "PASS: no check fails" + riskTail(b) + "."
	}
	head := "FAIL"
	if blocking == 0 {
		head = "PASS with warnings"
	}
	rollout := ""
	if rolled > 0 {
		rollout = fmt.Sprintf("; %d of them published as flakes during the rollout, with no exception yet", rolled)
		if rolled == blocking+informing {
			head = "PASS during the rollout"
		}
	}
	return fmt.Sprintf("%s: %s (%d blocking, %d informing) in %s of %s%s%s.", head,
		count(blocking+informing, "failing check"), blocking, informing,
		count(len(namespaces), "namespace"), count(len(owners), "component"), riskTail(b), rollout)
}

func riskTail(b Brief) string {
	if len(b.Risks) == 0 {
		return "; no risk specific to this cluster"
	}
	return "; " + count(len(b.Risks), "risk") + " specific to this cluster"
}

// count renders "1 thing" or "n things".
func count(n int, word string) string { return fmt.Sprintf("%d %s", n, plural(n, word)) }

// gapName names a gap's owner: its component, else its namespace.
func gapName(g Gap) string {
	if g.Component != "" {
		return g.Component
	}
	return "no component (" + strings.Join(g.Namespaces, ", ") + ")"
}

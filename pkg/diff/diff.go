// Package diff compares the results of two judgements (two runs, a PR and
// its base, two releases) keyed by (namespace, check), then by rule_key,
// and sorts every difference into what it means: a new failure, a fix, a
// flake change, violations added or removed under an unchanged outcome, a
// check or namespace that appeared or vanished, or a change of coverage
// (the input no longer holds what a check needs), which is no regression.
package diff

import (
	"cmp"
	"slices"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// Side is one of the two judgements compared.
type Side struct {
	// Name says where the results come from (a file, a run, a release).
	Name    string
	Results []result.Result
	// Runs is the number of runs merged into Results (1 for a single run).
	Runs int
}

// Key names a (namespace, check) pair.
type Key struct {
	Namespace string `json:"namespace"`
	Check     string `json:"check"`
}

// Change is a (namespace, check) judged on both sides.
type Change struct {
	Key
	Component string         `json:"component,omitempty"`
	Informing bool           `json:"informing,omitempty"`
	From      result.Outcome `json:"from"`
	To        result.Outcome `json:"to"`
	// FromReason and ToReason are the skip reasons or notes of each side.
	FromReason string `json:"fromReason,omitempty"`
	ToReason   string `json:"toReason,omitempty"`
	// Added and Removed are the rule_keys only NEW or only OLD has.
	Added   []Violation `json:"added,omitempty"`
	Removed []Violation `json:"removed,omitempty"`
}

// Violation is a violation of one side, by rule_key.
type Violation struct {
	RuleKey   string `json:"ruleKey"`
	Message   string `json:"message"`
	Exception string `json:"exception,omitempty"`
}

// Report is every difference between OLD and NEW.
type Report struct {
	Old string `json:"old"`
	New string `json:"new"`
	// NewFailures went to fail from pass, flake or skip.
	NewFailures []Change `json:"newFailures"`
	// Fixed went from fail to pass or flake.
	Fixed []Change `json:"fixed"`
	// FlakeChanges went between pass and flake.
	FlakeChanges []Change `json:"flakeChanges"`
	// Violations kept their outcome but not their rule_keys.
	Violations []Change `json:"violations"`
	// Coverage went to or from skip, other than to fail: the input (or the
	// topology) changed what can be judged, not how well it is done.
	Coverage []Change `json:"coverage"`
	// Appeared and Vanished are pairs judged on one side only; namespaces
	// all of whose checks did so are listed in AppearedNamespaces and
	// VanishedNamespaces instead.
	Appeared           []Key    `json:"appeared"`
	Vanished           []Key    `json:"vanished"`
	AppearedNamespaces []string `json:"appearedNamespaces"`
	VanishedNamespaces []string `json:"vanishedNamespaces"`
	// Unchanged counts the pairs with the same outcome and rule_keys.
	Unchanged int `json:"unchanged"`
}

// Regressed reports whether a blocking check newly fails: the gate of a
// PR against its base. Informing checks are listed but never gate.
func (r *Report) Regressed() bool {
	return slices.ContainsFunc(r.NewFailures, func(c Change) bool { return !c.Informing })
}

// Compare sorts the differences of old and new.
func Compare(old, new Side) *Report {
	rep := &Report{Old: old.Name, New: new.Name, NewFailures: []Change{}, Fixed: []Change{}, FlakeChanges: []Change{},
		Violations: []Change{}, Coverage: []Change{}, Appeared: []Key{}, Vanished: []Key{},
		AppearedNamespaces: []string{}, VanishedNamespaces: []string{}}
	olds, news := index(old.Results), index(new.Results)
	for _, k := range keys(olds, news) {
		o, inOld := olds[k]
		n, inNew := news[k]
		switch {
		case !inNew:
			rep.Vanished = append(rep.Vanished, k)
			continue
		case !inOld:
			rep.Appeared = append(rep.Appeared, k)
			continue
		}
		c := Change{Key: k, Component: cmp.Or(n.Component, o.Component), Informing: n.Informing,
			From: o.Outcome, To: n.Outcome, FromReason: o.Reason, ToReason: n.Reason}
		c.Added, c.Removed = ruleDiff(o, n)
		switch {
		case c.To == result.Fail && c.From != result.Fail:
			rep.NewFailures = append(rep.NewFailures, c)
		case c.From == result.Skip || c.To == result.Skip:
			if c.From != c.To {
				rep.Coverage = append(rep.Coverage, c)
			} else {
				rep.Unchanged++
			}
		case c.From == result.Fail:
			if c.To == result.Fail {
				if len(c.Added)+len(c.Removed) > 0 {
					rep.Violations = append(rep.Violations, c)
				} else {
					rep.Unchanged++
				}
				continue
			}
			rep.Fixed = append(rep.Fixed, c)
		case c.From != c.To:
			rep.FlakeChanges = append(rep.FlakeChanges, c)
		case len(c.Added)+len(c.Removed) > 0:
			rep.Violations = append(rep.Violations, c)
		default:
			rep.Unchanged++
		}
	}
	rep.Appeared, rep.AppearedNamespaces = wholeNamespaces(rep.Appeared, olds)
	rep.Vanished, rep.VanishedNamespaces = wholeNamespaces(rep.Vanished, news)
	return rep
}

func index(rs []result.Result) map[Key]result.Result {
	m := make(map[Key]result.Result, len(rs))
	for _, r := range rs {
		m[Key{r.Namespace, r.Check}] = r
	}
	return m
}

// keys are the keys of both sides, sorted.
func keys(a, b map[Key]result.Result) []Key {
	var ks []Key
	for k := range a {
		ks = append(ks, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			ks = append(ks, k)
		}
	}
	slices.SortFunc(ks, func(x, y Key) int {
		return cmp.Or(cmp.Compare(x.Namespace, y.Namespace), cmp.Compare(x.Check, y.Check))
	})
	return ks
}

// ruleDiff returns the violations only n has and those only o has, by
// rule_key.
func ruleDiff(o, n result.Result) (added, removed []Violation) {
	inOld, inNew := map[string]bool{}, map[string]bool{}
	for _, v := range o.Violations {
		inOld[v.RuleKey] = true
	}
	for _, v := range n.Violations {
		inNew[v.RuleKey] = true
		if !inOld[v.RuleKey] {
			added = append(added, Violation{RuleKey: v.RuleKey, Message: v.Message, Exception: v.Exception})
			inOld[v.RuleKey] = true // once per key
		}
	}
	for _, v := range o.Violations {
		if !inNew[v.RuleKey] {
			removed = append(removed, Violation{RuleKey: v.RuleKey, Message: v.Message, Exception: v.Exception})
			inNew[v.RuleKey] = true
		}
	}
	return added, removed
}

// wholeNamespaces moves the keys of namespaces the other side does not
// have at all out of ks.
func wholeNamespaces(ks []Key, other map[Key]result.Result) ([]Key, []string) {
	has := map[string]bool{}
	for k := range other {
		has[k.Namespace] = true
	}
	var rest []Key
	var nss []string
	for _, k := range ks {
		if has[k.Namespace] {
			rest = append(rest, k)
			continue
		}
		if len(nss) == 0 || nss[len(nss)-1] != k.Namespace {
			nss = append(nss, k.Namespace)
		}
	}
	if rest == nil {
		rest = []Key{}
	}
	if nss == nil {
		nss = []string{}
	}
	return rest, nss
}

// Package exceptions loads exception files (docs/exceptions.md), validates
// them strictly, and applies them to check results: a violation covered by a
// valid exception turns its (namespace, check) from fail into flake (or pass,
// for permanent exceptions when asked). It never reads the clock: callers
// pass "now" in, so that expiry is testable and reproducible.
package exceptions

import (
	"regexp"
	"time"
)

// The values of a file's apiVersion and kind.
const (
	APIVersion = "ha-compliance/v1"
	FileKind   = "ExceptionList"
)

// Type says what an exception stands for.
type Type string

const (
	// PendingJira covers a violation while its bug is open: a flake that
	// Sippy still counts, so the owner sees it.
	PendingJira Type = "pending-jira"
	// Permanent is a reasoned allow-list entry ("not necessary for typical
	// reasons"): a flake by default, or a pass when the caller asks.
	Permanent Type = "permanent"
)

// Any is the check id that matches every check.
const Any = "*"

// List is the merge of one or more exception files, validated.
type List struct {
	// Exceptions in file order, files in the order given.
	Exceptions []*Exception
	// ComponentOverrides maps a namespace to the OCPBUGS Jira component its
	// test names should carry, over the built-in table; "" drops the tag.
	// Pass it to components.Table.With.
	ComponentOverrides map[string]string
}

// Exception is one entry of an exception file. The field names are those of
// the YAML file; every one is documented in examples/exceptions.yaml.
type Exception struct {
	ID   string
	Type Type
	// Checks are check ids, or "*" alone for every check.
	Checks []string
	// Namespace or NamespaceRegex (exactly one) selects the namespaces.
	Namespace      string
	NamespaceRegex string
	// Workload narrows the match; its zero value matches every workload.
	Workload Workload
	// Jira is the bug key, required for pending-jira, e.g. OCPBUGS-12345.
	Jira string
	// TargetVersion is the release the fix is planned for (the HA
	// enhancement's "plan"), e.g. "4.23".
	TargetVersion string
	// Reason says why the violation is accepted; required for permanent.
	Reason string
	// Expires is the last day (UTC) the exception is honoured, "" for never.
	Expires string
	// Topologies limits the exception to violations judged under these
	// topology modes; empty means any.
	Topologies []string
	// ApprovedBy names who accepted a permanent exception.
	ApprovedBy string
	// Reference is where the exception comes from: the origin test or
	// CONVENTIONS.md section that grants it. Required in the baseline.
	Reference string

	// Source is the file the exception was read from.
	Source string
	// Baseline is true for the exceptions of the shipped baseline.
	Baseline bool

	nsRE    *regexp.Regexp
	nameRE  *regexp.Regexp
	expires time.Time // first instant it no longer applies; zero if never
}

// Workload selects workloads within the matched namespaces. Name, NamePrefix
// and NameRegex are alternatives: at most one is set.
type Workload struct {
	Kind       string
	Name       string
	NamePrefix string
	NameRegex  string
	Container  string
}

// Expired reports whether the exception no longer applies at now. An
// exception expiring on 2026-12-31 still applies on that whole day (UTC).
func (e *Exception) Expired(now time.Time) bool {
	return !e.expires.IsZero() && !now.Before(e.expires)
}

// Get returns the exception with the given id, or nil.
func (l *List) Get(id string) *Exception {
	for _, e := range l.Exceptions {
		if e.ID == id {
			return e
		}
	}
	return nil
}

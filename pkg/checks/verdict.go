package checks

import (
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Verdict is what a check's Eval returns for one namespace: skipped with a
// reason, or a (possibly empty) list of findings.
type Verdict struct {
	Skipped bool
	// Reason says why the check was skipped, or notes what was assumed
	// (e.g. topology assumed HA) on a judged verdict.
	Reason   string
	Findings []Finding
}

// Finding is one violation before it gets its rule key and exception.
type Finding struct {
	Workload  snapshot.Ref
	Container string
	Message   string
	Topology  string
}

// Skip is a verdict of "not applicable" or "no data", with the reason.
func Skip(reason string) Verdict { return Verdict{Skipped: true, Reason: reason} }

// Add records a finding on a workload (and container, "" for the workload).
func (v *Verdict) Add(ref snapshot.Ref, container, message string) {
	v.Findings = append(v.Findings, Finding{Workload: ref, Container: container, Message: message})
}

// Note adds a remark to the reason of a judged verdict (what was assumed),
// once: the same remark from several workloads is said once.
func (v *Verdict) Note(remark string) {
	if remark == "" {
		return
	}
	for _, r := range strings.Split(v.Reason, "; ") {
		if r == remark {
			return
		}
	}
	if v.Reason != "" {
		v.Reason += "; "
	}
	v.Reason += remark
}

// add records a finding judged under topology t.
func (v *Verdict) add(ref snapshot.Ref, container string, t snapshot.Topology, message string) {
	v.Findings = append(v.Findings, Finding{Workload: ref, Container: container, Message: message, Topology: t.String()})
}

package exceptions

import (
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// Matches reports whether e covers violation v of check in namespace ns,
// expiry aside. Regexes are unanchored, as in grep: write ^...$ to match a
// whole name.
func (e *Exception) Matches(ns, check string, v result.Violation) bool {
	if !slices.Contains(e.Checks, Any) && !slices.Contains(e.Checks, check) {
		return false
	}
	if e.nsRE != nil {
		if !e.nsRE.MatchString(ns) {
			return false
		}
	} else if e.Namespace != ns {
		return false
	}
	w := e.Workload
	switch {
	case w.Kind != "" && w.Kind != v.Kind,
		w.Name != "" && w.Name != v.Name,
		w.NamePrefix != "" && !strings.HasPrefix(v.Name, w.NamePrefix),
		e.nameRE != nil && !e.nameRE.MatchString(v.Name),
		w.Container != "" && w.Container != v.Container:
		return false
	}
	return len(e.Topologies) == 0 || slices.Contains(e.Topologies, topologyMode(v.Topology))
}

// topologyMode is the mode at the start of a violation's topology, which
// snapshot.Topology.String renders as "HighlyAvailable (controlPlaneTopology)".
func topologyMode(topology string) string {
	mode, _, _ := strings.Cut(topology, " ")
	return mode
}

package checks

import (
	"fmt"
	"strings"
)

// All returns the catalogue in its published order: core checks, then
// extended ones. Results and docs follow this order.
func All() []Check {
	return []Check{
		LivenessProbe,
		ReadinessProbe,
		StartupProbe,
		Replicas,
		PodAntiAffinity,
		PDB,
		PDBUnhealthyPodEvictionPolicy,
		PDBAllowsDisruption,
		RolloutStrategy,
		DaemonSetUpdateStrategy,
		SpreadAcrossNodes,
		PriorityClass,
		RequestsNoLimits,
		Tolerations,
	}
}

// IDs returns the ids of the catalogue, in order, as strings (for
// validating exception files).
func IDs() []string {
	var out []string
	for _, c := range All() {
		out = append(out, string(c.ID))
	}
	return out
}

// Lookup returns the check with id.
func Lookup(id ID) (Check, bool) {
	for _, c := range All() {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

// ParseIDs turns user input (ids, possibly comma-separated across several
// values) into check ids, rejecting unknown ones with the list of known ids.
func ParseIDs(values []string) ([]ID, error) {
	var out, unknown []string
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if _, ok := Lookup(ID(s)); !ok {
				unknown = append(unknown, s)
				continue
			}
			out = append(out, s)
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown check %s (known: %s)", strings.Join(unknown, ", "), strings.Join(IDs(), ", "))
	}
	ids := make([]ID, len(out))
	for i, s := range out {
		ids[i] = ID(s)
	}
	return ids, nil
}

package checks

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// defaultRolling is the Deployment default for both maxSurge and maxUnavailable.
var defaultRolling = intstr.FromString("25%")

// rollingFenceposts resolves a Deployment's maxSurge and maxUnavailable at
// replicas the way the Deployment controller does: surge rounds up,
// unavailable rounds down, and when both come to 0 unavailable becomes 1.
func rollingFenceposts(ru *appsv1.RollingUpdateDeployment, replicas int32) (surge, unavailable int, err error) {
	ms, mu := &defaultRolling, &defaultRolling
	if ru != nil {
		ms = intstr.ValueOrDefault(ru.MaxSurge, defaultRolling)
		mu = intstr.ValueOrDefault(ru.MaxUnavailable, defaultRolling)
	}
	if surge, err = intstr.GetScaledValueFromIntOrPercent(ms, int(replicas), true); err != nil {
		return 0, 0, fmt.Errorf("maxSurge %s: %w", ms.String(), err)
	}
	if unavailable, err = intstr.GetScaledValueFromIntOrPercent(mu, int(replicas), false); err != nil {
		return 0, 0, fmt.Errorf("maxUnavailable %s: %w", mu.String(), err)
	}
	if surge == 0 && unavailable == 0 {
		unavailable = 1
	}
	return surge, unavailable, nil
}

// disruptionsAllowed is how many of expected healthy pods a budget lets the
// eviction API take down, as the disruption controller computes it:
// maxUnavailable and percentage minAvailable round up; with neither set every
// pod may go.
func disruptionsAllowed(spec policyv1.PodDisruptionBudgetSpec, expected int) (int, error) {
	desired := 0
	switch {
	case spec.MaxUnavailable != nil:
		mu, err := intstr.GetScaledValueFromIntOrPercent(spec.MaxUnavailable, expected, true)
		if err != nil {
			return 0, fmt.Errorf("maxUnavailable %s: %w", spec.MaxUnavailable.String(), err)
		}
		desired = max(expected-mu, 0)
	case spec.MinAvailable != nil:
		ma, err := intstr.GetScaledValueFromIntOrPercent(spec.MinAvailable, expected, true)
		if err != nil {
			return 0, fmt.Errorf("minAvailable %s: %w", spec.MinAvailable.String(), err)
		}
		desired = ma
	}
	return max(expected-desired, 0), nil
}

// budget renders a PDB's budget for messages, e.g. "minAvailable 1".
func budget(spec policyv1.PodDisruptionBudgetSpec) string {
	switch {
	case spec.MaxUnavailable != nil:
		return "maxUnavailable " + spec.MaxUnavailable.String()
	case spec.MinAvailable != nil:
		return "minAvailable " + spec.MinAvailable.String()
	}
	return "no minAvailable or maxUnavailable"
}

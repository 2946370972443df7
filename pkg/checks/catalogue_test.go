package checks

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCatalogue(t *testing.T) {
	ids := map[ID]bool{}
	for _, c := range All() {
		t.Run(string(c.ID), func(t *testing.T) {
			if c.ID == "" || ids[c.ID] {
				t.Fatalf("missing or duplicate id %q", c.ID)
			}
			ids[c.ID] = true
			for field, v := range map[string]string{"Title": c.Title, "Description": c.Description,
				"Subject": c.Subject, "Should": c.Should} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s is empty", field)
				}
			}
			if !strings.HasSuffix(c.Fix, ".") {
				t.Errorf("Fix %q must be a sentence ending in a period", c.Fix)
			}
			if !strings.HasPrefix(c.Convention, "https://") {
				t.Errorf("Convention %q is not a link", c.Convention)
			}
			if c.Tier != Core && c.Tier != Extended {
				t.Errorf("Tier %q", c.Tier)
			}
			if c.Lifecycle != Blocking && c.Lifecycle != Informing {
				t.Errorf("Lifecycle %q", c.Lifecycle)
			}
			if c.Eval == nil {
				t.Error("Eval is nil")
			}
			for _, outcome := range []string{"pass", "fail"} {
				matches, err := filepath.Glob(filepath.Join(fixturesDir, string(c.ID), outcome+"-*.yaml"))
				if err != nil || len(matches) == 0 {
					t.Errorf("no %s fixture in %s", outcome, filepath.Join(fixturesDir, string(c.ID)))
				}
			}
		})
	}
	for _, id := range []ID{IDLivenessProbe, IDReadinessProbe, IDStartupProbe, IDReplicas, IDPodAntiAffinity, IDPDB,
		IDPDBUnhealthyPodEvictionPolicy, IDPDBAllowsDisruption, IDRolloutStrategy, IDDaemonSetUpdateStrategy,
		IDSpreadAcrossNodes, IDPriorityClass, IDRequestsNoLimits, IDTolerations} {
		if !ids[id] {
			t.Errorf("check %s is not in All()", id)
		}
	}
}

// The published names and keys are history keys in Sippy: once released
// they never change. This pins them.
func TestCatalogueNamesAreStable(t *testing.T) {
	var got []string
	for _, c := range All() {
		got = append(got, string(c.ID)+": "+c.Subject+" should "+c.Should)
	}
	want := []string{
		"liveness-probe: pods should define liveness probes",
		"readiness-probe: pods should define readiness probes",
		"startup-probe: pods should define startup probes",
		"replicas: deployments and statefulsets should run at least two replicas",
		"pod-anti-affinity: deployments and statefulsets should keep replicas on distinct nodes with pod anti-affinity",
		"pdb: deployments and statefulsets should be covered by a PodDisruptionBudget",
		"pdb-unhealthy-pod-eviction-policy: pod disruption budgets should allow eviction of unhealthy pods",
		"pdb-allows-disruption: pod disruption budgets should allow at least one eviction",
		"rollout-strategy: deployments should roll out without downtime",
		"daemonset-update-strategy: daemonsets should update at most 10% or 33% of nodes at a time",
		"spread-across-nodes: deployments and statefulsets should run replicas on distinct nodes",
		"priority-class: pods should use a system or openshift-user-critical priority class",
		"requests-no-limits: pods should request cpu and memory without limits",
		"tolerations: pods should not tolerate taints that block drains",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("published names changed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseIDs(t *testing.T) {
	got, err := ParseIDs([]string{"replicas, pdb", "tolerations"})
	if err != nil || len(got) != 3 || got[0] != IDReplicas || got[2] != IDTolerations {
		t.Errorf("ParseIDs = %v, %v", got, err)
	}
	if _, err := ParseIDs([]string{"replicas,nope"}); err == nil || !strings.Contains(err.Error(), "unknown check nope") {
		t.Errorf("ParseIDs with an unknown id: %v", err)
	}
}

package checks

import (
	"testing"

	configv1 "github.com/openshift/api/config/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// The redundancy checks apply to HA topologies only: on every HA mode they
// judge, on single-node they skip, and an external control plane skips the
// control-plane workloads. An unknown topology is judged as HA.
func TestRedundancyChecksAcrossTopologies(t *testing.T) {
	pinned := testobj.OnMasters()
	single := testobj.Deploy(ns, "single", pinned)
	pair := testobj.Deploy(ns, "pair", testobj.Replicas(2), pinned)
	objs := []any{single, pair, testobj.PodsOf(pair, "m1", "m1"), testobj.Node("m1", "node-role.kubernetes.io/master", "")}
	infra := func(mode configv1.TopologyMode) any { return testobj.Infra(mode, configv1.HighlyAvailableTopologyMode) }
	topologies := []struct {
		name   string
		marker any
		want   result.Outcome
		reason string
	}{
		{"HighlyAvailable", infra(configv1.HighlyAvailableTopologyMode), result.Fail, ""},
		{"HighlyAvailableArbiter", infra(configv1.HighlyAvailableArbiterMode), result.Fail, ""},
		{"DualReplica (two-node)", infra(configv1.DualReplicaTopologyMode), result.Fail, ""},
		{"unknown (no Infrastructure)", testobj.NoInfrastructure(), result.Fail, noteAssumedHA},
		{"SingleReplica", infra(configv1.SingleReplicaTopologyMode), result.Skip, reasonSingleReplica},
		{"External", infra(configv1.ExternalTopologyMode), result.Skip, reasonExternal},
		{"SingleReplica by --topology", testobj.Override(configv1.SingleReplicaTopologyMode), result.Skip, reasonSingleReplica},
	}
	for _, topo := range topologies {
		c := testobj.Cluster(append(objs, topo.marker)...)
		for _, chk := range []Check{Replicas, PodAntiAffinity, PDB, SpreadAcrossNodes} {
			t.Run(topo.name+"/"+string(chk.ID), func(t *testing.T) {
				var r result.Result
				fill(&r, c, c.Namespace(ns), chk, judge(c, c.Namespace(ns), chk))
				if r.Outcome != topo.want || r.Reason != topo.reason {
					t.Errorf("%s %q, want %s %q", r.Outcome, r.Reason, topo.want, topo.reason)
				}
			})
		}
	}
}

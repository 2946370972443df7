package checks

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	configv1 "github.com/openshift/api/config/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// pairs renders results as "namespace/check outcome".
func pairs(rs []result.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Namespace+"/"+r.Check+" "+string(r.Outcome))
	}
	return out
}

func namespacesOf(rs []result.Result) []string {
	var out []string
	for _, r := range rs {
		if len(out) == 0 || out[len(out)-1] != r.Namespace {
			out = append(out, r.Namespace)
		}
	}
	return out
}

func TestRunScope(t *testing.T) {
	c := testobj.Cluster(
		testobj.Service("openshift-console", "s"), testobj.Service("kube-system", "s"), testobj.Service("default", "s"),
		testobj.Service("openshift", "s"), testobj.Service("openshift-must-gather-x7k2p", "s"), testobj.Service("my-app", "s"),
		testobj.Service("openshiftish", "s"), testobj.Service("kube-public", "s"))
	cases := []struct {
		name string
		opts Options
		want []string
	}{
		{"platform namespaces by default, never the must-gather's own", Options{},
			[]string{"default", "kube-public", "kube-system", "openshift", "openshift-console"}},
		{"an include regex replaces the platform default", Options{Include: regexp.MustCompile(`^(my-app|openshift-console)$`)},
			[]string{"my-app", "openshift-console"}},
		{"an exclude regex narrows the scope", Options{Exclude: regexp.MustCompile(`^kube-`)},
			[]string{"default", "openshift", "openshift-console"}},
		{"the must-gather namespace stays out even when everything is included", Options{Include: regexp.MustCompile(`.*`)},
			[]string{"default", "kube-public", "kube-system", "my-app", "openshift", "openshift-console", "openshiftish"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, namespacesOf(Run(c, tc.opts))); diff != "" {
				t.Errorf("namespaces (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRunGivesEveryPairAResultInCatalogueOrder(t *testing.T) {
	c := testobj.Cluster(testobj.Service("openshift-b", "s"), testobj.Service("openshift-a", "s"))
	rs := Run(c, Options{})
	if len(rs) != 2*len(All()) {
		t.Fatalf("got %d results, want %d", len(rs), 2*len(All()))
	}
	for i, r := range rs {
		wantNS := "openshift-a"
		if i >= len(All()) {
			wantNS = "openshift-b"
		}
		if r.Namespace != wantNS || r.Check != string(All()[i%len(All())].ID) {
			t.Errorf("result %d is %s/%s, want %s/%s", i, r.Namespace, r.Check, wantNS, All()[i%len(All())].ID)
		}
		if r.Outcome != result.Pass {
			t.Errorf("%s/%s: %s (%s), want pass: nothing in the namespace is subject to it", r.Namespace, r.Check, r.Outcome, r.Reason)
		}
		if r.Violations == nil {
			t.Errorf("%s/%s: nil violations, want an empty list", r.Namespace, r.Check)
		}
	}
}

func TestRunSelectsChecks(t *testing.T) {
	c := testobj.Cluster(testobj.Service("openshift-a", "s"))
	got := pairs(Run(c, Options{Checks: []ID{IDTolerations, IDReplicas}}))
	want := []string{"openshift-a/replicas pass", "openshift-a/tolerations pass"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

func TestRunTestNames(t *testing.T) {
	c := testobj.Cluster(testobj.Service("openshift-console", "s"), testobj.Service("openshift-sdn", "s"))
	rs := Run(c, Options{Checks: []ID{IDReadinessProbe}})
	want := []string{
		`[Monitor:ha-compliance][Jira:"Management Console"] pods in ns/openshift-console should define readiness probes`,
		// ci-test-mapping lists no owner of openshift-sdn: its fallback, tagged.
		`[Monitor:ha-compliance][Jira:"Unknown"] pods in ns/openshift-sdn should define readiness probes`,
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.TestName)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("test names (-want +got):\n%s", diff)
	}
	if rs[0].Component != "Management Console" || rs[1].Component != "Unknown" {
		t.Errorf("components %q, %q", rs[0].Component, rs[1].Component)
	}
	for _, comp := range []string{"", "unknown"} {
		overridden := Run(c, Options{Checks: []ID{IDReadinessProbe}, Component: func(string) string { return comp }})
		if !strings.Contains(overridden[0].TestName, `[Jira:"Unknown"]`) || overridden[0].Component != "Unknown" {
			t.Errorf("component %q: %s (%q), want the fallback tag", comp, overridden[0].TestName, overridden[0].Component)
		}
	}
}

func TestRunViolations(t *testing.T) {
	const console = "openshift-console"
	c := testobj.Cluster(testobj.Deploy(console, "downloads", testobj.Replicas(2), testobj.OnMasters(),
		testobj.Containers(testobj.C("download-server", testobj.Port("http", 8080)))))
	rs := Run(c, Options{Checks: []ID{IDReadinessProbe, IDStartupProbe}})
	want := []result.Violation{{
		Kind: "Deployment", Name: "downloads", Container: "download-server",
		RuleKey:  "apps/v1/Deployment/openshift-console/downloads/container/download-server/readiness-probe",
		Message:  "container download-server of Deployment/downloads has no readinessProbe: add one so that Services send traffic only to ready replicas",
		Topology: "HighlyAvailable (controlPlaneTopology)",
	}}
	if rs[0].Outcome != result.Fail || rs[0].Informing {
		t.Errorf("readiness-probe: outcome %s informing %v, want a blocking fail", rs[0].Outcome, rs[0].Informing)
	}
	if diff := cmp.Diff(want, rs[0].Violations); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if !rs[1].Informing {
		t.Errorf("startup-probe results must be informing")
	}
}

func TestRunPDBViolationsNameTheBudget(t *testing.T) {
	c := testobj.Cluster(testobj.Deploy("openshift-etcd", "etcd-quorum-guard", testobj.Replicas(3)),
		testobj.PDB("openshift-etcd", "etcd-quorum-guard", testobj.Selects("app", "etcd-quorum-guard"), testobj.MaxUnavailable("1")))
	rs := Run(c, Options{Checks: []ID{IDPDB, IDPDBUnhealthyPodEvictionPolicy}})
	if got := pairs(rs); !cmp.Equal(got, []string{"openshift-etcd/pdb pass", "openshift-etcd/pdb-unhealthy-pod-eviction-policy fail"}) {
		t.Fatalf("results %v", got)
	}
	v := rs[1].Violations[0]
	if v.RuleKey != "policy/v1/PodDisruptionBudget/openshift-etcd/etcd-quorum-guard/pdb-unhealthy-pod-eviction-policy" ||
		v.Topology != "HighlyAvailable (infrastructureTopology)" {
		t.Errorf("violation %+v", v)
	}
}

func TestRunMissingData(t *testing.T) {
	pdbChecks := map[string]bool{"pdb": true, "pdb-unhealthy-pod-eviction-policy": true, "pdb-allows-disruption": true}
	c := testobj.Cluster(testobj.Deploy("openshift-a", "a", testobj.Replicas(2)), testobj.Missing(snapshot.PodDisruptionBudget))
	for _, r := range Run(c, Options{}) {
		switch {
		case pdbChecks[r.Check] && (r.Outcome != result.Skip || r.Reason != "no PodDisruptionBudgets in input"):
			t.Errorf("%s: %s %q, want skip with reason %q", r.Check, r.Outcome, r.Reason, "no PodDisruptionBudgets in input")
		case !pdbChecks[r.Check] && r.Outcome == result.Skip:
			t.Errorf("%s skipped (%s): only PDB-based checks lack data", r.Check, r.Reason)
		}
	}
}

func TestRunPartialNamespaceSkipsEverything(t *testing.T) {
	c := testobj.Cluster(testobj.Deploy("openshift-a", "a"), testobj.Partial("openshift-a"))
	for _, r := range Run(c, Options{}) {
		if r.Outcome != result.Skip || r.Reason != ReasonPartialNamespace {
			t.Errorf("%s: %s %q, want skip: the namespace was not collected", r.Check, r.Outcome, r.Reason)
		}
	}
}

func TestRunSingleReplicaOverrideSkipsRedundancy(t *testing.T) {
	d := testobj.Deploy("openshift-a", "a", testobj.Replicas(2))
	c := testobj.Cluster(testobj.Override(configv1.SingleReplicaTopologyMode), d, testobj.PodsOf(d, "n1", "n1"),
		testobj.Service("openshift-empty", "s"))
	redundancy := map[string]bool{"replicas": true, "pod-anti-affinity": true, "pdb": true, "spread-across-nodes": true}
	for _, r := range Run(c, Options{}) {
		switch {
		case redundancy[r.Check] && (r.Outcome != result.Skip || r.Reason != reasonSingleReplica):
			t.Errorf("%s/%s: %s %q, want skip %q", r.Namespace, r.Check, r.Outcome, r.Reason, reasonSingleReplica)
		case !redundancy[r.Check] && r.Outcome == result.Skip:
			t.Errorf("%s/%s skipped (%s): only redundancy checks depend on the topology", r.Namespace, r.Check, r.Reason)
		}
	}
}

func TestPanickingCheckFailsItsPair(t *testing.T) {
	boom := Check{ID: "boom", Eval: func(_ *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
		var pods []string
		return Verdict{Reason: pods[len(ns.Name)]} // an index out of range, as a buggy check would
	}}
	c := testobj.Cluster(testobj.Service("openshift-a", "s"))
	var r result.Result
	fill(&r, c, c.Namespace("openshift-a"), boom, judge(c, c.Namespace("openshift-a"), boom))
	if r.Outcome != result.Fail || len(r.Violations) != 1 ||
		!strings.Contains(r.Violations[0].Message, "check boom panicked on namespace openshift-a: runtime error: index out of range [11] with length 0") ||
		r.Violations[0].RuleKey != "v1/Namespace/openshift-a/openshift-a/boom" {
		t.Errorf("result %+v, want a fail naming the panic", r)
	}
}

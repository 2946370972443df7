package report

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// fixtureTime is when the fixture analysis "ran".
var fixtureTime = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// fixtureChecks is a small catalogue with one informing check. Its texts are
// the fixture's own, so goldens do not change when the real catalogue does.
var fixtureChecks = []checks.Check{
	{ID: checks.IDLivenessProbe, Subject: "pods", Should: "define liveness probes",
		Fix: "Add a livenessProbe to the container.", Convention: "https://example.com/conventions#liveness"},
	{ID: checks.IDReadinessProbe, Subject: "pods", Should: "define readiness probes",
		Fix: "Add a readinessProbe to the container.", Convention: "https://example.com/conventions#readiness"},
	{ID: checks.IDStartupProbe, Subject: "pods", Should: "define startup probes", Lifecycle: checks.Informing,
		Fix: "Add a startupProbe to the container.", Convention: "https://example.com/conventions#startup"},
	{ID: checks.IDReplicas, Subject: "deployments and statefulsets", Should: "run at least 2 replicas",
		Fix: "Set spec.replicas to 2 or more.", Convention: "https://example.com/conventions#replicas"},
	{ID: checks.IDPDB, Subject: "workloads", Should: "be covered by a PodDisruptionBudget",
		Fix: "Add a PodDisruptionBudget selecting the pods.", Convention: "https://example.com/conventions#pdb"},
}

var fixtureComponents = map[string]string{
	"openshift-console":              "Management Console",
	"openshift-etcd-operator":        "Etcd",
	"openshift-monitoring":           "Monitoring",
	"openshift-dns":                  "Networking / DNS",
	"openshift-ingress":              "Networking / router",
	"openshift-kube-scheduler":       "kube-scheduler",
	"openshift-cluster-olm-operator": "OLM",
}

var haTopology = snapshot.Topology{Mode: configv1.HighlyAvailableTopologyMode, Field: "infrastructureTopology"}.String()

// fixtureResults covers every outcome: pass, skip, a flake by a pending
// Jira, a flake by a permanent exception, an informing flake, a fail with
// one excepted and one unexcepted violation, a fail whose exception has
// expired, a fail in a namespace without a Jira component, and a failed
// check with no violation (a recovered panic), and a partial namespace
// whose every check is skipped.
func fixtureResults() []result.Result {
	type v = result.Violation
	viol := func(ns, check, kind, name, container, msg string) v {
		ref := snapshot.Ref{APIVersion: "apps/v1", Kind: snapshot.Kind(kind), Namespace: ns, Name: name}
		return v{Kind: kind, Name: name, Container: container, Message: msg,
			RuleKey: ref.RuleKey(container, check), Topology: haTopology}
	}
	violations := map[[2]string][]v{
		{"openshift-console", "readiness-probe"}: {
			viol("openshift-console", "readiness-probe", "Deployment", "console", "console", "container console has no readinessProbe"),
			viol("openshift-console", "readiness-probe", "Deployment", "downloads", "download-server", "container download-server has no readinessProbe"),
		},
		{"openshift-console", "startup-probe"}: {
			viol("openshift-console", "startup-probe", "Deployment", "downloads", "download-server", "container download-server has no startupProbe"),
		},
		{"openshift-etcd-operator", "replicas"}: {
			viol("openshift-etcd-operator", "replicas", "Deployment", "etcd-operator", "", "runs 1 replica, needs at least 2"),
		},
		{"openshift-monitoring", "liveness-probe"}: {
			viol("openshift-monitoring", "liveness-probe", "Deployment", "grafana", "grafana", "container grafana has no livenessProbe"),
		},
		{"openshift-dns", "liveness-probe"}: {
			viol("openshift-dns", "liveness-probe", "DaemonSet", "dns-default", "kube-rbac-proxy", "container kube-rbac-proxy has no livenessProbe"),
		},
		{"my-app", "replicas"}: {
			viol("my-app", "replicas", "StatefulSet", "db", "", "runs 1 replica, needs at least 2"),
		},
	}
	var rs []result.Result
	for _, ns := range []string{"my-app", "openshift-console", "openshift-dns", "openshift-etcd-operator",
		"openshift-ingress", "openshift-kube-scheduler", "openshift-monitoring", "openshift-operators"} {
		comp := fixtureComponents[ns]
		for _, c := range fixtureChecks {
			r := result.Result{Namespace: ns, Check: string(c.ID), Component: comp,
				TestName: testName(comp, c, ns), Outcome: result.Pass,
				Informing: c.Lifecycle == checks.Informing, Violations: violations[[2]string{ns, string(c.ID)}]}
			switch {
			case ns == "openshift-operators":
				r.Outcome, r.Reason = result.Skip, checks.ReasonPartialNamespace
			case c.ID == checks.IDPDB:
				r.Outcome, r.Reason = result.Skip, checks.ReasonMissing(snapshot.PodDisruptionBudget)
			case len(r.Violations) > 0:
				r.Outcome = result.Fail
			case ns == "openshift-ingress" && c.ID == checks.IDLivenessProbe:
				r.Outcome, r.Reason = result.Fail, "check panicked: runtime error: index out of range [1] with length 1"
			}
			rs = append(rs, r)
		}
	}
	return rs
}

// testName builds names as the result format states them; the engine's own
// names are tested against the same rules in names_test.go.
func testName(component string, c checks.Check, ns string) string {
	tag := ""
	if component != "" {
		tag = fmt.Sprintf("[Jira:%q]", component)
	}
	return fmt.Sprintf("[Monitor:ha-compliance]%s %s in ns/%s should %s", tag, c.Subject, ns, c.Should)
}

// fixtureCluster is a small snapshot for the input part of the report.
func fixtureCluster() *snapshot.Cluster {
	b := snapshot.NewBuilder()
	b.AddInput(snapshot.Input{Path: "must-gather.tar.xz", Format: "must-gather", Archive: "tar.xz", Roots: []string{"quay-io-image"}})
	b.Add(&configv1.Infrastructure{ObjectMeta: metav1.ObjectMeta{Name: "cluster"}, Status: configv1.InfrastructureStatus{
		ControlPlaneTopology: configv1.HighlyAvailableTopologyMode, InfrastructureTopology: configv1.HighlyAvailableTopologyMode,
		PlatformStatus: &configv1.PlatformStatus{Type: configv1.AWSPlatformType}}}, "infra.yaml", true)
	b.Add(&configv1.ClusterVersion{ObjectMeta: metav1.ObjectMeta{Name: "version"}, Status: configv1.ClusterVersionStatus{
		History: []configv1.UpdateHistory{{State: configv1.CompletedUpdate, Version: "4.18.3"}}}}, "cv.yaml", true)
	for i, zone := range []string{"a", "b", "c"} {
		b.Add(&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("master-%d", i), Labels: map[string]string{
			"node-role.kubernetes.io/master": "", "topology.kubernetes.io/zone": "us-east-1" + zone}}}, "nodes.yaml", true)
	}
	for _, ns := range []string{"my-app", "openshift-console", "openshift-dns", "openshift-etcd-operator",
		"openshift-ingress", "openshift-kube-scheduler", "openshift-monitoring"} {
		b.Add(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, ns+".yaml", true)
		b.MarkCollected(ns)
	}
	b.Add(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "openshift-operators"}}, "operators.yaml", true)
	b.SetMissing(snapshot.PodDisruptionBudget)
	b.AddProblem("namespaces/openshift-ingress/core/pods.yaml", errors.New("decode: yaml: line 3: mapping values are not allowed in this context"))
	return b.Build()
}

// fixtureAnalysis runs the fixture through the real exceptions file and Apply.
func fixtureAnalysis(t *testing.T) Analysis {
	t.Helper()
	var ids []string
	for _, c := range fixtureChecks {
		ids = append(ids, string(c.ID))
	}
	list, err := exceptions.Load([]string{filepath.Join("testdata", "exceptions.yaml")}, ids)
	if err != nil {
		t.Fatal(err)
	}
	applied := list.Apply(fixtureResults(), exceptions.Options{Now: fixtureTime})
	return Analysis{
		Tool:       Tool{Version: "v0.0.0-test"},
		Input:      Inspect(fixtureCluster()),
		Results:    applied.Results,
		Exceptions: ExceptionReport{Unused: applied.Unused, Expired: applied.Expired},
		Summary:    result.Summarize(applied.Results),
	}
}

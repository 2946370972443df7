package checks

import (
	"testing"

	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

func TestPodAntiAffinity(t *testing.T) {
	const (
		host = "kubernetes.io/hostname"
		zone = "topology.kubernetes.io/zone"
	)
	two, three := testobj.Replicas(2), testobj.Replicas(3)
	required, preferred := testobj.AntiAffinity(true, host), testobj.AntiAffinity(false, host)
	zoned := []any{testobj.ZonedNode("n1", "a"), testobj.ZonedNode("n2", "b")}
	zoneless := []any{testobj.Node("n1"), testobj.Node("n2")}
	term := func(sel *metav1.LabelSelector, key string, namespaces ...string) testobj.Opt {
		return testobj.AntiAffinityTerm(true, corev1.PodAffinityTerm{LabelSelector: sel, TopologyKey: key, Namespaces: namespaces})
	}
	own := &metav1.LabelSelector{MatchLabels: map[string]string{"app": "a"}}
	runCases(t, PodAntiAffinity, []checkCase{
		{name: "one replica is not applicable",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"))},
		{name: "two replicas with required hostname anti-affinity pass",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, required))},
		{name: "two replicas with no anti-affinity fail",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two)), want: []string{"Deployment/a"}, msg: "no pod anti-affinity"},
		{name: "two replicas with only preferred anti-affinity fail",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, preferred)), want: []string{"Deployment/a"}, msg: "only preferred"},
		{name: "three replicas with preferred anti-affinity pass",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", three, preferred))},
		{name: "three replicas with required anti-affinity pass",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "a", three, required))},
		{name: "three replicas with no anti-affinity fail",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "a", three)), want: []string{"StatefulSet/a"}},
		{name: "a term selecting by matchExpressions counts",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, term(&metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
				{Key: "app", Operator: metav1.LabelSelectorOpIn, Values: []string{"a", "b"}}}}, host)))},
		{name: "a term selecting other pods does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, term(&metav1.LabelSelector{MatchLabels: map[string]string{"app": "other"}}, host))),
			want: []string{"Deployment/a"}},
		{name: "a term with no selector selects nothing",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, term(nil, host))), want: []string{"Deployment/a"}},
		{name: "a term limited to another namespace does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, term(own, host, "elsewhere"))), want: []string{"Deployment/a"}},
		{name: "a term listing its own namespace counts",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, term(own, host, "elsewhere", ns)))},
		{name: "a term with an empty namespace selector covers its own namespace too",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.AntiAffinityTerm(true, corev1.PodAffinityTerm{
				LabelSelector: own, TopologyKey: host, NamespaceSelector: &metav1.LabelSelector{}})))},
		{name: "a term whose mismatchLabelKeys hold its own label never matches its replicas",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.AntiAffinityTerm(true, corev1.PodAffinityTerm{
				LabelSelector: own, TopologyKey: host, MismatchLabelKeys: []string{"app"}}))),
			want: []string{"Deployment/a"}},
		{name: "a term on a key that does not separate nodes does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, term(own, "node-role.kubernetes.io/worker"))),
			want: []string{"Deployment/a"}, msg: "does not keep replicas on distinct nodes"},
		{name: "a required zone term counts when nodes carry zones",
			snap: testobj.Cluster(zoned, testobj.Deploy(ns, "a", two, testobj.AntiAffinity(true, zone)))},
		{name: "a required zone term does not count when no node carries zones",
			snap: testobj.Cluster(zoneless, testobj.Deploy(ns, "a", two, testobj.AntiAffinity(true, zone))),
			want: []string{"Deployment/a"}, msg: "no node carries that label"},
		{name: "a required zone term counts without Node data and the reason says so",
			snap:   testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.AntiAffinity(true, zone))),
			reason: "no Node objects in input"},
		{name: "a preferred zone term is soft: fails at two replicas (console and downloads in 4.8)",
			snap: testobj.Cluster(zoned, testobj.Deploy(ns, "a", two, testobj.AntiAffinity(false, zone))),
			want: []string{"Deployment/a"}},
		{name: "the old beta zone key counts when nodes carry it",
			snap: testobj.Cluster(testobj.Node("n1", "failure-domain.beta.kubernetes.io/zone", "a"),
				testobj.Deploy(ns, "a", two, testobj.AntiAffinity(true, "failure-domain.beta.kubernetes.io/zone")))},
		{name: "a hostname spread constraint with DoNotSchedule and maxSkew 1 is hard",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.Spread(host, corev1.DoNotSchedule, 1)))},
		{name: "a hostname spread constraint with ScheduleAnyway is soft: fails at two replicas",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.Spread(host, corev1.ScheduleAnyway, 1))),
			want: []string{"Deployment/a"}},
		{name: "a hostname spread constraint with ScheduleAnyway is enough at three replicas",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", three, testobj.Spread(host, corev1.ScheduleAnyway, 1)))},
		{name: "a spread constraint with maxSkew 2 is soft: fails at two replicas",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.Spread(host, corev1.DoNotSchedule, 2))),
			want: []string{"Deployment/a"}},
		{name: "a host port keeps replicas on distinct nodes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.Each(testobj.HostPort(443))))},
		{name: "host network with a container port keeps replicas on distinct nodes (the router)",
			snap: testobj.Cluster(testobj.Deploy(ns, "router", two, testobj.HostNetwork(), testobj.Each(testobj.Port("http", 80))))},
		{name: "host network without container ports separates nothing",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.HostNetwork())), want: []string{"Deployment/a"}},
		{name: "single-replica topology skips",
			snap: testobj.SNO(testobj.Deploy(ns, "a", two)), skip: reasonSingleReplica},
		{name: "the arbiter topology is judged as HA",
			snap: testobj.Cluster(testobj.Infra(configv1.HighlyAvailableArbiterMode, configv1.HighlyAvailableArbiterMode), testobj.Deploy(ns, "a", two)),
			want: []string{"Deployment/a"}},
		{name: "the two-node topology is judged as HA",
			snap: testobj.Cluster(testobj.Infra(configv1.DualReplicaTopologyMode, configv1.DualReplicaTopologyMode), testobj.Deploy(ns, "a", two, required))},
		{name: "an external control plane skips control-plane workloads",
			snap: testobj.Cluster(testobj.Infra(configv1.ExternalTopologyMode, configv1.HighlyAvailableTopologyMode),
				testobj.Deploy(ns, "a", two, testobj.OnMasters())),
			skip: reasonExternal},
		{name: "an unknown topology is judged as HA and says so",
			snap: testobj.Cluster(testobj.NoInfrastructure(), testobj.Deploy(ns, "a", two)),
			want: []string{"Deployment/a"}, reason: noteAssumedHA},
	})
}

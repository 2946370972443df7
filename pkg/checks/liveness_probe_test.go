package checks

import (
	"testing"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

func TestLivenessProbe(t *testing.T) {
	runCases(t, LivenessProbe, []checkCase{
		{name: "a container with a liveness probe passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Each(testobj.Liveness())))},
		{name: "a container without a liveness probe fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a")), want: []string{"Deployment/a:main"}, msg: "has no livenessProbe"},
		{name: "only the container without a probe is reported",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("api", testobj.Liveness()), testobj.C("proxy")))),
			want: []string{"Deployment/a:proxy"}},
		{name: "a sidecar init container is long-running and needs a probe",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Each(testobj.Liveness()), testobj.InitContainers(testobj.Sidecar("proxy")))),
			want: []string{"Deployment/a:proxy"}},
		{name: "an init container that runs to completion is not judged",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Each(testobj.Liveness()), testobj.InitContainers(testobj.C("setup"))))},
		{name: "a StatefulSet and a DaemonSet are judged",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "s"), testobj.DaemonSet(ns, "d")),
			want: []string{"StatefulSet/s:main", "DaemonSet/d:main"}},
		{name: "a running bare pod is judged",
			snap: testobj.Cluster(testobj.Pod(ns, "p")), want: []string{"Pod/p:main"}},
		{name: "a bare pod that runs to completion is not judged",
			snap: testobj.Cluster(testobj.Pod(ns, "installer-3-node-a", testobj.RunOnce()))},
		{name: "a static pod on three masters is one finding",
			snap: testobj.Cluster(testobj.StaticPod(ns, "etcd", "m1"), testobj.StaticPod(ns, "etcd", "m2"), testobj.StaticPod(ns, "etcd", "m3")),
			want: []string{"StaticPod/etcd:main"}},
		{name: "a Deployment scaled to 0 is not applicable",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Replicas(0)))},
		{name: "an empty namespace passes",
			snap: testobj.Cluster(testobj.Service(ns, "svc"))},
		{name: "health checks apply on single-node clusters too",
			snap: testobj.SNO(testobj.Deploy(ns, "a")), want: []string{"Deployment/a:main"}},
		{name: "a partial namespace is skipped",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"), testobj.Partial(ns)), skip: ReasonPartialNamespace},
	})
}

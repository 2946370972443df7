package checks

import (
	"testing"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

func TestRequestsNoLimits(t *testing.T) {
	req := testobj.Requests("cpu", "10m", "memory", "50Mi")
	ok := func(name string, opts ...testobj.ContainerOpt) testobj.Opt {
		return testobj.Containers(testobj.C(name, append(opts, req)...))
	}
	runCases(t, RequestsNoLimits, []checkCase{
		{name: "cpu and memory requests without limits pass",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", ok("main")))},
		{name: "no requests fail",
			snap: testobj.Cluster(testobj.Deploy(ns, "a")), want: []string{"Deployment/a:main"}, msg: "requests no cpu or memory"},
		{name: "a memory request alone fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Each(testobj.Requests("memory", "50Mi")))),
			want: []string{"Deployment/a:main"}, msg: "requests no cpu"},
		{name: "a zero cpu request counts as none",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Each(testobj.Requests("cpu", "0", "memory", "50Mi")))),
			want: []string{"Deployment/a:main"}},
		{name: "a memory limit fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", ok("main", testobj.Limits("memory", "1Gi")))),
			want: []string{"Deployment/a:main"}, msg: "sets limits memory=1Gi"},
		{name: "a management cores limit is allowed",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", ok("main", testobj.Limits("management.workload.openshift.io/cores", "100"))))},
		{name: "an init container that runs to completion needs no requests",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", ok("main"), testobj.InitContainers(testobj.C("setup"))))},
		{name: "an init container may not set limits",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", ok("main"), testobj.InitContainers(testobj.C("setup", testobj.Limits("cpu", "1"))))),
			want: []string{"Deployment/a:setup"}},
		{name: "a sidecar init container needs requests",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", ok("main"), testobj.InitContainers(testobj.Sidecar("proxy")))),
			want: []string{"Deployment/a:proxy"}},
		{name: "workload partitioning waives the cpu request",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Each(testobj.Requests("memory", "50Mi")),
				testobj.Annotations("target.workload.openshift.io/management", `{"effect": "PreferredDuringScheduling"}`)))},
		{name: "a run-once bare pod's containers still need requests",
			snap: testobj.Cluster(testobj.Pod(ns, "installer-2-m1", testobj.RunOnce())), want: []string{"Pod/installer-2-m1:main"}},
		{name: "each container is its own finding",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("one"), testobj.C("two", req), testobj.C("three")))),
			want: []string{"Deployment/a:one", "Deployment/a:three"}},
	})
}

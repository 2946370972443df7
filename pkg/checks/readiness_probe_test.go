package checks

import (
	"testing"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

func TestReadinessProbe(t *testing.T) {
	api := testobj.Port("api", 8443)
	svc := func(port, target string) any {
		return testobj.Service(ns, "svc", testobj.Selects("app", "a"), testobj.ServicePort(port, 443, target))
	}
	runCases(t, ReadinessProbe, []checkCase{
		{name: "a serving container with a readiness probe passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", api, testobj.Readiness()))))},
		{name: "a container with a named port and no probe fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", api)))),
			want: []string{"Deployment/a:main"}, msg: "has no readinessProbe"},
		{name: "a container with an unnamed port serves traffic",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", testobj.Port("", 8080))))),
			want: []string{"Deployment/a:main"}},
		{name: "a container with no port and no Service does not serve traffic",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"))},
		{name: "a port named metrics does not make a container serve traffic",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", testobj.Port("metrics", 9090)))))},
		{name: "a port named https-metrics does not make a container serve traffic",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", testobj.Port("https-metrics", 9091)))))},
		{name: "a Service port routing by number to the only container makes it serve traffic",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"), svc("https", "8443")), want: []string{"Deployment/a:main"}},
		{name: "a Service port with no targetPort routes to its own port number",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"), svc("https", "")), want: []string{"Deployment/a:main"}},
		{name: "a Service routing by name to a metrics port does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(
				testobj.C("kube-rbac-proxy", testobj.Port("https-metrics", 9091)),
				testobj.C("operator", testobj.Port("metrics", 8443)))),
				testobj.Service(ns, "svc", testobj.Selects("app", "a"), testobj.ServicePort("web", 443, "metrics"))),
		},
		{name: "a Service routing by number to a declared metrics port does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", testobj.Port("metrics", 9090)))),
				svc("https", "9090"))},
		{name: "a Service port named metrics does not make a container serve traffic",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"), svc("metrics", "8443"))},
		{name: "a Service selecting other pods does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"),
				testobj.Service(ns, "svc", testobj.Selects("app", "b"), testobj.ServicePort("https", 443, "")))},
		{name: "a Service without a selector does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"), testobj.Service(ns, "svc", testobj.ServicePort("https", 443, "")))},
		{name: "a numeric targetPort no container declares is not pinned on one of two containers",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("one"), testobj.C("two"))), svc("https", "8443"))},
		{name: "a named targetPort picks that container among several",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("one"), testobj.C("two", testobj.Port("web", 8080)),
				testobj.C("three", testobj.Readiness()))), svc("https", "web")),
			want: []string{"Deployment/a:two"}},
		{name: "a sidecar init container with a port needs a readiness probe",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.InitContainers(testobj.Sidecar("proxy", testobj.Port("https", 8443))))),
			want: []string{"Deployment/a:proxy"}},
		{name: "a static pod serving on its host network is judged",
			snap: testobj.Cluster(testobj.StaticPod(ns, "kube-apiserver", "m1", testobj.HostNetwork(), testobj.Each(api))),
			want: []string{"StaticPod/kube-apiserver:main"}},
		{name: "without Services in the input the ports decide and the reason says so",
			snap:   testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", api))), testobj.Missing(snapshot.Service)),
			want:   []string{"Deployment/a:main"},
			reason: "no Services in input"},
	})
}

func TestStartupProbe(t *testing.T) {
	api := testobj.Port("api", 8443)
	runCases(t, StartupProbe, []checkCase{
		{name: "a serving container with a startup probe passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", api, testobj.Startup()))))},
		{name: "a serving container without a startup probe fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", api, testobj.Readiness())))),
			want: []string{"Deployment/a:main"}, msg: "has no startupProbe"},
		{name: "a Service makes the container serve traffic",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"),
				testobj.Service(ns, "svc", testobj.Selects("app", "a"), testobj.ServicePort("https", 443, ""))),
			want: []string{"Deployment/a:main"}},
		{name: "a container that serves no traffic is not judged",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Containers(testobj.C("main", testobj.Port("metrics", 9090)))))},
	})
	if StartupProbe.Lifecycle != Informing {
		t.Errorf("startup-probe must be informing, is %s", StartupProbe.Lifecycle)
	}
}

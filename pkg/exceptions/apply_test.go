package exceptions

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	configv1 "github.com/openshift/api/config/v1"

	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

var (
	ha  = snapshot.Topology{Mode: configv1.HighlyAvailableTopologyMode, Field: "infrastructureTopology"}.String()
	sno = snapshot.Topology{Mode: configv1.SingleReplicaTopologyMode, Field: "controlPlaneTopology"}.String()
	now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
)

func mustParse(t *testing.T, body string) *List {
	t.Helper()
	list, err := Parse("test.yaml", []byte(header+"exceptions:\n"+body), known)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func violation(kind, name, container string) result.Violation {
	return result.Violation{Kind: kind, Name: name, Container: container, Topology: ha,
		RuleKey: "apps/v1/" + kind + "/ns/" + name + "/" + container}
}

func TestMatches(t *testing.T) {
	list := mustParse(t, `
- {id: exact, type: pending-jira, jira: OCPBUGS-1, checks: [readiness-probe], namespace: openshift-console, workload: {kind: Deployment, name: downloads, container: download-server}}
- {id: prefix, type: pending-jira, jira: OCPBUGS-1, checks: ["*"], namespaceRegex: '^openshift-', workload: {namePrefix: cluster-}}
- {id: regex, type: pending-jira, jira: OCPBUGS-1, checks: [replicas], namespaceRegex: '-operator$', workload: {kind: Deployment, nameRegex: '-operator$'}}
- {id: ha-only, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: openshift-etcd, topologies: [HighlyAvailable]}
`)
	cases := []struct {
		name, id, ns, check string
		v                   result.Violation
		want                bool
	}{
		{"exact fields match", "exact", "openshift-console", "readiness-probe", violation("Deployment", "downloads", "download-server"), true},
		{"another container does not", "exact", "openshift-console", "readiness-probe", violation("Deployment", "downloads", "other"), false},
		{"a workload-level violation has no container to match", "exact", "openshift-console", "readiness-probe", violation("Deployment", "downloads", ""), false},
		{"another check does not", "exact", "openshift-console", "liveness-probe", violation("Deployment", "downloads", "download-server"), false},
		{"another kind does not", "exact", "openshift-console", "readiness-probe", violation("StatefulSet", "downloads", "download-server"), false},
		{"another namespace does not", "exact", "openshift-console-operator", "readiness-probe", violation("Deployment", "downloads", "download-server"), false},
		{"a star matches any check and a prefix any kind", "prefix", "openshift-etcd", "pdb", violation("StatefulSet", "cluster-x", ""), true},
		{"a prefix is not a substring", "prefix", "openshift-etcd", "pdb", violation("StatefulSet", "my-cluster-x", ""), false},
		{"a namespace regex outside its anchor does not match", "prefix", "kube-system", "pdb", violation("Deployment", "cluster-x", ""), false},
		{"regexes are unanchored unless written so", "regex", "openshift-etcd-operator", "replicas", violation("Deployment", "etcd-operator", ""), true},
		{"a name regex that fails excludes", "regex", "openshift-etcd-operator", "replicas", violation("Deployment", "etcd-operator-2", ""), false},
		{"a topology-limited exception matches that topology", "ha-only", "openshift-etcd", "pdb", violation("Deployment", "etcd", ""), true},
		{"and not another", "ha-only", "openshift-etcd", "pdb", result.Violation{Kind: "Deployment", Name: "etcd", Topology: sno}, false},
		{"nor a violation without topology", "ha-only", "openshift-etcd", "pdb", result.Violation{Kind: "Deployment", Name: "etcd"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := list.Get(tc.id).Matches(tc.ns, tc.check, tc.v); got != tc.want {
				t.Errorf("Matches = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestExpired(t *testing.T) {
	list := mustParse(t, "- {id: e, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: a, expires: 2026-05-31}\n")
	e := list.Get("e")
	cases := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"the expiry day is still honoured at its last second", time.Date(2026, 5, 31, 23, 59, 59, 0, time.UTC), false},
		{"the next day it has expired", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), true},
		{"a time zone east of UTC does not shift the day", time.Date(2026, 6, 1, 1, 0, 0, 0, time.FixedZone("CEST", 2*3600)), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := e.Expired(tc.at); got != tc.want {
				t.Errorf("Expired(%v) = %v, want %v", tc.at, got, tc.want)
			}
		})
	}
}

// outcomeOf summarises an applied result for comparison.
type outcomeOf struct {
	Outcome    result.Outcome
	Exceptions []string
}

func TestApply(t *testing.T) {
	list := mustParse(t, `
- {id: console-downloads, type: pending-jira, jira: OCPBUGS-12345, targetVersion: "4.23", checks: [readiness-probe], namespace: openshift-console, workload: {name: downloads}}
- {id: operators, type: permanent, checks: [replicas], namespaceRegex: '-operator$', reason: leader-elected, approvedBy: "@arch"}
- {id: etcd-pending, type: pending-jira, jira: OCPBUGS-2, checks: [replicas], namespace: openshift-etcd-operator}
- {id: old, type: pending-jira, jira: OCPBUGS-3, checks: [pdb], namespace: openshift-dns, expires: 2026-01-31}
- {id: sno-only, type: pending-jira, jira: OCPBUGS-4, checks: [liveness-probe], namespace: openshift-dns, topologies: [SingleReplica]}
- {id: nothing-here, type: pending-jira, jira: OCPBUGS-5, checks: ["*"], namespace: openshift-cluster-olm-operator}
`)
	res := func(ns, check string, o result.Outcome, vs ...result.Violation) result.Result {
		return result.Result{Namespace: ns, Check: check, Outcome: o, Violations: vs}
	}
	input := []result.Result{
		res("openshift-console", "readiness-probe", result.Fail, violation("Deployment", "downloads", "download-server")),
		res("openshift-console", "liveness-probe", result.Pass),
		res("openshift-apiserver-operator", "replicas", result.Fail, violation("Deployment", "openshift-apiserver-operator", "")),
		res("openshift-etcd-operator", "replicas", result.Fail, violation("Deployment", "etcd-operator", "")),
		res("openshift-console", "replicas", result.Fail, violation("Deployment", "downloads", "")),
		res("openshift-dns", "pdb", result.Fail, violation("DaemonSet", "dns-default", "")),
		res("openshift-dns", "liveness-probe", result.Fail, violation("DaemonSet", "dns-default", "dns")),
		res("openshift-console", "pdb", result.Skip),
		res("openshift-console-operator", "replicas", result.Fail,
			violation("Deployment", "console-operator", ""), violation("Deployment", "extra", "")),
	}
	want := []outcomeOf{
		{result.Flake, []string{"console-downloads"}},
		{result.Pass, nil},
		{result.Pass, []string{"operators"}},              // permanent-only, switched to pass
		{result.Pass, []string{"operators"}},              // the first match in file order wins
		{result.Fail, []string{""}},                       // no exception
		{result.Fail, []string{""}},                       // expired: ignored
		{result.Fail, []string{""}},                       // topology does not match
		{result.Skip, nil},                                // skips are never touched
		{result.Pass, []string{"operators", "operators"}}, // every violation covered
	}
	got := list.Apply(input, Options{Now: now, PermanentAs: result.Pass})
	var gotOutcomes []outcomeOf
	for _, r := range got.Results {
		o := outcomeOf{Outcome: r.Outcome}
		for _, v := range r.Violations {
			o.Exceptions = append(o.Exceptions, v.Exception)
		}
		gotOutcomes = append(gotOutcomes, o)
	}
	if diff := cmp.Diff(want, gotOutcomes); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	// etcd-pending is shadowed by operators, which comes first, but it matched.
	if diff := cmp.Diff([]string{"sno-only", "nothing-here"}, got.Unused); diff != "" {
		t.Errorf("unused (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"old"}, got.Expired); diff != "" {
		t.Errorf("expired (-want +got):\n%s", diff)
	}
	wantWaiver := &result.Waiver{ID: "console-downloads", Type: "pending-jira", Jira: "OCPBUGS-12345",
		JiraURL: "https://issues.redhat.com/browse/OCPBUGS-12345", TargetVersion: "4.23"}
	if diff := cmp.Diff(wantWaiver, got.Results[0].Violations[0].Waiver); diff != "" {
		t.Errorf("waiver (-want +got):\n%s", diff)
	}
	if input[0].Violations[0].Exception != "" || input[0].Outcome != result.Fail {
		t.Errorf("Apply modified its input: %+v", input[0])
	}
}

func TestPermanentAs(t *testing.T) {
	list := mustParse(t, `
- {id: perm, type: permanent, checks: [replicas], namespace: ns, workload: {name: a}, reason: r, approvedBy: me}
- {id: pend, type: pending-jira, jira: OCPBUGS-1, checks: [replicas], namespace: ns, workload: {name: b}}
`)
	cases := []struct {
		name string
		as   result.Outcome
		vs   []result.Violation
		want result.Outcome
	}{
		{"permanent-only is a flake by default", "", []result.Violation{violation("Deployment", "a", "")}, result.Flake},
		{"permanent-only is a flake when asked", result.Flake, []result.Violation{violation("Deployment", "a", "")}, result.Flake},
		{"permanent-only is a pass when asked", result.Pass, []result.Violation{violation("Deployment", "a", "")}, result.Pass},
		{"permanent and pending together stay a flake", result.Pass, []result.Violation{violation("Deployment", "a", ""), violation("Deployment", "b", "")}, result.Flake},
		{"one uncovered violation fails them all", result.Pass, []result.Violation{violation("Deployment", "a", ""), violation("Deployment", "c", "")}, result.Fail},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := []result.Result{{Namespace: "ns", Check: "replicas", Outcome: result.Fail, Violations: tc.vs}}
			got := list.Apply(in, Options{Now: now, PermanentAs: tc.as})
			if o := got.Results[0].Outcome; o != tc.want {
				t.Errorf("outcome = %s, want %s", o, tc.want)
			}
			if len(got.Results[0].Violations) != len(tc.vs) {
				t.Errorf("violations were dropped: %+v", got.Results[0].Violations)
			}
		})
	}
}

func TestApplyWithoutExceptions(t *testing.T) {
	var list *List
	in := []result.Result{{Namespace: "ns", Check: "replicas", Outcome: result.Fail, Violations: []result.Violation{violation("Deployment", "a", "")}}}
	got := list.Apply(in, Options{Now: now})
	if got.Results[0].Outcome != result.Fail || got.Unused == nil || got.Expired == nil {
		t.Errorf("Apply with no list = %+v, want the fail unchanged and empty, non-nil lists", got)
	}
}

package exceptions

import (
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

func TestStanza(t *testing.T) {
	v := violation("Deployment", "downloads", "download-server")
	got := Stanza("openshift-console", "readiness-probe", v)
	want := `- id: openshift-console-downloads-download-server-readiness-probe
  type: pending-jira
  checks: [readiness-probe]
  namespace: openshift-console
  workload: {kind: Deployment, name: downloads, container: download-server}
  jira: OCPBUGS-NNNNN
`
	if got != want {
		t.Errorf("Stanza =\n%s\nwant\n%s", got, want)
	}
}

// TestStanzaRoundTrip pastes each suggested stanza into a file: with the
// placeholder it must fail validation, with a real key it must load and
// cover exactly its own violation.
func TestStanzaRoundTrip(t *testing.T) {
	cases := []struct {
		name, ns, check string
		v               result.Violation
	}{
		{"a container violation", "openshift-console", "readiness-probe", violation("Deployment", "downloads", "download-server")},
		{"a workload violation", "my-ns", "replicas", violation("StatefulSet", "db", "")},
		{"names YAML would misread are quoted", "no", "pdb", violation("Pod", "123", "true")},
		{"a static pod", "openshift-etcd", "liveness-probe", violation("StaticPod", "etcd", "etcd-metrics")},
		{"a check that failed on a whole namespace", "ns", "pdb", violation("Namespace", "ns", "")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stanza := Stanza(tc.ns, tc.check, tc.v)
			if _, err := Parse("s.yaml", []byte(header+"exceptions:\n"+stanza), known); err == nil ||
				!strings.Contains(err.Error(), JiraPlaceholder) {
				t.Errorf("the placeholder stanza validated (err %v):\n%s", err, stanza)
			}
			filled := strings.Replace(stanza, JiraPlaceholder, "OCPBUGS-42", 1)
			list, err := Parse("s.yaml", []byte(header+"exceptions:\n"+filled), known)
			if err != nil {
				t.Fatalf("%v\n%s", err, filled)
			}
			e := list.Exceptions[0]
			if !e.Matches(tc.ns, tc.check, tc.v) {
				t.Errorf("stanza does not cover its violation:\n%s", filled)
			}
			other := tc.v
			other.Name += "-other"
			if e.Matches(tc.ns, tc.check, other) || e.Matches(tc.ns+"x", tc.check, tc.v) {
				t.Errorf("stanza covers more than its violation:\n%s", filled)
			}
		})
	}
}

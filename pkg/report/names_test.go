package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
)

// TestEngineNames runs the real engine over the fixture cluster, with no
// sample needed: the Jira tag comes from the embedded component table.
func TestEngineNames(t *testing.T) {
	rs := checks.Run(fixtureCluster(), checks.Options{Include: regexp.MustCompile(`.*`)})
	cases := []struct {
		name, ns, prefix string
	}{
		{"openshift-console carries its Jira component", "openshift-console", `[Monitor:ha-compliance][Jira:"Management Console"] `},
		{"a namespace with no known component carries ci-test-mapping's fallback", "my-app", `[Monitor:ha-compliance][Jira:"Unknown"] `},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, r := range rs {
				if r.Namespace != tc.ns {
					continue
				}
				n++
				if !strings.HasPrefix(r.TestName, tc.prefix) || strings.Count(r.TestName, "[Jira:") > 1 {
					t.Errorf("name %q, want prefix %q", r.TestName, tc.prefix)
				}
				if !strings.Contains(r.TestName, " in ns/"+tc.ns+" should ") {
					t.Errorf("name %q does not name the namespace", r.TestName)
				}
			}
			if n != len(checks.All()) {
				t.Errorf("%d results for %s, want one per check (%d)", n, tc.ns, len(checks.All()))
			}
		})
	}
}

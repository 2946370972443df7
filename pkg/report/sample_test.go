package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/components"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// TestRealSample applies examples/exceptions.yaml to the real 4.8 AWS
// must-gather: the flakes, fails and unused exception that file promises,
// Sippy's reading of the JUnit, and the rules on test names.
func TestRealSample(t *testing.T) {
	sample := filepath.Join("..", "..", "..", "shared", "samples", "must-gather-aws-4.8")
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("real sample not present: %v", err)
	}
	c, err := loader.Load(context.Background(), []string{sample}, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	list, err := exceptions.Load([]string{filepath.Join("..", "..", "examples", "exceptions.yaml")}, checks.IDs())
	if err != nil {
		t.Fatal(err)
	}
	table := components.Default().With(list.ComponentOverrides)
	rs := checks.Run(c, checks.Options{Component: table.Lookup})
	applied := list.Apply(rs, exceptions.Options{Now: fixtureTime})
	got := map[[2]string]result.Result{}
	var flakes [][2]string
	for _, r := range applied.Results {
		k := [2]string{r.Namespace, r.Check}
		got[k] = r
		if r.Outcome == result.Flake {
			flakes = append(flakes, k)
		}
	}

	t.Run("singleton operators and the console PDBs flake", func(t *testing.T) {
		want := [][2]string{{"openshift-console", "pdb"}}
		for _, ns := range []string{"openshift-apiserver-operator", "openshift-authentication-operator",
			"openshift-cluster-node-tuning-operator", "openshift-cluster-samples-operator", "openshift-cluster-storage-operator",
			"openshift-config-operator", "openshift-console-operator", "openshift-controller-manager-operator",
			"openshift-dns-operator", "openshift-etcd-operator", "openshift-ingress-operator", "openshift-kube-apiserver-operator",
			"openshift-kube-controller-manager-operator", "openshift-kube-scheduler-operator",
			"openshift-kube-storage-version-migrator-operator", "openshift-network-operator", "openshift-service-ca-operator"} {
			want = append(want, [2]string{ns, "replicas"})
		}
		slices.SortFunc(want, func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
		slices.SortFunc(flakes, func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
		if diff := cmp.Diff(want, flakes); diff != "" {
			t.Errorf("flakes (-want +got):\n%s", diff)
		}
	})
	t.Run("a namespace with excepted and unexcepted violations fails and lists both", func(t *testing.T) {
		for _, tc := range []struct{ ns, check, excepted, id string }{
			{"openshift-monitoring", "readiness-probe", "grafana", "monitoring-grafana-readiness"},
			{"openshift-cloud-credential-operator", "replicas", "cloud-credential-operator", "singleton-operators"},
		} {
			r := got[[2]string{tc.ns, tc.check}]
			var covered, open []string
			for _, v := range r.Violations {
				if v.Exception != "" {
					covered = append(covered, v.Name+"="+v.Exception)
				} else {
					open = append(open, v.Name)
				}
			}
			if r.Outcome != result.Fail || !slices.Equal(covered, []string{tc.excepted + "=" + tc.id}) || len(open) == 0 {
				t.Errorf("%s/%s: outcome %s, excepted %v, unexcepted %v; want fail with only %s excepted",
					tc.ns, tc.check, r.Outcome, covered, open, tc.excepted)
			}
		}
	})
	t.Run("the exception for a later release is unused and none has expired", func(t *testing.T) {
		if !slices.Equal(applied.Unused, []string{"olm-operator-startup"}) || len(applied.Expired) != 0 {
			t.Errorf("unused %v, expired %v; want [olm-operator-startup] and none", applied.Unused, applied.Expired)
		}
	})
	t.Run("test names carry the Jira component, or ci-test-mapping's fallback, and nothing that changes", func(t *testing.T) {
		var fallback int
		var pods []string
		for _, ns := range c.Namespaces() {
			for _, p := range ns.Pods {
				pods = append(pods, p.Name)
			}
		}
		digits := regexp.MustCompile(`[0-9]`)
		for _, r := range applied.Results {
			comp := table.Lookup(r.Namespace)
			switch {
			case r.Namespace == "openshift-console" && !strings.HasPrefix(r.TestName, `[Monitor:ha-compliance][Jira:"Management Console"] `):
				t.Errorf("console name lacks its component: %q", r.TestName)
			case r.Namespace == "openshift-insights" && !strings.Contains(r.TestName, `[Jira:"Insights Operator"]`):
				t.Errorf("the component override is not in %q", r.TestName)
			case !strings.HasPrefix(r.TestName, fmt.Sprintf("[Monitor:ha-compliance][Jira:%q] ", comp)):
				t.Errorf("name does not carry the component %q: %q", comp, r.TestName)
			}
			if comp == components.Fallback {
				fallback++
			}
			chk, _ := checks.Lookup(checks.ID(r.Check))
			rest := strings.Replace(strings.Replace(r.TestName, "ns/"+r.Namespace, "", 1), chk.Should, "", 1)
			if digits.MatchString(rest) {
				t.Errorf("name has a number that is not part of its rule: %q", r.TestName)
			}
			for _, p := range pods {
				if p != r.Namespace && strings.Contains(r.TestName, p) {
					t.Errorf("name %q contains pod name %q", r.TestName, p)
				}
			}
		}
		if fallback == 0 {
			t.Errorf("the sample has no namespace without a known component: the fallback went untested")
		}
	})
	t.Run("Sippy reads from the JUnit the outcomes of the JSON", func(t *testing.T) {
		var x bytes.Buffer
		if err := JUnit(&x, applied.Results, JUnitOptions{Timestamp: fixtureTime, Checks: checks.All()}); err != nil {
			t.Fatal(err)
		}
		sippy, _ := classify(t, x.Bytes())
		for _, r := range applied.Results {
			k := sippyKey{DefaultSuite, r.TestName}
			if r.Outcome == result.Skip {
				if _, ok := sippy[k]; ok {
					t.Errorf("skipped %q reached Sippy", r.TestName)
				}
				continue
			}
			if sippy[k] != r.Outcome {
				t.Errorf("%q: Sippy reads %s, JSON says %s", r.TestName, sippy[k], r.Outcome)
			}
		}
	})
	t.Run("the markdown fits a GitHub comment; details and stanzas are beside it", func(t *testing.T) {
		a := Analysis{Input: Inspect(c), Results: applied.Results, Observed: Observe(c),
			Exceptions: ExceptionReport{Unused: applied.Unused, Expired: applied.Expired}}
		var md, details, stanzas bytes.Buffer
		o := MarkdownOptions{Checks: checks.All()}
		for _, err := range []error{Markdown(&md, a, o), MarkdownDetails(&details, a, o), ExceptionsYAML(&stanzas, a)} {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n := utf8.RuneCount(md.Bytes()); n >= 60000 {
			t.Errorf("ha-compliance.md has %d characters, want under 60,000", n)
		}
		for _, tc := range []struct {
			file string
			text string
			want []string
		}{
			// The one finding the customer can act on comes first.
			{"ha-compliance.md", md.String(), []string{"`olm-operator-startup`", "## Summary",
				"`openshift-monitoring StatefulSet/alertmanager-main`", "**File: product-wide"}},
			{DetailsFile, details.String(), []string{"### ❌ openshift-monitoring", "`Deployment/kube-state-metrics`"}},
			{ExceptionsFile, stanzas.String(), []string{
				"namespace: openshift-monitoring\n  workload: {kind: Deployment, name: kube-state-metrics, container: kube-rbac-proxy-main}"}},
		} {
			for _, want := range tc.want {
				if !strings.Contains(tc.text, want) {
					t.Errorf("%s lacks %q", tc.file, want)
				}
			}
		}
		if i, j := strings.Index(md.String(), "alertmanager-main"), strings.Index(md.String(), "**File: product-wide"); i > j {
			t.Errorf("the shared-node risk comes after the product-wide gaps")
		}
	})
}

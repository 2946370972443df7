package checks

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	configv1 "github.com/openshift/api/config/v1"
	"sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// fixturesDir holds one folder per check id with {pass,fail,skip}-<case>.yaml.
var fixturesDir = filepath.Join("..", "..", "testdata", "checks")

var fixtureName = regexp.MustCompile(`^(pass|fail|flake|skip)-[a-z0-9-]+\.yaml$`)

// categories are fixture folders that show one behaviour across checks
// rather than one check; each of their files names its check.
var categories = []string{"run-once", "release-gating", "baseline", "stable-keys", "jira-fallback"}

// fixture is the optional first document of a fixture file (kind: Fixture):
// the input's shape and what the case expects beyond its outcome.
type fixture struct {
	Kind        string `json:"kind"`
	Description string `json:"description"`
	// Namespace judged; default openshift-fixture.
	Namespace string `json:"namespace"`
	// Missing kinds the input cannot hold; Partial leaves Namespace uncollected.
	Missing []snapshot.Kind `json:"missing"`
	Partial bool            `json:"partial"`
	// Topology is the user's --topology override.
	Topology configv1.TopologyMode `json:"topology"`
	// Violations are the exact rule keys a fail case reports, in order.
	Violations []string `json:"violations"`
	// Reason is the exact reason of a skip case.
	Reason string `json:"reason"`
	// Check is the check a category fixture runs (a check folder's files
	// run the folder's check).
	Check ID `json:"check"`
	// Baseline applies the shipped baseline of permanent exceptions.
	Baseline bool `json:"baseline"`
	// TestName, when set, is the exact JUnit name of the result.
	TestName string `json:"testName"`
	// Component, when set, is the exact Jira component of the result.
	Component string `json:"component"`
}

// loadFixture reads one fixture file into its expectations and snapshot.
func loadFixture(path string) (fixture, *snapshot.Cluster, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return fixture{}, nil, err
	}
	docs, err := testobj.Docs(data)
	if err != nil {
		return fixture{}, nil, err
	}
	fx := fixture{Namespace: "openshift-fixture"}
	var objs []any
	for i, doc := range docs {
		kind, err := testobj.Kind(doc)
		if err != nil {
			return fixture{}, nil, fmt.Errorf("document %d: %w", i, err)
		}
		if kind == "Fixture" {
			if err := yaml.UnmarshalStrict(doc, &fx); err != nil {
				return fixture{}, nil, fmt.Errorf("document %d: %w", i, err)
			}
			continue
		}
		obj, err := testobj.Object(doc)
		if err != nil {
			return fixture{}, nil, fmt.Errorf("document %d: %w", i, err)
		}
		objs = append(objs, obj)
	}
	if len(fx.Missing) > 0 {
		objs = append(objs, testobj.Missing(fx.Missing...))
	}
	if fx.Partial {
		objs = append(objs, testobj.Partial(fx.Namespace))
	}
	if fx.Topology != "" {
		objs = append(objs, testobj.Override(fx.Topology))
	}
	return fx, testobj.Cluster(objs...), nil
}

// TestFixtures runs every check over its fixture folder: the file name says
// the outcome, the Fixture document the exact rule keys or skip reason.
func TestFixtures(t *testing.T) {
	dirs, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if !dir.IsDir() {
			continue // README.md
		}
		id := ID(dir.Name())
		category := slices.Contains(categories, dir.Name())
		if _, ok := Lookup(id); !ok && !category {
			t.Errorf("%s: neither a check id nor a category (%s)", dir.Name(), strings.Join(categories, ", "))
			continue
		}
		files, err := os.ReadDir(filepath.Join(fixturesDir, dir.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			t.Run(dir.Name()+"/"+f.Name(), func(t *testing.T) {
				if !fixtureName.MatchString(f.Name()) {
					t.Fatalf("name a fixture (pass|fail|skip)-<case>.yaml")
				}
				fx, c, err := loadFixture(filepath.Join(fixturesDir, dir.Name(), f.Name()))
				if err != nil {
					t.Fatal(err)
				}
				run := id
				if category {
					if _, ok := Lookup(fx.Check); !ok {
						t.Fatalf("a %s fixture names its check: check: %q is not one", dir.Name(), fx.Check)
					}
					run = fx.Check
				}
				rs := Run(c, Options{Checks: []ID{run}, Include: regexp.MustCompile("^" + regexp.QuoteMeta(fx.Namespace) + "$")})
				if len(rs) != 1 {
					t.Fatalf("got %d results for namespace %s, want 1", len(rs), fx.Namespace)
				}
				if fx.Baseline {
					rs = applyBaseline(t, rs)
				}
				checkFixture(t, strings.SplitN(f.Name(), "-", 2)[0], fx, rs[0])
			})
		}
	}
}

func checkFixture(t *testing.T, outcome string, fx fixture, r result.Result) {
	t.Helper()
	if string(r.Outcome) != outcome {
		t.Fatalf("outcome %s (reason %q, violations %+v), want %s", r.Outcome, r.Reason, r.Violations, outcome)
	}
	if fx.TestName != "" && r.TestName != fx.TestName {
		t.Errorf("test name %q, want %q", r.TestName, fx.TestName)
	}
	if fx.Component != "" && r.Component != fx.Component {
		t.Errorf("component %q, want %q", r.Component, fx.Component)
	}
	switch outcome {
	case "fail", "flake":
		if len(fx.Violations) == 0 {
			t.Fatal("a fail or flake fixture must list its violations' rule keys")
		}
		var got []string
		for _, v := range r.Violations {
			got = append(got, v.RuleKey)
		}
		if diff := cmp.Diff(fx.Violations, got); diff != "" {
			t.Errorf("rule keys (-want +got):\n%s", diff)
		}
	case "skip":
		if fx.Reason == "" {
			t.Fatal("a skip fixture must state its reason")
		}
		if r.Reason != fx.Reason {
			t.Errorf("reason %q, want %q", r.Reason, fx.Reason)
		}
	}
}

// applyBaseline applies the shipped baseline as analyze does by default.
func applyBaseline(t *testing.T, rs []result.Result) []result.Result {
	t.Helper()
	list, err := exceptions.LoadWithBaseline(nil, IDs())
	if err != nil {
		t.Fatal(err)
	}
	a := list.Apply(rs, exceptions.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PermanentAs: result.Flake})
	for _, r := range a.Results {
		for _, v := range r.Violations {
			if v.Waiver != nil && (!v.Waiver.Baseline || v.Waiver.Reference == "") {
				t.Errorf("%s covered by %s, which is not a baseline entry with its reference", v.RuleKey, v.Exception)
			}
		}
	}
	return a.Results
}

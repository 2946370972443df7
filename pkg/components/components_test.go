package components

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultParses(t *testing.T) {
	tbl, err := parse()
	if err != nil {
		t.Fatal(err)
	}
	if len(tbl) < 60 {
		t.Errorf("embedded table has %d namespaces, want the whole ci-test-mapping list", len(tbl))
	}
	for ns, c := range tbl {
		if !valid(c) {
			t.Errorf("namespace %s maps to %q, which is not a real component", ns, c)
		}
	}
}

func TestLookup(t *testing.T) {
	overridden := Default().With(map[string]string{
		"openshift-insights": "Insights Operator / Gathering",
		"openshift-console":  "Unknown",
		"my-namespace":       "My Component",
		"openshift-etcd":     "",
	})
	cases := []struct {
		name  string
		table Table
		ns    string
		want  string
	}{
		{"a listed namespace has its component", Default(), "openshift-console", "Management Console"},
		{"kube-system belongs to kube-apiserver", Default(), "kube-system", "kube-apiserver"},
		{"an unlisted namespace falls back as in ci-test-mapping", Default(), "openshift-sdn", "Unknown"},
		{"an override replaces the table", overridden, "openshift-insights", "Insights Operator / Gathering"},
		{"an override adds a namespace", overridden, "my-namespace", "My Component"},
		{"an Unknown override falls back", overridden, "openshift-console", "Unknown"},
		{"an empty override falls back", overridden, "openshift-etcd", "Unknown"},
		{"overrides leave other entries alone", overridden, "openshift-dns", "Networking / DNS"},
		{"an unknown entry in the table falls back, spelt as ci-test-mapping spells it", Table{"ns": "unknown"}, "ns", "Unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.table.Lookup(tc.ns); got != tc.want {
				t.Errorf("Lookup(%q) = %q, want %q", tc.ns, got, tc.want)
			}
		})
	}
}

func TestWithDoesNotModifyDefault(t *testing.T) {
	Default().With(map[string]string{"openshift-console": "Other"})
	if got := Lookup("openshift-console"); got != "Management Console" {
		t.Errorf("default table changed to %q", got)
	}
}

// The embedded copy must list what the spec's table lists; the header may differ.
func TestEmbeddedMatchesSharedTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "jira-components.yaml"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("../shared not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	shared, err := decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(shared, Default()); diff != "" {
		t.Errorf("embedded table differs from ../shared/data/jira-components.yaml (-shared +embedded):\n%s", diff)
	}
}

package diff

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/batch"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

func res(ns, check string, o result.Outcome, keys ...string) result.Result {
	r := result.Result{Namespace: ns, Check: check, Outcome: o, Violations: []result.Violation{}}
	if o == result.Skip {
		r.Reason = "no PodDisruptionBudgets in input"
	}
	for _, k := range keys {
		r.Violations = append(r.Violations, result.Violation{RuleKey: k, Message: "m " + k})
	}
	return r
}

func TestCompare(t *testing.T) {
	old := Side{Name: "old", Results: []result.Result{
		res("a", "replicas", result.Pass),
		res("a", "pdb", result.Pass),
		res("a", "probes", result.Fail, "k1"),
		res("a", "spread", result.Fail, "k2", "k3"),
		res("a", "flaky", result.Pass),
		res("a", "skipped", result.Skip),
		res("a", "gone", result.Pass),
		res("b", "replicas", result.Skip),
		res("old-ns", "replicas", result.Pass),
	}}
	informing := res("a", "informing", result.Fail, "k9")
	informing.Informing = true
	new := Side{Name: "new", Results: []result.Result{
		res("a", "replicas", result.Fail, "k0"),
		res("a", "pdb", result.Skip),
		res("a", "probes", result.Pass),
		res("a", "spread", result.Fail, "k2", "k4"),
		res("a", "flaky", result.Flake, "k5"),
		res("a", "skipped", result.Skip),
		informing,
		res("b", "replicas", result.Fail, "k6"),
		res("new-ns", "replicas", result.Pass),
	}}
	rep := Compare(old, new)
	keyOf := func(cs []Change) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, c.Namespace+"/"+c.Check+":"+string(c.From)+">"+string(c.To))
		}
		return out
	}
	got := map[string][]string{
		"new":      keyOf(rep.NewFailures),
		"fixed":    keyOf(rep.Fixed),
		"flake":    keyOf(rep.FlakeChanges),
		"viol":     keyOf(rep.Violations),
		"coverage": keyOf(rep.Coverage),
	}
	want := map[string][]string{
		"new":      {"a/replicas:pass>fail", "b/replicas:skip>fail"},
		"fixed":    {"a/probes:fail>pass"},
		"flake":    {"a/flaky:pass>flake"},
		"viol":     {"a/spread:fail>fail"},
		"coverage": {"a/pdb:pass>skip"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if v := rep.Violations[0]; len(v.Added) != 1 || v.Added[0].RuleKey != "k4" || len(v.Removed) != 1 || v.Removed[0].RuleKey != "k3" {
		t.Errorf("violations %+v", v)
	}
	if diff := cmp.Diff([]Key{{"a", "informing"}}, rep.Appeared); diff != "" {
		t.Errorf("appeared: %s", diff)
	}
	if diff := cmp.Diff([]Key{{"a", "gone"}}, rep.Vanished); diff != "" {
		t.Errorf("vanished: %s", diff)
	}
	if !cmp.Equal(rep.AppearedNamespaces, []string{"new-ns"}) || !cmp.Equal(rep.VanishedNamespaces, []string{"old-ns"}) {
		t.Errorf("namespaces %v %v", rep.AppearedNamespaces, rep.VanishedNamespaces)
	}
	if !rep.Regressed() || rep.Unchanged != 1 {
		t.Errorf("regressed %v unchanged %d", rep.Regressed(), rep.Unchanged)
	}
	for name, render := range map[string]func(*bytes.Buffer) error{
		"text": func(b *bytes.Buffer) error { return rep.Text(b) }, "markdown": func(b *bytes.Buffer) error { return rep.Markdown(b) },
		"json": func(b *bytes.Buffer) error { return rep.JSON(b) },
	} {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"k0", "k4", "k3", "new-ns", "no PodDisruptionBudgets in input"} {
			if !strings.Contains(b.String(), s) {
				t.Errorf("%s output lacks %q:\n%s", name, s, b.String())
			}
		}
	}
}

// TestInformingNeverGates: a new failure of an informing check is listed
// but does not make the diff a regression.
func TestInformingNeverGates(t *testing.T) {
	n := res("a", "x", result.Fail, "k")
	n.Informing = true
	rep := Compare(Side{Results: []result.Result{res("a", "x", result.Pass)}}, Side{Results: []result.Result{n}})
	if len(rep.NewFailures) != 1 || rep.Regressed() {
		t.Errorf("%+v regressed=%v", rep.NewFailures, rep.Regressed())
	}
}

func TestMergeRuns(t *testing.T) {
	m := newMerger()
	for _, r := range []result.Result{
		res("a", "x", result.Pass), res("a", "x", result.Fail, "k1"), res("a", "x", result.Fail, "k1", "k2"),
		res("a", "y", result.Skip), res("a", "y", result.Flake, "k3"),
		res("a", "z", result.Skip), res("a", "z", result.Skip),
	} {
		m.add(r)
	}
	got := m.results()
	if len(got) != 3 || got[0].Outcome != result.Fail || len(got[0].Violations) != 2 ||
		got[1].Outcome != result.Flake || got[2].Outcome != result.Skip {
		t.Errorf("merged %+v", got)
	}
}

// TestLoadRefuses: a file that is an analysis or a batch folder but holds
// rows no version of ha-compliance writes is refused, naming the file and row.
func TestLoadRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, analysis, runs, results, want string
	}{
		{name: "unknown outcome", analysis: `{"schemaVersion":1,"results":[{"namespace":"a","check":"pdb","outcome":"weird"}]}`,
			want: `ha-compliance.json: result 1: outcome "weird" is none of pass, fail, flake, skip`},
		{name: "no check", analysis: `{"schemaVersion":1,"results":[{"namespace":"a","outcome":"pass"}]}`,
			want: "ha-compliance.json: result 1 has no namespace or check"},
		{name: "run without key", runs: "{}\n", results: "",
			want: "runs.ndjson:1: a run without run_key"},
		{name: "row without key", runs: `{"run_key":"r"}` + "\n", results: "\n" + `{"namespace":"a","check":"pdb","outcome":"pass"}` + "\n",
			want: "results.ndjson:2: a row without run_key, namespace or check"},
		{name: "row with unknown outcome", runs: `{"run_key":"r"}` + "\n", results: `{"run_key":"r","namespace":"a","check":"pdb","outcome":"PASS"}` + "\n",
			want: `results.ndjson:1: outcome "PASS" is none of pass, fail, flake, skip`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "ha-compliance.json")
			files := map[string]string{path: tc.analysis}
			if tc.analysis == "" {
				path = dir
				files = map[string]string{filepath.Join(dir, batch.RunsFile): tc.runs, filepath.Join(dir, batch.ResultsFile): tc.results}
			}
			for name, body := range files {
				if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Load(context.Background(), path, LoadOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}

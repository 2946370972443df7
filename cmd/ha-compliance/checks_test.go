package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
)

func checksCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"checks"}, args...), IOStreams{Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func TestChecksText(t *testing.T) {
	code, out, _ := checksCmd(t)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	want := []string{"ID", "CONVENTION", "core", "extended", "informing", "PodDisruptionBudgets",
		"openshift/enhancements/blob/master/CONVENTIONS.md#high-availability"}
	for _, c := range checks.All() {
		want = append(want, string(c.ID))
	}
	contains(t, "stdout", out, want)
}

func TestChecksJSON(t *testing.T) {
	_, out, _ := checksCmd(t, "-o", "json")
	var docs []checkDoc
	if err := json.Unmarshal([]byte(out), &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(checks.All()) {
		t.Fatalf("%d checks, want %d", len(docs), len(checks.All()))
	}
	pdb := docs[5]
	if pdb.ID != "pdb" || pdb.Tier != "core" || pdb.Lifecycle != "blocking" || len(pdb.Needs) != 3 || pdb.Needs[0] != "PodDisruptionBudget" ||
		pdb.TestName != `[Monitor:ha-compliance][Jira:"<component>"] deployments and statefulsets in ns/<namespace> should be covered by a PodDisruptionBudget` {
		t.Errorf("pdb entry %+v", pdb)
	}
}

// docs/checks.md is generated; this fails when the committed copy is stale.
func TestChecksMarkdownIsCommitted(t *testing.T) {
	_, out, _ := checksCmd(t, "-o", "markdown")
	path := filepath.Join("..", "..", "docs", "checks.md")
	committed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(committed) != out {
		t.Errorf("%s is stale: regenerate it with make docs", path)
	}
}

func TestChecksUnknownFormat(t *testing.T) {
	if code, _, errOut := checksCmd(t, "-o", "yaml"); code != exitUsage {
		t.Errorf("exit %d (%s), want 2", code, errOut)
	}
}

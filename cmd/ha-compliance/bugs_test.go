package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/jira/jiratest"
)

// What bugs file says and does when Jira refuses: field errors named, a
// failed search files nothing, a wrong credential, and no credential shown.
func TestBugsFileErrors(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "analyze", bundledSample, "--output-dir", dir, "--checks", "replicas,pdb"); code != exitFailed {
		t.Fatalf("analyze: exit %d %s", code, errOut)
	}
	results := filepath.Join(dir, "ha-compliance.json")
	const secret = "bugs-file-secret-token"

	t.Run("a component Jira does not know", func(t *testing.T) {
		srv := jiratest.Start(t, jiratest.DataCenter, "OCPBUGS")
		srv.RequireBearer(secret)
		t.Setenv("JIRA_TOKEN", secret)
		srv.Components("Management Console") // only one known
		srv.Versions("4.9")                  // not 4.8: the bugs are filed without it
		exc := filepath.Join(t.TempDir(), "exc.yaml")
		code, out, errOut := runCLI(t, "bugs", "file", results, "--jira-url", srv.URL, "--yes", "--write-exceptions", exc)
		if code != exitFailed {
			t.Errorf("exit %d, want 1\n%s%s", code, out, errOut)
		}
		contains(t, "stdout", out, []string{"create \"[ha-compliance] ", "400 Bad Request: components: Component name '", "' is not valid", " failed"})
		data, err := os.ReadFile(exc)
		if err != nil {
			t.Fatal(err)
		}
		// Exceptions only for the bugs that were filed.
		if strings.Count(string(data), "jira: OCPBUGS-") == 0 || strings.Contains(string(data), "OCPBUGS-NNNNN") {
			t.Errorf("exceptions:\n%s", data)
		}
		if strings.Contains(out+errOut, secret) {
			t.Error("the token shows")
		}
		contains(t, "stderr", errOut, []string{"filed without affected versions: Jira refused them (create \"[ha-compliance] ", "versions: Version name '4.8' is not valid)"})
		for _, k := range srv.Keys() {
			if _, _, _, versions, _ := srv.Issue(k); len(versions) != 0 {
				t.Errorf("%s filed with versions %v", k, versions)
			}
		}
	})

	t.Run("a wrong credential", func(t *testing.T) {
		srv := jiratest.Start(t, jiratest.Cloud, "OCPBUGS")
		srv.RequireBasic("bot@example.com", secret)
		t.Setenv("JIRA_USER", "bot@example.com")
		t.Setenv("JIRA_API_TOKEN", "wrong-"+secret)
		code, out, errOut := runCLI(t, "bugs", "file", results, "--jira-url", srv.URL, "--yes")
		if code != exitFailed || len(srv.Keys()) != 0 {
			t.Errorf("exit %d, %d bugs\n%s%s", code, len(srv.Keys()), out, errOut)
		}
		contains(t, "stdout", out, []string{"search: 401 Unauthorized (check JIRA_TOKEN, or JIRA_USER and JIRA_API_TOKEN)"})
		if srv.Requests("POST /rest/api/2/issue") != 0 {
			t.Error("created although the search failed")
		}
		if strings.Contains(out+errOut, secret) {
			t.Error("the token shows")
		}
	})

	t.Run("a dry run changes nothing", func(t *testing.T) {
		srv := jiratest.Start(t, jiratest.DataCenter, "OCPBUGS")
		t.Setenv("JIRA_TOKEN", "")
		srv.Add("[ha-compliance] deployments and statefulsets in ns/openshift-console should be covered by a PodDisruptionBudget", "ha-compliance")
		exc := filepath.Join(t.TempDir(), "exc.yaml")
		code, out, errOut := runCLI(t, "bugs", "file", results, "--jira-url", srv.URL, "--write-exceptions", exc)
		if code != 0 || len(srv.Keys()) != 1 {
			t.Errorf("exit %d, %d bugs\n%s%s", code, len(srv.Keys()), out, errOut)
		}
		contains(t, "stdout", out, []string{"exists   OCPBUGS-1 ", "would file [ha-compliance] ", "(dry run: --yes files them)"})
		contains(t, "stderr", errOut, []string{"dry run: " + exc + " left as it is"})
		if _, err := os.Stat(exc); !os.IsNotExist(err) {
			t.Errorf("%s written on a dry run: %v", exc, err)
		}
	})

	t.Run("usage errors", func(t *testing.T) {
		for _, args := range [][]string{
			{"bugs", "file", results, "--jira-url", "https://user:pw@jira.example.com"},
			{"bugs", "file", results, "--jira-url", "jira.example.com"},
			{"bugs", "draft", results, "-o", "yaml"},
			{"bugs", "draft", results, "--min-runs", "0"},
		} {
			if code, _, errOut := runCLI(t, args...); code != exitUsage || strings.Contains(errOut, "pw@") {
				t.Errorf("%q: exit %d %s", args, code, errOut)
			}
		}
	})
}

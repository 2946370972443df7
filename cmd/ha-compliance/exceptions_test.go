package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/jira/jiratest"
)

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const exceptionsHeader = "apiVersion: ha-compliance/v1\nkind: ExceptionList\nexceptions:\n"

func TestExceptionsValidate(t *testing.T) {
	good := filepath.Join("..", "..", "examples", "exceptions.yaml")
	bad := writeFile(t, "bad.yaml", exceptionsHeader+"- {id: a, type: pending-jira, checks: [nope], namespace: x}\n- {id: a, type: permanent, checks: [replicas], namespace: ns-y, colour: red}\n")
	expired := writeFile(t, "expired.yaml", exceptionsHeader+"- {id: old, type: pending-jira, jira: OCPBUGS-1, checks: [replicas], namespace: x, expires: 2020-01-01}\n")
	cases := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string
		wantErr  []string
	}{
		{"the example file is valid", []string{good}, 0, []string{"4 exceptions in 1 file: valid"}, nil},
		{"every problem of a bad file is listed with exit 2", []string{bad}, 2, nil, []string{
			"invalid exceptions (6 problems)",
			`exceptions[0] (a).checks: unknown check id "nope"`,
			"exceptions[0] (a).jira: required for type pending-jira",
			"exceptions[1] (a).colour: unknown field",
			`exceptions[1] (a).id: duplicate id "a"`,
			"exceptions[1] (a).reason: required for type permanent",
		}},
		{"an expired exception is valid but warned about", []string{expired}, 0, []string{"1 exception in 1 file: valid"},
			[]string{"warning: " + expired + ": old expired on 2020-01-01"}},
		{"a missing file is a usage error", []string{filepath.Join(t.TempDir(), "none.yaml")}, 2, nil, []string{"none.yaml: read: open"}},
		{"no file at all is a usage error", nil, 2, nil, []string{"requires at least 1 arg"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(append([]string{"exceptions", "validate"}, tc.args...), IOStreams{Out: &out, ErrOut: &errOut})
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out.String(), errOut.String())
			}
			contains(t, "stdout", out.String(), tc.wantOut)
			contains(t, "stderr", errOut.String(), tc.wantErr)
		})
	}
}

// Every classification of verify, through the CLI, against the stand-in:
// actions, exit codes, and that nothing unreadable is "to act on".
func TestExceptionsVerify(t *testing.T) {
	srv := jiratest.Start(t, jiratest.DataCenter, "OCPBUGS")
	srv.RequireBearer("tok-secret-1234")
	t.Setenv("JIRA_TOKEN", "tok-secret-1234")
	open := srv.Add("open")                                                // OCPBUGS-1
	fixedGone, fixedSeen := srv.Add("fixed, gone"), srv.Add("fixed, seen") // 2, 3
	wont, notBug, dup := srv.Add("won't"), srv.Add("not a bug"), srv.Add("duplicate")
	restricted := srv.Add("restricted")
	srv.Resolve(fixedGone, "Done")
	srv.Resolve(fixedSeen, "Done")
	srv.Resolve(wont, "Won't Do")
	srv.Resolve(notBug, "Not a Bug")
	srv.Resolve(dup, "Duplicate")
	srv.Hide(restricted, http.StatusForbidden)
	file := writeFile(t, "exc.yaml", exceptionsHeader+
		"- {id: open, type: pending-jira, jira: "+open+", checks: [replicas], namespace: ns-a}\n"+
		"- {id: gone, type: pending-jira, jira: "+fixedGone+", checks: [replicas], namespace: ns-a}\n"+
		"- {id: seen, type: pending-jira, jira: "+fixedSeen+", checks: [pdb], namespace: ns-a}\n"+
		"- {id: wont, type: pending-jira, jira: "+wont+", checks: [pdb], namespace: ns-b}\n"+
		"- {id: notbug, type: pending-jira, jira: "+notBug+", checks: [pdb], namespace: ns-c}\n"+
		"- {id: dup, type: pending-jira, jira: "+dup+", checks: [pdb], namespace: ns-c}\n"+
		"- {id: missing, type: pending-jira, jira: OCPBUGS-999, checks: [pdb], namespace: ns-c}\n"+
		"- {id: denied, type: pending-jira, jira: "+restricted+", checks: [pdb], namespace: ns-c}\n"+
		"- {id: again, type: pending-jira, jira: "+open+", checks: [pdb], namespace: ns-d}\n")
	results := writeFile(t, "ha-compliance.json", `{"schemaVersion": 1, "results": [
 {"namespace": "ns-a", "check": "replicas", "outcome": "pass", "violations": []},
 {"namespace": "ns-a", "check": "pdb", "outcome": "flake", "violations": [{"kind": "Deployment", "name": "x", "exception": "seen"}]}]}`)
	var out, errOut bytes.Buffer
	code := run([]string{"exceptions", "verify", "--jira-url", srv.URL, file, "--results", results}, IOStreams{Out: &out, ErrOut: &errOut})
	if code != exitFailed {
		t.Errorf("exit %d, want 1\n%s%s", code, out.String(), errOut.String())
	}
	contains(t, "stdout", out.String(), []string{
		"open            open (" + srv.URL + "/browse/OCPBUGS-1, New)\n",
		"remove          gone (" + srv.URL + "/browse/OCPBUGS-2, Closed, Done): fixed, and the violation is gone: remove the exception",
		"reopen          seen (" + srv.URL + "/browse/OCPBUGS-3, Closed, Done): closed, but the violation is still seen: reopen the bug with this comment",
		"Seen in: pdb Deployment/x in ns/ns-a",
		"make-permanent  wont (", "Closed, Won't Do): the violation is accepted: make the exception permanent",
		"make-permanent  notbug (",
		"decide          dup (", "closed as Duplicate",
		"not-found       missing (OCPBUGS-999): no such bug",
		"no-permission   denied (OCPBUGS-7)",
		"9 pending-jira exceptions: 2 open, 5 to act on, 2 unknown (could not be read)",
	})
	if n := srv.Requests("GET /rest/api/2/issue/" + open); n != 1 {
		t.Errorf("%s asked %d times, want once", open, n)
	}
	if strings.Contains(out.String()+errOut.String(), "tok-secret-1234") {
		t.Error("the token shows in the output")
	}

	// Without results a fixed bug cannot be told gone or seen.
	out.Reset()
	run([]string{"exceptions", "verify", "--jira-url", srv.URL, file}, IOStreams{Out: &out, ErrOut: &errOut})
	contains(t, "stdout", out.String(), []string{"check-fixed     gone (", "check-fixed     seen ("})

	// Open bugs only: exit 0. Jira unreachable: unknown, never to act on, exit 2.
	openOnly := writeFile(t, "open.yaml", exceptionsHeader+"- {id: open, type: pending-jira, jira: "+open+", checks: [replicas], namespace: x}\n")
	if code := run([]string{"exceptions", "verify", "--jira-url", srv.URL, openOnly}, IOStreams{Out: &out, ErrOut: &errOut}); code != 0 {
		t.Errorf("open only: exit %d", code)
	}
	out.Reset()
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	code = run([]string{"exceptions", "verify", "--jira-url", dead.URL, "--timeout", "2s", "--retries", "0", file}, IOStreams{Out: &out, ErrOut: &errOut})
	if code != exitUsage {
		t.Errorf("unreachable: exit %d, want 2", code)
	}
	contains(t, "stdout", out.String(), []string{"unknown         open (OCPBUGS-1): could not be read", "0 to act on, 9 unknown"})
}

func contains(t *testing.T, what, got string, want []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

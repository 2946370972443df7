package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

func TestExceptionsVerify(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		body := map[string]string{
			"/rest/api/2/issue/OCPBUGS-1": `{"fields":{"status":{"name":"New","statusCategory":{"key":"new"}}}}`,
			"/rest/api/2/issue/OCPBUGS-2": `{"fields":{"status":{"name":"Closed","statusCategory":{"key":"done"}},"resolution":{"name":"Done"}}}`,
		}[r.URL.Path]
		if body == "" {
			http.NotFound(w, r)
			return
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Error(err)
		}
	}))
	defer srv.Close()
	t.Setenv("JIRA_TOKEN", "tok")
	open := writeFile(t, "open.yaml", exceptionsHeader+"- {id: open, type: pending-jira, jira: OCPBUGS-1, checks: [replicas], namespace: x}\n")
	closed := writeFile(t, "closed.yaml", exceptionsHeader+"- {id: fixed, type: pending-jira, jira: OCPBUGS-2, checks: [replicas], namespace: ns-y}\n")
	cases := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string
	}{
		{"open bugs need nothing", []string{open}, 0, []string{"open        open (OCPBUGS-1, New)", "1 pending-jira exception, 0 to act on"}},
		{"a closed bug is reported with exit 1", []string{open, closed}, 1, []string{
			"closed      fixed (" + srv.URL + "/browse/OCPBUGS-2, Closed, Done): reopen the bug, or make the exception permanent with a reason",
			"2 pending-jira exceptions, 1 to act on"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(append([]string{"exceptions", "verify", "--jira-url", srv.URL}, tc.args...), IOStreams{Out: &out, ErrOut: &errOut})
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out.String(), errOut.String())
			}
			contains(t, "stdout", out.String(), tc.wantOut)
		})
	}
}

func contains(t *testing.T, what, got string, want []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

package jira

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeJira serves the documents of a few issues the way Jira's REST API does.
func fakeJira(t *testing.T, wantToken string) *httptest.Server {
	t.Helper()
	docs := map[string]string{
		"OCPBUGS-1": `{"key":"OCPBUGS-1","fields":{"status":{"name":"New","statusCategory":{"key":"new"}},"resolution":null}}`,
		"OCPBUGS-2": `{"key":"OCPBUGS-2","fields":{"status":{"name":"Closed","statusCategory":{"key":"done"}},"resolution":{"name":"Done"}}}`,
		"OCPBUGS-3": `{"key":"OCPBUGS-3","fields":{"status":{"name":"Verified","statusCategory":{"key":"done"}},"resolution":null}}`,
		"OCPBUGS-4": `{"key":"OCPBUGS-4","fields":{"status":{"name":"POST","statusCategory":{"key":"indeterminate"}},"resolution":{"name":"Won't Do"}}}`,
		"OCPBUGS-5": `{"key":`,
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, ok := strings.CutPrefix(r.URL.Path, "/rest/api/2/issue/")
		switch {
		case !ok || r.URL.Query().Get("fields") != "status,resolution":
			t.Errorf("unexpected request %s", r.URL)
			http.Error(w, "bad request", http.StatusBadRequest)
		case wantToken != "" && r.Header.Get("Authorization") != "Bearer "+wantToken:
			http.Error(w, "no", http.StatusUnauthorized)
		case key == "OCPBUGS-9":
			time.Sleep(200 * time.Millisecond)
		case docs[key] == "":
			http.Error(w, "missing", http.StatusNotFound)
		default:
			w.Header().Set("Content-Type", "application/json")
			if _, err := w.Write([]byte(docs[key])); err != nil {
				t.Error(err)
			}
		}
	}))
}

func TestIssue(t *testing.T) {
	srv := fakeJira(t, "")
	defer srv.Close()
	c := &Client{BaseURL: srv.URL + "/"}
	cases := []struct {
		name, key  string
		want       Issue
		wantClosed bool
		wantErr    string
	}{
		{"an open bug is not closed", "OCPBUGS-1", Issue{Key: "OCPBUGS-1", Status: "New", StatusCategory: "new"}, false, ""},
		{"a closed and resolved bug is closed", "OCPBUGS-2", Issue{Key: "OCPBUGS-2", Status: "Closed", StatusCategory: "done", Resolution: "Done"}, true, ""},
		{"a done status without resolution is closed", "OCPBUGS-3", Issue{Key: "OCPBUGS-3", Status: "Verified", StatusCategory: "done"}, true, ""},
		{"a resolution in any status is closed", "OCPBUGS-4", Issue{Key: "OCPBUGS-4", Status: "POST", StatusCategory: "indeterminate", Resolution: "Won't Do"}, true, ""},
		{"a truncated document is a decode error", "OCPBUGS-5", Issue{}, false, "decode OCPBUGS-5: unexpected EOF"},
		{"a missing bug says so", "OCPBUGS-6", Issue{}, false, "get OCPBUGS-6: 404 Not Found (no such issue, or not visible without a token)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Issue(context.Background(), tc.key)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("issue (-want +got):\n%s", diff)
			}
			if got.Closed() != tc.wantClosed {
				t.Errorf("Closed() = %v, want %v", got.Closed(), tc.wantClosed)
			}
		})
	}
}

func TestIssueToken(t *testing.T) {
	srv := fakeJira(t, "s3cret")
	defer srv.Close()
	cases := []struct {
		name, token, wantErr string
	}{
		{"the token is sent as a bearer token", "s3cret", ""},
		{"without a token the error says which variable to set", "", "get OCPBUGS-1: 401 Unauthorized (set JIRA_TOKEN to a personal access token)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := (&Client{BaseURL: srv.URL, Token: tc.token}).Issue(context.Background(), "OCPBUGS-1")
			if got := errString(err); got != tc.wantErr {
				t.Errorf("error = %q, want %q", got, tc.wantErr)
			}
		})
	}
}

func TestIssueHonoursTimeouts(t *testing.T) {
	srv := fakeJira(t, "")
	defer srv.Close()
	t.Run("the context deadline ends a slow request", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		if _, err := (&Client{BaseURL: srv.URL}).Issue(ctx, "OCPBUGS-9"); err == nil || !strings.Contains(err.Error(), "deadline") {
			t.Errorf("error = %v, want a deadline error", err)
		}
	})
	t.Run("the client timeout ends a slow request", func(t *testing.T) {
		c := &Client{BaseURL: srv.URL, HTTP: &http.Client{Timeout: 20 * time.Millisecond}}
		if _, err := c.Issue(context.Background(), "OCPBUGS-9"); err == nil || !strings.Contains(err.Error(), "Timeout") {
			t.Errorf("error = %v, want a timeout error", err)
		}
	})
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func FuzzParseIssue(f *testing.F) {
	f.Add([]byte(`{"key":"OCPBUGS-2","fields":{"status":{"name":"Closed","statusCategory":{"key":"done"}},"resolution":{"name":"Done"}}}`))
	f.Add([]byte(`{"fields":{"status":null,"resolution":null}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		is, err := parseIssue("K-1", bytes.NewReader(data))
		if err != nil && is != (Issue{}) {
			t.Fatalf("an error came with a partial issue %+v", is)
		}
		if err == nil && is.Key != "K-1" {
			t.Fatalf("key = %q, want the one asked for", is.Key)
		}
	})
}

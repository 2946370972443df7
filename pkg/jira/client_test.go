package jira_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/jira"
	"github.com/openshift-eng/ha-compliance/pkg/jira/jiratest"
)

const (
	secret = "s3cr3t-t0ken-value"
	user   = "bot@example.com"
)

// waits records the waits between attempts instead of sleeping.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(_ context.Context, d time.Duration) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.d = append(w.d, d)
	return nil
}

// standIn starts a server of flavour f that wants the matching credential,
// and a client holding it.
func standIn(t *testing.T, f jiratest.Flavour) (*jiratest.Server, *jira.Client, *waits) {
	t.Helper()
	srv := jiratest.Start(t, f, "OCPBUGS")
	w := &waits{}
	c := &jira.Client{BaseURL: srv.URL + "/", HTTP: &http.Client{Timeout: 2 * time.Second}, Sleep: w.sleep}
	if f == jiratest.Cloud {
		srv.RequireBasic(user, secret)
		c.Auth = jira.Basic(user, secret)
	} else {
		srv.RequireBearer(secret)
		c.Auth = jira.Bearer(secret)
	}
	return srv, c, w
}

func TestIssueStates(t *testing.T) {
	for _, f := range []jiratest.Flavour{jiratest.DataCenter, jiratest.Cloud} {
		t.Run(fmt.Sprint(f), func(t *testing.T) {
			srv, c, _ := standIn(t, f)
			open := srv.Add("open bug", "ha-compliance")
			post := srv.Add("in progress")
			srv.SetStatus(post, "POST", "indeterminate", "")
			done := srv.Add("fixed")
			srv.Resolve(done, "Done")
			wont := srv.Add("won't")
			srv.Resolve(wont, "Won't Do")
			verified := srv.Add("verified, no resolution")
			srv.SetStatus(verified, "Verified", "done", "")
			cases := []struct {
				key        string
				want       jira.Issue
				wantClosed bool
			}{
				{open, jira.Issue{Key: open, Summary: "open bug", Status: "New", StatusCategory: "new", Labels: []string{"ha-compliance"}}, false},
				{post, jira.Issue{Key: post, Summary: "in progress", Status: "POST", StatusCategory: "indeterminate", Labels: []string{}}, false},
				{done, jira.Issue{Key: done, Summary: "fixed", Status: "Closed", StatusCategory: "done", Resolution: "Done", Labels: []string{}}, true},
				{wont, jira.Issue{Key: wont, Summary: "won't", Status: "Closed", StatusCategory: "done", Resolution: "Won't Do", Labels: []string{}}, true},
				{verified, jira.Issue{Key: verified, Summary: "verified, no resolution", Status: "Verified", StatusCategory: "done", Labels: []string{}}, true},
			}
			for _, tc := range cases {
				got, err := c.Issue(context.Background(), tc.key)
				if err != nil {
					t.Fatalf("%s: %v", tc.key, err)
				}
				if d := cmp.Diff(tc.want, got); d != "" {
					t.Errorf("%s (-want +got):\n%s", tc.key, d)
				}
				if got.Closed() != tc.wantClosed {
					t.Errorf("%s: closed %v, want %v", tc.key, got.Closed(), tc.wantClosed)
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	srv, c, w := standIn(t, jiratest.DataCenter)
	key := srv.Add("a bug")
	hidden := srv.Add("a restricted bug")
	srv.Hide(hidden, http.StatusForbidden)
	ctx := context.Background()

	if _, err := c.Issue(ctx, "OCPBUGS-999"); !jira.IsNotFound(err) || !strings.Contains(err.Error(), "Issue Does Not Exist") {
		t.Errorf("missing issue: %v, want a 404 naming Jira's message", err)
	}
	if _, err := c.Issue(ctx, hidden); !jira.IsDenied(err) {
		t.Errorf("restricted issue: %v, want denied", err)
	}
	bad := &jira.Client{BaseURL: c.BaseURL, Auth: jira.Bearer("wrong-token-value")}
	_, err := bad.Issue(ctx, key)
	if !jira.IsDenied(err) || !strings.Contains(err.Error(), "401") {
		t.Errorf("wrong token: %v, want 401", err)
	}

	// 429 with Retry-After, then 503: retried, honouring the server's wait.
	srv.Fail(1, http.StatusTooManyRequests, "3")
	srv.Fail(1, http.StatusServiceUnavailable, "")
	if _, err := c.Issue(ctx, key); err != nil {
		t.Fatalf("after a 429 and a 503: %v", err)
	}
	if d := cmp.Diff([]time.Duration{3 * time.Second, 2 * time.Second}, w.d); d != "" {
		t.Errorf("waits (-want +got):\n%s", d)
	}
	// Retry-After as an HTTP date.
	w.d = nil
	srv.Fail(1, http.StatusTooManyRequests, time.Now().Add(3*time.Second).UTC().Format(http.TimeFormat))
	if _, err := c.Issue(ctx, key); err != nil || len(w.d) != 1 || w.d[0] <= time.Second || w.d[0] > 3*time.Second {
		t.Errorf("Retry-After date: %v, waits %v", err, w.d)
	}
	// A ceiling: retries stop after Retries, with the last error.
	c.Retries = 2
	srv.Fail(3, http.StatusBadGateway, "")
	if _, err := c.Issue(ctx, key); err == nil || !strings.Contains(err.Error(), "502") {
		t.Errorf("after 3 502s: %v, want the 502", err)
	}
	if n := srv.Requests("GET /rest/api/2/issue/" + key); n != 1+3+2+3 {
		t.Errorf("%d requests, want 9", n)
	}
	// A Retry-After beyond MaxWait is given up at once rather than stalling.
	c.MaxWait = 10 * time.Second
	srv.Fail(1, http.StatusTooManyRequests, "3600")
	if _, err := c.Issue(ctx, key); err == nil || !strings.Contains(err.Error(), "more than the 10s ceiling") {
		t.Errorf("Retry-After 3600: %v", err)
	}
	// No credential in any message.
	for _, err := range []error{err} {
		if strings.Contains(fmt.Sprint(err), secret) || strings.Contains(fmt.Sprintf("%#v %v", c.Auth, c.Auth), secret) {
			t.Errorf("the secret leaks: %v", err)
		}
	}
}

func TestSlowAnswersTimeOut(t *testing.T) {
	srv, c, _ := standIn(t, jiratest.DataCenter)
	key := srv.Add("slow")
	srv.Slow(key, 500*time.Millisecond)
	c.HTTP = &http.Client{Timeout: 50 * time.Millisecond}
	c.Retries = 1
	start := time.Now()
	_, err := c.Issue(context.Background(), key)
	var ne interface{ Timeout() bool }
	if err == nil || !strings.Contains(err.Error(), "Timeout") && !errors.As(err, &ne) {
		t.Errorf("slow answer: %v, want a timeout", err)
	}
	if got := srv.Requests("GET /rest/api/2/issue/" + key); got != 2 {
		t.Errorf("%d attempts, want 2 (one retry)", got)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
}

func TestIssuesAsksEachKeyOnceWithBoundedConcurrency(t *testing.T) {
	srv, c, _ := standIn(t, jiratest.Cloud)
	var keys []string
	for i := range 12 {
		k := srv.Add(fmt.Sprintf("bug %d", i))
		srv.Slow(k, 20*time.Millisecond)
		keys = append(keys, k, k) // every key twice
	}
	c.Parallel = 3
	got := c.Issues(context.Background(), append(keys, "OCPBUGS-404"))
	if len(got) != 13 {
		t.Fatalf("%d answers, want 13", len(got))
	}
	for _, k := range keys {
		if got[k].Err != nil || got[k].Issue.Key != k {
			t.Errorf("%s: %+v", k, got[k])
		}
		if n := srv.Requests("GET /rest/api/2/issue/" + k); n != 1 {
			t.Errorf("%s asked %d times", k, n)
		}
	}
	if !jira.IsNotFound(got["OCPBUGS-404"].Err) {
		t.Errorf("missing key: %v", got["OCPBUGS-404"].Err)
	}
	if m := srv.MaxInFlight(); m > 3 || m < 2 {
		t.Errorf("%d requests at once, want 2..3", m)
	}
}

func TestSearchBothProducts(t *testing.T) {
	for _, f := range []jiratest.Flavour{jiratest.DataCenter, jiratest.Cloud} {
		t.Run(fmt.Sprint(f), func(t *testing.T) {
			srv, c, _ := standIn(t, f)
			srv.PageSize(2)
			var want []string
			for i := range 5 {
				want = append(want, srv.Add(fmt.Sprintf("ha-compliance: pods in ns/openshift-x%d should define probes", i), "ha-compliance"))
			}
			srv.Add("ha-compliance: pods in ns/openshift-x9 should define probes") // no label
			for range 2 {                                                          // the second search reuses the endpoint found
				got, err := c.Search(context.Background(), `project = "OCPBUGS" AND labels = "ha-compliance"`, 100)
				if err != nil {
					t.Fatal(err)
				}
				var keys []string
				for _, is := range got {
					keys = append(keys, is.Key)
				}
				if d := cmp.Diff(want, keys); d != "" {
					t.Errorf("(-want +got):\n%s", d)
				}
			}
			gone := srv.Requests("GET /rest/api/2/search")
			switch f {
			case jiratest.Cloud:
				if gone != 1 || srv.Requests("GET /rest/api/2/search/jql") != 6 {
					t.Errorf("Cloud: %d classic searches (want 1, answered 410), %d jql pages (want 3 per search)", gone, srv.Requests("GET /rest/api/2/search/jql"))
				}
			default:
				if gone != 6 || srv.Requests("GET /rest/api/2/search/jql") != 0 {
					t.Errorf("Data Center: %d classic pages, want 6", gone)
				}
			}
			got, err := c.Search(context.Background(), jira.SummaryJQL("OCPBUGS", "ha-compliance", "ha-compliance: pods in ns/openshift-x3 should define probes"), 10)
			if err != nil || len(got) != 1 || got[0].Key != want[3] {
				t.Errorf("summary search: %v %+v", err, got)
			}
			if _, err := c.Search(context.Background(), "project OCPBUGS", 10); err == nil || !strings.Contains(err.Error(), "400") {
				t.Errorf("bad JQL: %v, want a 400", err)
			}
		})
	}
}

func TestCreate(t *testing.T) {
	srv, c, w := standIn(t, jiratest.DataCenter)
	srv.Components("Management Console")
	is := jira.NewIssue{Fields: jira.NewFields{Project: jira.Ref{Key: "OCPBUGS"}, IssueType: jira.Ref{Name: "Bug"},
		Summary: "ha-compliance: a summary", Description: "h3. What", Labels: []string{"ha-compliance"},
		Components: []jira.Ref{{Name: "Management Console"}}, Versions: []jira.Ref{{Name: "4.8"}}}}
	srv.Fail(1, http.StatusTooManyRequests, "1")
	got, err := c.Create(context.Background(), is)
	if err != nil || got.Key != "OCPBUGS-1" {
		t.Fatalf("create: %+v %v", got, err)
	}
	summary, labels, comps, versions, _ := srv.Issue(got.Key)
	if summary != is.Fields.Summary || !cmp.Equal(labels, []string{"ha-compliance"}) || !cmp.Equal(comps, []string{"Management Console"}) || !cmp.Equal(versions, []string{"4.8"}) {
		t.Errorf("stored %q %v %v %v", summary, labels, comps, versions)
	}
	if len(w.d) != 1 {
		t.Errorf("a 429 on create is retried once: waits %v", w.d)
	}
	// A 5xx is not retried: the issue may have been created.
	srv.Fail(1, http.StatusInternalServerError, "")
	if _, err := c.Create(context.Background(), is); err == nil || srv.Requests("POST /rest/api/2/issue") != 3 {
		t.Errorf("500 on create: %v, %d posts (want 3: no retry)", err, srv.Requests("POST /rest/api/2/issue"))
	}
	// 400 names the fields.
	is.Fields.Components = []jira.Ref{{Name: "Nope"}}
	is.Fields.Summary = ""
	_, err = c.Create(context.Background(), is)
	var je *jira.Error
	if !errors.As(err, &je) || je.StatusCode != 400 || je.Fields["components"] != "Component name 'Nope' is not valid" || je.Fields["summary"] == "" {
		t.Fatalf("400: %#v", err)
	}
	if want := "components: Component name 'Nope' is not valid; summary: You must specify a summary of the issue."; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
}

func TestAuthFromEnv(t *testing.T) {
	cases := []struct {
		env     map[string]string
		want    string
		wantErr bool
	}{
		{nil, "no credential", false},
		{map[string]string{"JIRA_TOKEN": secret}, "personal access token (JIRA_TOKEN)", false},
		{map[string]string{"JIRA_USER": user, "JIRA_API_TOKEN": secret}, "API token of " + user + " (JIRA_USER, JIRA_API_TOKEN)", false},
		{map[string]string{"JIRA_USER": user}, "", true},
		{map[string]string{"JIRA_TOKEN": secret, "JIRA_API_TOKEN": secret}, "", true},
	}
	for _, tc := range cases {
		a, err := jira.AuthFromEnv(func(k string) string { return tc.env[k] })
		if (err != nil) != tc.wantErr || err == nil && a.String() != tc.want {
			t.Errorf("%v: %q %v", tc.env, a, err)
		}
		if strings.Contains(fmt.Sprint(a, err), secret) {
			t.Errorf("%v: the secret shows", tc.env)
		}
	}
	for _, u := range []string{"https://user:pw@jira.example.com", "ftp://jira", "jira.example.com"} {
		if err := jira.CheckBaseURL(u); err == nil || strings.Contains(err.Error(), "pw") {
			t.Errorf("%s: %v", u, err)
		}
	}
	if err := jira.CheckBaseURL("https://issues.redhat.com"); err != nil {
		t.Error(err)
	}
}

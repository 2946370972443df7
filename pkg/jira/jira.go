// Package jira asks a Jira server whether the bugs behind pending-jira
// exceptions are still open. It reads one issue at a time through the REST
// API (GET /rest/api/2/issue/{key}?fields=status,resolution) and nothing else.
package jira

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds each request when the caller's HTTP client has none.
const DefaultTimeout = 30 * time.Second

// Client reads issues from one Jira server.
type Client struct {
	// BaseURL is the server, e.g. https://issues.redhat.com.
	BaseURL string
	// Token, when set, is sent as a bearer token (a Jira personal access token).
	Token string
	// HTTP is the client to use; a client with DefaultTimeout when nil.
	HTTP *http.Client
}

// Issue is what ha-compliance needs to know about one bug.
type Issue struct {
	Key string
	// Status is the workflow status name, e.g. "New", "POST", "Closed".
	Status string
	// StatusCategory is Jira's coarse category key: "new", "indeterminate" or "done".
	StatusCategory string
	// Resolution is the resolution name, "" while unresolved.
	Resolution string
}

// Closed reports whether the bug is resolved or in a done status: a
// pending-jira exception for it no longer has a pending bug behind it.
func (i Issue) Closed() bool {
	return i.Resolution != "" || i.StatusCategory == "done"
}

// issueJSON is the subset of Jira's issue document that Issue reads.
type issueJSON struct {
	Key    string `json:"key"`
	Fields struct {
		Status *struct {
			Name     string `json:"name"`
			Category *struct {
				Key string `json:"key"`
			} `json:"statusCategory"`
		} `json:"status"`
		Resolution *struct {
			Name string `json:"name"`
		} `json:"resolution"`
	} `json:"fields"`
}

// Issue fetches one issue by key.
func (c *Client) Issue(ctx context.Context, key string) (Issue, error) {
	u := strings.TrimSuffix(c.BaseURL, "/") + "/rest/api/2/issue/" + url.PathEscape(key) + "?fields=status,resolution"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return Issue{}, fmt.Errorf("get %s: %w", key, err)
	}
	req.Header.Set("Accept", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return Issue{}, fmt.Errorf("get %s: %w", key, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Issue{}, fmt.Errorf("get %s: %s", key, statusText(resp))
	}
	return parseIssue(key, io.LimitReader(resp.Body, 1<<20))
}

// parseIssue decodes Jira's issue document.
func parseIssue(key string, r io.Reader) (Issue, error) {
	var doc issueJSON
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return Issue{}, fmt.Errorf("decode %s: %w", key, err)
	}
	is := Issue{Key: key}
	if s := doc.Fields.Status; s != nil {
		is.Status = s.Name
		if s.Category != nil {
			is.StatusCategory = s.Category.Key
		}
	}
	if r := doc.Fields.Resolution; r != nil {
		is.Resolution = r.Name
	}
	return is, nil
}

// statusText names an HTTP error, with the hint the common ones need.
func statusText(resp *http.Response) string {
	switch resp.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		return resp.Status + " (set JIRA_TOKEN to a personal access token)"
	case http.StatusNotFound:
		return resp.Status + " (no such issue, or not visible without a token)"
	}
	return resp.Status
}

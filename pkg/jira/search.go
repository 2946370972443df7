package jira

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// searchAPI is which search endpoint a server answers.
type searchAPI int

const (
	_ searchAPI = iota // not known until a search is answered
	// searchStartAt is GET /rest/api/2/search, paginated by startAt: Jira
	// Data Center, and Jira Cloud before 2025.
	searchStartAt
	// searchToken is GET /rest/api/2/search/jql, paginated by nextPageToken:
	// Jira Cloud, where the old endpoint answers 410 Gone.
	searchToken
)

// pageSize is the page asked for; servers may answer with fewer.
const pageSize = 100

// Search returns the issues JQL selects, at most limit of them, following
// pages. It asks the classic endpoint first and, when the server answers
// 410 Gone (Jira Cloud since 2025), the enhanced one; the choice is kept for
// the next searches of this Client.
func (c *Client) Search(ctx context.Context, jql string, limit int) ([]Issue, error) {
	c.mu.Lock()
	api := c.search
	c.mu.Unlock()
	if api != searchToken {
		out, err := c.searchStartAt(ctx, jql, limit)
		if statusOf(err) != http.StatusGone {
			if err == nil {
				c.remember(searchStartAt)
			}
			return out, err
		}
		c.remember(searchToken)
	}
	return c.searchToken(ctx, jql, limit)
}

func (c *Client) remember(api searchAPI) {
	c.mu.Lock()
	c.search = api
	c.mu.Unlock()
}

func (c *Client) searchStartAt(ctx context.Context, jql string, limit int) ([]Issue, error) {
	var out []Issue
	for len(out) < limit {
		var page struct {
			StartAt int         `json:"startAt"`
			Total   int         `json:"total"`
			Issues  []issueJSON `json:"issues"`
		}
		q := url.Values{"jql": {jql}, "fields": {issueFields}, "startAt": {strconv.Itoa(len(out))},
			"maxResults": {strconv.Itoa(min(pageSize, limit-len(out)))}}
		if err := c.do(ctx, request{op: "search", method: http.MethodGet, path: "/rest/api/2/search", query: q}, &page); err != nil {
			return nil, err
		}
		for _, d := range page.Issues {
			out = append(out, d.issue())
		}
		if len(page.Issues) == 0 || len(out) >= page.Total {
			break
		}
	}
	return out[:min(len(out), limit)], nil
}

func (c *Client) searchToken(ctx context.Context, jql string, limit int) ([]Issue, error) {
	var out []Issue
	var seen []string
	token := ""
	for len(out) < limit {
		var page struct {
			Issues        []issueJSON `json:"issues"`
			NextPageToken string      `json:"nextPageToken"`
			IsLast        *bool       `json:"isLast"`
		}
		q := url.Values{"jql": {jql}, "fields": {issueFields}, "maxResults": {strconv.Itoa(min(pageSize, limit-len(out)))}}
		if token != "" {
			q.Set("nextPageToken", token)
		}
		if err := c.do(ctx, request{op: "search", method: http.MethodGet, path: "/rest/api/2/search/jql", query: q}, &page); err != nil {
			return nil, err
		}
		for _, d := range page.Issues {
			out = append(out, d.issue())
		}
		// The last page has no token (or isLast); a token seen before would
		// loop for ever, so it ends the search too.
		if page.NextPageToken == "" || (page.IsLast != nil && *page.IsLast) || slices.Contains(seen, page.NextPageToken) {
			break
		}
		seen = append(seen, page.NextPageToken)
		token = page.NextPageToken
	}
	return out[:min(len(out), limit)], nil
}

// Quote renders s as a JQL string literal.
func Quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TextTerms turns s into words a JQL text search (summary ~ "...") takes
// as they are: Lucene's reserved characters become spaces, and stop words
// are dropped by Jira itself. Callers compare the found summaries exactly.
func TextTerms(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_')
	})
	return strings.Join(f, " ")
}

// SummaryJQL is the search for issues of project with label whose summary
// holds the words of summary.
func SummaryJQL(project, label, summary string) string {
	return fmt.Sprintf("project = %s AND labels = %s AND summary ~ %s", Quote(project), Quote(label), Quote(TextTerms(summary)))
}

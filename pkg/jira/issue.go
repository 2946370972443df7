package jira

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"sync"
)

// issueFields are the fields asked for: what verify and the dedup search read.
const issueFields = "summary,status,resolution,labels"

// Issue is what ha-compliance needs to know about one bug.
type Issue struct {
	Key     string
	Summary string
	// Status is the workflow status name, e.g. "New", "POST", "Closed".
	Status string
	// StatusCategory is Jira's coarse category key: "new", "indeterminate" or "done".
	StatusCategory string
	// Resolution is the resolution name, "" while unresolved, e.g. "Done",
	// "Won't Do", "Not a Bug", "Obsolete".
	Resolution string
	Labels     []string
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
		Summary string `json:"summary"`
		Status  *struct {
			Name     string `json:"name"`
			Category *struct {
				Key string `json:"key"`
			} `json:"statusCategory"`
		} `json:"status"`
		Resolution *struct {
			Name string `json:"name"`
		} `json:"resolution"`
		Labels []string `json:"labels"`
	} `json:"fields"`
}

func (d issueJSON) issue() Issue {
	is := Issue{Key: d.Key, Summary: d.Fields.Summary, Labels: d.Fields.Labels}
	if s := d.Fields.Status; s != nil {
		is.Status = s.Name
		if s.Category != nil {
			is.StatusCategory = s.Category.Key
		}
	}
	if r := d.Fields.Resolution; r != nil {
		is.Resolution = r.Name
	}
	return is
}

// Issue fetches one issue by key.
func (c *Client) Issue(ctx context.Context, key string) (Issue, error) {
	var doc issueJSON
	err := c.do(ctx, request{op: "get " + key, method: http.MethodGet, path: "/rest/api/2/issue/" + url.PathEscape(key),
		query: url.Values{"fields": {issueFields}}}, &doc)
	if err != nil {
		return Issue{}, err
	}
	is := doc.issue()
	if is.Key == "" {
		is.Key = key
	}
	return is, nil
}

// Answer is what Issues learnt of one key: the issue, or why not.
type Answer struct {
	Issue Issue
	Err   error
}

// Issues fetches every distinct key once, at most Parallel at a time, and
// returns the answer of each. It returns when all are answered or ctx is
// done (the keys not yet asked then carry ctx's error).
func (c *Client) Issues(ctx context.Context, keys []string) map[string]Answer {
	distinct := slices.Clone(keys)
	sort.Strings(distinct)
	distinct = slices.Compact(distinct)
	n := c.Parallel
	if n <= 0 {
		n = DefaultParallel
	}
	out := make(map[string]Answer, len(distinct))
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, n)
	for _, k := range distinct {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			mu.Lock()
			out[k] = Answer{Err: ctx.Err()}
			mu.Unlock()
			continue
		}
		wg.Go(func() {
			defer func() { <-slots }()
			is, err := c.Issue(ctx, k)
			mu.Lock()
			out[k] = Answer{Issue: is, Err: err}
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

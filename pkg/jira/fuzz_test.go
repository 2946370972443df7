package jira

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// canned answers every request with one status, header and body.
type canned struct {
	status     int
	retryAfter string
	body       []byte
}

func (c canned) RoundTrip(*http.Request) (*http.Response, error) {
	h := http.Header{}
	if c.retryAfter != "" {
		h.Set("Retry-After", c.retryAfter)
	}
	return &http.Response{StatusCode: c.status, Header: h, Body: io.NopCloser(bytes.NewReader(c.body))}, nil
}

// Whatever a server answers, reading an issue, searching and creating
// never panic, never loop, and never show the credential.
func FuzzAnswers(f *testing.F) {
	f.Add(200, "", []byte(`{"key":"OCPBUGS-1","fields":{"status":{"name":"New","statusCategory":{"key":"new"}},"resolution":null}}`))
	f.Add(200, "", []byte(`{"issues":[{"key":"A-1"}],"nextPageToken":"t","isLast":false}`))
	f.Add(200, "", []byte(`{"startAt":0,"total":5,"issues":[{"key":"A-1"}]}`))
	f.Add(400, "", []byte(`{"errorMessages":[],"errors":{"summary":"You must specify a summary of the issue."}}`))
	f.Add(429, "1", []byte(`{"errorMessages":["Rate limit exceeded"]}`))
	f.Add(410, "", []byte(`{"errorMessages":["gone"]}`))
	f.Add(201, "", []byte(`{"id":"1","key":"A-1","self":"x"}`))
	f.Add(401, "", []byte(`{"errorMessages":["bad token fuzz-secret-token"],"errors":{"auth":"Bearer fuzz-secret-token"}}`))
	f.Fuzz(func(t *testing.T, status int, retryAfter string, body []byte) {
		if status < 100 || status > 599 {
			return
		}
		c := &Client{BaseURL: "https://jira.example.com", Auth: Bearer("fuzz-secret-token"),
			HTTP:  &http.Client{Transport: canned{status, retryAfter, body}},
			Sleep: func(context.Context, time.Duration) error { return nil }}
		ctx := context.Background()
		_, err1 := c.Issue(ctx, "OCPBUGS-1")
		_, err2 := c.Search(ctx, `project = "X"`, 250)
		_, err3 := c.Create(ctx, NewIssue{})
		for _, err := range []error{err1, err2, err3} {
			if err != nil && strings.Contains(err.Error(), "fuzz-secret-token") {
				t.Fatalf("the credential shows: %v", err)
			}
		}
	})
}

package jira

import (
	"context"
	"net/http"
)

// NewIssue is the body of Jira's create-issue call (POST /rest/api/2/issue),
// with the fields ha-compliance sets. Its JSON is that of Atlassian's
// documentation, so a draft can be posted by hand with curl as well.
type NewIssue struct {
	Fields NewFields `json:"fields"`
}

// NewFields are the fields of a new issue.
type NewFields struct {
	Project   Ref    `json:"project"`
	IssueType Ref    `json:"issuetype"`
	Summary   string `json:"summary"`
	// Description is Jira wiki markup, which API v2 takes on Data Center and Cloud.
	Description string   `json:"description"`
	Components  []Ref    `json:"components,omitempty"`
	Labels      []string `json:"labels,omitempty"`
	// Versions are the "Affects Version/s".
	Versions []Ref `json:"versions,omitempty"`
}

// Ref names a project by key, or a component, issue type or version by name.
type Ref struct {
	Key  string `json:"key,omitempty"`
	Name string `json:"name,omitempty"`
}

// Created is Jira's answer to a create.
type Created struct {
	ID   string `json:"id"`
	Key  string `json:"key"`
	Self string `json:"self"`
}

// Create files one issue. A 400 names the fields Jira refused (see Error.Fields).
func (c *Client) Create(ctx context.Context, is NewIssue) (Created, error) {
	var out Created
	err := c.do(ctx, request{op: "create " + quoteOp(is.Fields.Summary), method: http.MethodPost, path: "/rest/api/2/issue", body: is}, &out)
	return out, err
}

func quoteOp(s string) string {
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return `"` + s + `"`
}

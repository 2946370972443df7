package exceptions

import (
	"context"

	"github.com/openshift-eng/ha-compliance/pkg/jira"
)

// IssueReader reads the state of one bug; *jira.Client is one.
type IssueReader interface {
	Issue(ctx context.Context, key string) (jira.Issue, error)
}

// JiraState is what Verify learnt about the bug of one pending-jira exception.
type JiraState struct {
	ID    string
	Issue jira.Issue
	// Err is set when the bug could not be read.
	Err error
}

// Stale reports whether the exception must be acted on: its bug is closed,
// so reopen it or move the exception to the permanent list with a reason.
func (s JiraState) Stale() bool { return s.Err == nil && s.Issue.Closed() }

// Verify reads the bug of every pending-jira exception, in file order, asking
// once per distinct key. It stops early only when ctx is done.
func (l *List) Verify(ctx context.Context, r IssueReader) []JiraState {
	type answer struct {
		issue jira.Issue
		err   error
	}
	seen := map[string]answer{}
	var out []JiraState
	for _, e := range l.Exceptions {
		if e.Type != PendingJira {
			continue
		}
		a, ok := seen[e.Jira]
		if !ok {
			if err := ctx.Err(); err != nil {
				a.err = err
			} else {
				a.issue, a.err = r.Issue(ctx, e.Jira)
			}
			seen[e.Jira] = a
		}
		out = append(out, JiraState{ID: e.ID, Issue: a.issue, Err: a.err})
	}
	return out
}

package bugs

import (
	"context"
	"errors"
	"net/http"

	"github.com/openshift-eng/ha-compliance/pkg/jira"
)

// Jira is what filing needs of a Jira server; *jira.Client is one.
type Jira interface {
	Search(ctx context.Context, jql string, limit int) ([]jira.Issue, error)
	Create(ctx context.Context, is jira.NewIssue) (jira.Created, error)
}

// Filed is what became of one draft.
type Filed struct {
	Draft Draft
	// Key is the bug: created, or found already filed; "" on a dry run or
	// an error.
	Key string
	// Existing is set when a bug with the same label and summary was found,
	// so none was created; Issue is its state.
	Existing bool
	Issue    jira.Issue
	Err      error
	// Note says what was changed to file the bug, e.g. versions Jira
	// does not know dropped.
	Note string
}

// searchLimit bounds the issues one summary search reads.
const searchLimit = 50

// File files the drafts, in order. Each is first searched by label and
// summary (the summary is stable across runs, and compared exactly), so a
// bug is never filed twice, whatever its state; a failed search files
// nothing for that draft. With dryRun nothing is created.
func File(ctx context.Context, j Jira, ds []Draft, dryRun bool) []Filed {
	out := make([]Filed, 0, len(ds))
	for _, d := range ds {
		f := Filed{Draft: d}
		fs := d.Issue.Fields
		label := ""
		if len(fs.Labels) > 0 {
			label = fs.Labels[0]
		}
		found, err := j.Search(ctx, jira.SummaryJQL(fs.Project.Key, label, fs.Summary), searchLimit)
		switch {
		case err != nil:
			f.Err = err
		case exact(found, fs.Summary) != nil:
			is := exact(found, fs.Summary)
			f.Key, f.Existing, f.Issue = is.Key, true, *is
		case !dryRun:
			created, err := j.Create(ctx, d.Issue)
			if onlyVersions(err) {
				// Affected versions are a nicety: a release the project
				// has no version for must not keep the bug from being filed.
				is := d.Issue
				is.Fields.Versions = nil
				f.Note = "filed without affected versions: Jira refused them (" + err.Error() + ")"
				created, err = j.Create(ctx, is)
			}
			f.Key, f.Err = created.Key, err
		}
		out = append(out, f)
	}
	return out
}

// exact returns the first issue whose summary is s; a text search matches words.
func exact(found []jira.Issue, s string) *jira.Issue {
	for i := range found {
		if found[i].Summary == s {
			return &found[i]
		}
	}
	return nil
}

// onlyVersions reports whether err is a 400 about the versions field alone.
func onlyVersions(err error) bool {
	var je *jira.Error
	if !errors.As(err, &je) || je.StatusCode != http.StatusBadRequest || len(je.Fields) != 1 {
		return false
	}
	_, ok := je.Fields["versions"]
	return ok
}

// Package prow reads what Prow leaves beside a CI job run (prowjob.json,
// started.json, finished.json) and names runs: it turns Prow and gcsweb
// links into gs:// locations and tells run folders apart from the step
// folders below them. It does no I/O of its own beyond decoding the bytes
// it is given, so local folders and buckets share it.
package prow

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The files Prow writes in a run folder. Every step folder below a run also
// has its own finished.json, so only prowjob.json and started.json mark a
// run's root.
const (
	ProwJobFile  = "prowjob.json"
	StartedFile  = "started.json"
	FinishedFile = "finished.json"
)

// IsRunMarker reports whether a file name marks the root of a job run.
func IsRunMarker(base string) bool { return base == ProwJobFile || base == StartedFile }

// Labels and annotations of a ProwJob that batch rows carry.
const (
	labelBuildID       = "prow.k8s.io/build-id"
	labelRelease       = "job-release"
	labelAggregationID = "release.openshift.io/aggregation-id"
	annotationTag      = "release.openshift.io/tag"
	// annotationReleaseJob names the real job of a run started by
	// /payload-aggregate, whose spec.job is a generated name.
	annotationReleaseJob = "releaseJobName"
)

// Run is what the metadata files say about one job run. Every field may be
// empty: old runs lack prowjob.json, broken runs lack finished.json.
type Run struct {
	// Job is the job's name; for an aggregated run, the real job
	// (annotation releaseJobName), with ProwJob keeping spec.job.
	Job     string
	ProwJob string
	// BuildID is a string: build ids are 19-digit numbers, beyond the
	// integers JSON consumers such as BigQuery keep exactly.
	BuildID string
	// Type is periodic, postsubmit, presubmit or batch.
	Type          string
	Release       string // job-release label, X.Y
	ReleaseTag    string // release.openshift.io/tag annotation
	AggregationID string
	Org, Repo     string
	PR            int    // pulls[0].number, 0 when none
	SHA           string // pulls[0].sha, else base_sha
	Started       time.Time
	Finished      time.Time
	// Result is finished.json's result (SUCCESS, FAILURE, ABORTED...), else
	// the ProwJob state.
	Result string
	// URL is the Prow page of the run (status.url).
	URL string
}

// prowJob holds the fields of a ProwJob that Run keeps. The type is decoded
// from JSON rather than imported: sigs.k8s.io/prow is a large module and
// these fields have been stable for years.
type prowJob struct {
	Metadata struct {
		Labels      map[string]string `json:"labels"`
		Annotations map[string]string `json:"annotations"`
	} `json:"metadata"`
	Spec struct {
		Type string `json:"type"`
		Job  string `json:"job"`
		Refs *struct {
			Org     string `json:"org"`
			Repo    string `json:"repo"`
			BaseSHA string `json:"base_sha"`
			Pulls   []struct {
				Number int    `json:"number"`
				SHA    string `json:"sha"`
			} `json:"pulls"`
		} `json:"refs"`
	} `json:"spec"`
	Status struct {
		StartTime      time.Time `json:"startTime"`
		CompletionTime time.Time `json:"completionTime"`
		State          string    `json:"state"`
		URL            string    `json:"url"`
		BuildID        string    `json:"build_id"`
	} `json:"status"`
}

// ParseProwJob fills r from a prowjob.json.
func (r *Run) ParseProwJob(data []byte) error {
	var pj prowJob
	if err := json.Unmarshal(data, &pj); err != nil {
		return fmt.Errorf("%s: %w", ProwJobFile, err)
	}
	r.ProwJob = pj.Spec.Job
	r.Job = pj.Spec.Job
	if real := pj.Metadata.Annotations[annotationReleaseJob]; real != "" {
		r.Job = real
	}
	r.Type = pj.Spec.Type
	r.BuildID = first(pj.Status.BuildID, pj.Metadata.Labels[labelBuildID], r.BuildID)
	r.Release = pj.Metadata.Labels[labelRelease]
	r.ReleaseTag = pj.Metadata.Annotations[annotationTag]
	r.AggregationID = pj.Metadata.Labels[labelAggregationID]
	if refs := pj.Spec.Refs; refs != nil {
		r.Org, r.Repo, r.SHA = refs.Org, refs.Repo, refs.BaseSHA
		if len(refs.Pulls) > 0 {
			r.PR = refs.Pulls[0].Number
			r.SHA = first(refs.Pulls[0].SHA, r.SHA)
		}
	}
	if !pj.Status.StartTime.IsZero() {
		r.Started = pj.Status.StartTime.UTC()
	}
	if !pj.Status.CompletionTime.IsZero() {
		r.Finished = pj.Status.CompletionTime.UTC()
	}
	if r.Result == "" && pj.Status.State != "" {
		r.Result = strings.ToUpper(pj.Status.State)
	}
	r.URL = pj.Status.URL
	return nil
}

// ParseStarted fills the start time from started.json when prowjob.json
// did not give it.
func (r *Run) ParseStarted(data []byte) error {
	var s struct {
		Timestamp json.Number `json:"timestamp"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("%s: %w", StartedFile, err)
	}
	if t, ok := unix(s.Timestamp); ok && r.Started.IsZero() {
		r.Started = t
	}
	return nil
}

// ParseFinished fills the end time and result from finished.json; its
// result wins over the ProwJob state, which is written later and, for a
// run aborted by a newer push, says "aborted" for a run that had finished.
func (r *Run) ParseFinished(data []byte) error {
	var f struct {
		Timestamp json.Number `json:"timestamp"`
		Passed    *bool       `json:"passed"`
		Result    string      `json:"result"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("%s: %w", FinishedFile, err)
	}
	if t, ok := unix(f.Timestamp); ok && r.Finished.IsZero() {
		r.Finished = t
	}
	switch {
	case f.Result != "":
		r.Result = strings.ToUpper(f.Result)
	case f.Passed != nil && *f.Passed:
		r.Result = "SUCCESS"
	case f.Passed != nil:
		r.Result = "FAILURE"
	}
	return nil
}

// FromPath fills the job and build id from a run folder's path, for runs
// without a readable prowjob.json: logs/<job>/<build-id> and
// pr-logs/pull/<org>_<repo>/<pr>/<job>/<build-id>.
func (r *Run) FromPath(p string) {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	n := len(parts)
	if n >= 2 && r.Job == "" {
		r.Job = parts[n-2]
	}
	if n >= 1 && r.BuildID == "" {
		r.BuildID = parts[n-1]
	}
	for i := 0; i+4 < n; i++ {
		if parts[i] != "pr-logs" || parts[i+1] != "pull" {
			continue
		}
		if r.Type == "" {
			r.Type = "presubmit"
			if parts[i+2] == "batch" {
				r.Type = "batch"
			}
		}
		if org, repo, ok := strings.Cut(parts[i+2], "_"); ok && r.Org == "" {
			r.Org, r.Repo = org, repo
		}
		if pr, err := strconv.Atoi(parts[i+3]); err == nil && r.PR == 0 {
			r.PR = pr
		}
		return
	}
	if r.Type == "" && n >= 3 && parts[n-3] == "logs" {
		r.Type = "periodic" // or postsubmit: logs/ holds both, prowjob.json tells them apart
	}
}

// unix reads a started.json or finished.json timestamp (seconds).
func unix(n json.Number) (time.Time, bool) {
	if n == "" {
		return time.Time{}, false
	}
	sec, err := n.Int64()
	if err != nil {
		f, ferr := n.Float64()
		if ferr != nil {
			return time.Time{}, false
		}
		sec = int64(f)
	}
	return time.Unix(sec, 0).UTC(), true
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// GCSLocation turns a gs:// URL, a Prow job link
// (https://prow.ci.openshift.org/view/gs/<bucket>/<path>) or a gcsweb link
// (https://gcsweb-ci.../gcs/<bucket>/<path>) into its bucket and object
// prefix (no leading or trailing slash). ok is false for anything else,
// such as a local path.
func GCSLocation(s string) (bucket, prefix string, ok bool, err error) {
	var rest string
	switch {
	case strings.HasPrefix(s, "gs://"):
		rest = strings.TrimPrefix(s, "gs://")
	case strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://"):
		u, perr := url.Parse(s)
		if perr != nil {
			return "", "", false, perr
		}
		p := u.Path
		found := false
		for _, marker := range []string{"/view/gs/", "/view/gcs/", "/gcs/"} {
			if i := strings.Index(p, marker); i >= 0 {
				rest, found = p[i+len(marker):], true
				break
			}
		}
		if !found {
			return "", "", false, fmt.Errorf("%s: not a Prow or gcsweb link to a bucket (want .../view/gs/<bucket>/<path>)", s)
		}
	default:
		return "", "", false, nil
	}
	bucket, prefix, _ = strings.Cut(rest, "/")
	if bucket == "" {
		return "", "", false, fmt.Errorf("%s: no bucket", s)
	}
	return bucket, strings.Trim(prefix, "/"), true, nil
}

// GCSURL is the gs:// URL of an object prefix.
func GCSURL(bucket, prefix string) string {
	if prefix == "" {
		return "gs://" + bucket
	}
	return "gs://" + bucket + "/" + strings.Trim(prefix, "/")
}

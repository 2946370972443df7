package prow

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseRun(t *testing.T) {
	prowjob := `{"metadata":{"labels":{"prow.k8s.io/build-id":"1790000000000000001","job-release":"4.18",
	  "release.openshift.io/aggregation-id":"agg-1"},
	  "annotations":{"release.openshift.io/tag":"4.18.0-0.nightly-2026-01-01-000000","releaseJobName":"periodic-ci-real-job"}},
	 "spec":{"type":"presubmit","job":"aggregated-job-1","refs":{"org":"openshift","repo":"origin","base_sha":"base",
	  "pulls":[{"number":123,"sha":"head"}]}},
	 "status":{"startTime":"2026-01-02T03:04:05Z","completionTime":"2026-01-02T04:04:05Z","state":"aborted",
	  "url":"https://prow.ci.openshift.org/view/gs/b/p","build_id":"1790000000000000001"}}`
	var r Run
	if err := r.ParseProwJob([]byte(prowjob)); err != nil {
		t.Fatal(err)
	}
	if err := r.ParseStarted([]byte(`{"timestamp": 1}`)); err != nil {
		t.Fatal(err)
	}
	if err := r.ParseFinished([]byte(`{"timestamp": 2, "passed": false, "result": "failure"}`)); err != nil {
		t.Fatal(err)
	}
	r.FromPath("pr-logs/pull/openshift_origin/123/aggregated-job-1/1790000000000000001")
	want := Run{Job: "periodic-ci-real-job", ProwJob: "aggregated-job-1", BuildID: "1790000000000000001", Type: "presubmit",
		Release: "4.18", ReleaseTag: "4.18.0-0.nightly-2026-01-01-000000", AggregationID: "agg-1",
		Org: "openshift", Repo: "origin", PR: 123, SHA: "head",
		Started:  time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Finished: time.Date(2026, 1, 2, 4, 4, 5, 0, time.UTC),
		Result:   "FAILURE", URL: "https://prow.ci.openshift.org/view/gs/b/p"}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRunWithoutProwJob: old runs have only started.json and
// finished.json; the folder names give the job and build id.
func TestRunWithoutProwJob(t *testing.T) {
	for _, c := range []struct {
		path string
		want Run
	}{
		{"logs/periodic-x/1790000000000000002", Run{Job: "periodic-x", BuildID: "1790000000000000002", Type: "periodic",
			Started: time.Unix(1700000000, 0).UTC(), Result: "SUCCESS"}},
		{"pr-logs/pull/batch/pull-ci-x/17", Run{Job: "pull-ci-x", BuildID: "17", Type: "batch",
			Started: time.Unix(1700000000, 0).UTC(), Result: "SUCCESS"}},
		{"mirror/pr-logs/pull/openshift_api/55/pull-ci-y/18", Run{Job: "pull-ci-y", BuildID: "18", Type: "presubmit",
			Org: "openshift", Repo: "api", PR: 55, Started: time.Unix(1700000000, 0).UTC(), Result: "SUCCESS"}},
	} {
		var r Run
		if err := r.ParseStarted([]byte(`{"timestamp": 1700000000}`)); err != nil {
			t.Fatal(err)
		}
		if err := r.ParseFinished([]byte(`{"timestamp": 1700000600, "passed": true}`)); err != nil {
			t.Fatal(err)
		}
		c.want.Finished = time.Unix(1700000600, 0).UTC()
		r.FromPath(c.path)
		if diff := cmp.Diff(c.want, r); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.path, diff)
		}
	}
	var r Run
	if err := r.ParseProwJob([]byte(`{"spec":`)); err == nil {
		t.Error("a truncated prowjob.json gave no error")
	}
}

func TestGCSLocation(t *testing.T) {
	for _, c := range []struct {
		in             string
		bucket, prefix string
		ok, err        bool
	}{
		{"gs://test-platform-results/logs/job/1/", "test-platform-results", "logs/job/1", true, false},
		{"gs://b", "b", "", true, false},
		{"https://prow.ci.openshift.org/view/gs/test-platform-results/logs/job/1", "test-platform-results", "logs/job/1", true, false},
		{"https://gcsweb-ci.apps.ci.l2s4.p1.openshiftapps.com/gcs/origin-ci-test/pr-logs/pull/x/1/j/2/", "origin-ci-test", "pr-logs/pull/x/1/j/2", true, false},
		{"https://example.com/some/page", "", "", false, true},
		{"gs://", "", "", false, true},
		{"/local/path", "", "", false, false},
		{"must-gather.tar.gz", "", "", false, false},
	} {
		b, p, ok, err := GCSLocation(c.in)
		if b != c.bucket || p != c.prefix || ok != c.ok || (err != nil) != c.err {
			t.Errorf("%s: %q %q %v %v", c.in, b, p, ok, err)
		}
	}
	if got := GCSURL("b", "/x/y/"); got != "gs://b/x/y" {
		t.Error(got)
	}
}

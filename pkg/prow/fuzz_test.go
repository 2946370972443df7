package prow

import (
	"strings"
	"testing"
)

// FuzzParseMetadata: no prowjob.json, started.json or finished.json, however
// broken, panics a parser; a parse error leaves the run usable.
func FuzzParseMetadata(f *testing.F) {
	for _, seed := range []string{
		`{"spec":{"job":"j","type":"periodic","refs":{"org":"o","repo":"r","pulls":[{"number":1,"sha":"s"}]}},"status":{"build_id":"1790000000000000000","startTime":"2026-01-01T00:00:00Z"}}`,
		`{"timestamp": 1700000000, "passed": true, "result": "SUCCESS"}`,
		`{"timestamp": 1.7e9}`, `{"timestamp": "x"}`, `{"spec":`, `null`, `[]`, ``,
	} {
		f.Add([]byte(seed), "logs/job/1790000000000000000")
	}
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		var r Run
		_ = r.ParseProwJob(data)
		_ = r.ParseStarted(data)
		_ = r.ParseFinished(data)
		r.FromPath(path)
		if !r.Started.IsZero() && r.Started.Location().String() != "UTC" {
			t.Errorf("start time %v not in UTC", r.Started)
		}
	})
}

// FuzzGCSLocation: a location is a bucket run, a local path, or an error;
// a bucket never contains a slash.
func FuzzGCSLocation(f *testing.F) {
	for _, seed := range []string{"gs://b/p", "https://prow.ci.openshift.org/view/gs/b/p/", "/x", "http://%zz", "gs://", "https://h/gcs/"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, p, ok, err := GCSLocation(s)
		if ok && (err != nil || b == "" || strings.Contains(b, "/") || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/")) {
			t.Errorf("%q: bucket %q prefix %q err %v", s, b, p, err)
		}
	})
}

package loader

import (
	"encoding/json"
	"path/filepath"
)

// runIdentity returns the job name and build id of a CI job run folder:
// from prowjob.json when it is there and small, else from the folder names
// (logs/<job>/<build-id>/ and pr-logs/.../<job>/<build-id>/).
func runIdentity(run string) (job, build string) {
	if run == "" {
		return "", ""
	}
	job, build = filepath.Base(filepath.Dir(run)), filepath.Base(run)
	data, err := readRegular(filepath.Join(run, "prowjob.json"), 1<<20)
	if err != nil {
		return job, build // no prowjob.json: the folder names are all there is
	}
	var pj struct {
		Spec struct {
			Job string `json:"job"`
		} `json:"spec"`
		Status struct {
			BuildID string `json:"build_id"`
		} `json:"status"`
	}
	if json.Unmarshal(data, &pj) != nil {
		return job, build // a broken prowjob.json: fall back to the folder names
	}
	if pj.Spec.Job != "" {
		job = pj.Spec.Job
	}
	if pj.Status.BuildID != "" {
		build = pj.Status.BuildID
	}
	return job, build
}

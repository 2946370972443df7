// Package genruns generates synthetic CI job runs laid out as OpenShift CI
// leaves them in its bucket (logs/<job>/<build-id>/ and
// pr-logs/pull/<org>_<repo>/<pr>/<job>/<build-id>/ with prowjob.json,
// started.json, finished.json, artifacts/<test>/gather-extra/artifacts/*.json
// and artifacts/<test>/gather-must-gather/artifacts/must-gather.tar), with
// broken and empty runs among them, in two layouts: a local mirror, and
// objects in a fake GCS bucket stored as Prow's uploader stores them
// (gzip-encoded, under names without ".gz"). Batch tests, benchmarks and
// demos use it; `go run ./hack/genruns` writes a mirror.
package genruns

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsouza/fake-gcs-server/fakestorage"
	"sigs.k8s.io/yaml"
)

// Options shape the runs.
type Options struct {
	// Runs is the number of runs.
	Runs int
	// Jobs are the job names; runs go to them in turn. Default: two
	// periodics of two releases and a presubmit.
	Jobs []string
	// Namespaces, Deployments and Replicas size each cluster: that many
	// filler namespaces of that many Deployments of that many pods.
	Namespaces, Deployments, Replicas int
	// Start is the start time of the first run; the others follow an hour apart.
	Start time.Time
	// EmptyEvery and BrokenEvery make every Nth run (counting from 1) empty
	// (metadata only) or broken (a must-gather.tar that is not an archive and
	// a prowjob.json that is not JSON); 0 makes none.
	EmptyEvery, BrokenEvery int
	// Kinds are what the healthy runs hold, in turn: "must-gather",
	// "gather-extra" or "both". Default: all three.
	Kinds []string
}

// DefaultJobs are the jobs runs are spread over when Options.Jobs is empty.
var DefaultJobs = []string{
	"periodic-ci-openshift-release-master-nightly-4.18-e2e-aws-ovn",
	"periodic-ci-openshift-release-master-nightly-4.19-e2e-aws-ovn",
	"pull-ci-openshift-origin-main-e2e-aws-ovn",
}

func (o *Options) defaults() {
	if len(o.Jobs) == 0 {
		o.Jobs = DefaultJobs
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if len(o.Kinds) == 0 {
		o.Kinds = []string{"must-gather", "gather-extra", "both"}
	}
	if o.Replicas == 0 {
		o.Replicas = 2
	}
}

// File is one file of a run.
type File struct {
	// Name is the path from the top of the bucket (or mirror), as Prow
	// names it: without ".gz".
	Name string
	// Data is the content as stored.
	Data []byte
	// Gzip says Data is gzip-compressed and the object carries
	// Content-Encoding: gzip.
	Gzip bool
}

// Info says what a generated run is.
type Info struct {
	Index   int
	Prefix  string // logs/<job>/<build-id> or pr-logs/...
	Job     string
	BuildID string
	Release string
	Started time.Time
	// Kind is must-gather, gather-extra, both, empty or broken.
	Kind string
}

// Each generates the runs one at a time, so that a thousand runs never sit
// in memory together.
func Each(o Options, fn func(Info, []File) error) error {
	o.defaults()
	for i := range o.Runs {
		info, files, err := run(o, i)
		if err != nil {
			return err
		}
		if err := fn(info, files); err != nil {
			return err
		}
	}
	return nil
}

func run(o Options, i int) (Info, []File, error) {
	j := i % len(o.Jobs)
	job := o.Jobs[j]
	release := "4.18"
	for _, r := range []string{"4.19", "4.20", "4.17"} {
		if bytes.Contains([]byte(job), []byte(r)) {
			release = r
		}
	}
	info := Info{Index: i, Job: job, Release: release, Started: o.Start.Add(time.Duration(i) * time.Hour),
		BuildID: fmt.Sprintf("%d", int64(1790000000000000000)+int64(i)*1000+int64(j))}
	pr := 0
	if bytes.HasPrefix([]byte(job), []byte("pull-ci-")) {
		pr = 30000 + i%5
		info.Prefix = fmt.Sprintf("pr-logs/pull/openshift_origin/%d/%s/%s", pr, job, info.BuildID)
	} else {
		info.Prefix = fmt.Sprintf("logs/%s/%s", job, info.BuildID)
	}
	n := i + 1
	switch {
	case o.EmptyEvery > 0 && n%o.EmptyEvery == 0:
		info.Kind = "empty"
	case o.BrokenEvery > 0 && n%o.BrokenEvery == 0:
		info.Kind = "broken"
	default:
		info.Kind = o.Kinds[(i/len(o.Jobs))%len(o.Kinds)] // every job gets every kind
	}
	files, err := runFiles(o, info, pr)
	return info, files, err
}

// runFiles makes the files of one run.
func runFiles(o Options, info Info, pr int) ([]File, error) {
	typ := "periodic"
	if pr > 0 {
		typ = "presubmit"
	}
	finished := info.Started.Add(90 * time.Minute)
	pj := map[string]any{
		"apiVersion": "prow.k8s.io/v1", "kind": "ProwJob",
		"metadata": map[string]any{
			"name":        fmt.Sprintf("pj-%d", info.Index),
			"labels":      map[string]string{"prow.k8s.io/build-id": info.BuildID, "job-release": info.Release, "prow.k8s.io/job": info.Job},
			"annotations": map[string]string{"prow.k8s.io/job": info.Job, "release.openshift.io/tag": info.Release + ".0-0.nightly-2026-01-01-000000"},
		},
		"spec": map[string]any{"type": typ, "job": info.Job},
		"status": map[string]any{"startTime": info.Started.Format(time.RFC3339), "completionTime": finished.Format(time.RFC3339),
			"state": "success", "build_id": info.BuildID,
			"url": "https://prow.ci.openshift.org/view/gs/test-platform-results/" + info.Prefix},
	}
	if pr > 0 {
		pj["spec"].(map[string]any)["refs"] = map[string]any{"org": "openshift", "repo": "origin", "base_sha": "abc123",
			"pulls": []any{map[string]any{"number": pr, "sha": fmt.Sprintf("%040d", pr)}}}
	}
	var files []File
	add := func(name string, data []byte, gz bool) error {
		if gz {
			var err error
			if data, err = gzipBytes(data); err != nil {
				return err
			}
		}
		files = append(files, File{Name: info.Prefix + "/" + name, Data: data, Gzip: gz})
		return nil
	}
	pjData, _ := json.Marshal(pj)
	if info.Kind == "broken" {
		pjData = []byte(`{"spec": {"job": `) // cut short
	}
	if err := add("prowjob.json", pjData, false); err != nil {
		return nil, err
	}
	if err := add("started.json", fmt.Appendf(nil, `{"timestamp": %d}`, info.Started.Unix()), false); err != nil {
		return nil, err
	}
	if err := add("finished.json", fmt.Appendf(nil, `{"timestamp": %d, "passed": true, "result": "SUCCESS"}`, finished.Unix()), false); err != nil {
		return nil, err
	}
	if err := add("build-log.txt", []byte("INFO[2026-01-01T00:00:00Z] ci-operator\n"), true); err != nil {
		return nil, err
	}
	const test = "artifacts/e2e-aws-ovn/"
	switch info.Kind {
	case "empty":
		return files, nil
	case "broken":
		err := add(test+"gather-must-gather/artifacts/must-gather.tar", []byte("this is not a tar archive\n"), false)
		return files, err
	}
	c := newCluster(o, info.Index, info.Release)
	if info.Kind == "gather-extra" || info.Kind == "both" {
		if err := add(test+"gather-extra/finished.json", []byte(`{"timestamp": 1, "passed": true}`), false); err != nil {
			return nil, err
		}
		ge, err := gatherExtra(c)
		if err != nil {
			return nil, err
		}
		names := make([]string, 0, len(ge))
		for name := range ge {
			names = append(names, name)
		}
		slices.Sort(names)
		for k, name := range names {
			// Half the files are stored gzip-encoded, as Prow's uploader
			// does for *.json.gz; the others plain.
			if err := add(test+"gather-extra/artifacts/"+name, ge[name], k%2 == 0); err != nil {
				return nil, err
			}
		}
	}
	if info.Kind == "must-gather" || info.Kind == "both" {
		tgz, err := mustGather(c)
		if err != nil {
			return nil, err
		}
		// gzip content under a .tar name: `tar -czf must-gather.tar.gz`
		// renamed by the step.
		files = append(files, File{Name: info.Prefix + "/" + test + "gather-must-gather/artifacts/must-gather.tar", Data: tgz})
		if err := add(test+"gather-must-gather/finished.json", []byte(`{"timestamp": 1, "passed": true}`), false); err != nil {
			return nil, err
		}
	}
	return files, nil
}

func list(items []any) ([]byte, error) {
	if items == nil {
		items = []any{}
	}
	return json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "metadata": map[string]any{"resourceVersion": ""}, "items": items})
}

// gatherExtra makes the `oc get -o json` files of gather-extra (no PDBs:
// gather-extra never has them).
func gatherExtra(c *cluster) (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, items := range map[string][]any{
		"pods.json": c.pods, "deployments.json": c.deployments, "replicasets.json": c.replicaSets,
		"daemonsets.json": c.daemonSets, "statefulsets.json": c.statefulSets, "services.json": c.services,
		"nodes.json": c.nodes, "namespaces.json": c.namespaces, "clusterversion.json": {c.cv},
		"config-resources.json": {c.infra},
		"events.json":           {map[string]any{"apiVersion": "v1", "kind": "Event", "metadata": map[string]any{"name": "e", "namespace": "default"}}},
	} {
		data, err := list(items)
		if err != nil {
			return nil, err
		}
		out[name] = data
	}
	return out, nil
}

// mustGather makes a gzip-compressed tar of a must-gather image folder.
func mustGather(c *cluster) ([]byte, error) {
	const root = "must-gather.local.1/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-0123/"
	files := map[string]any{}
	lists := map[string]struct {
		kind  string
		items []any
	}{
		"core/pods": {"PodList", c.pods}, "core/services": {"ServiceList", c.services},
		"apps/deployments": {"DeploymentList", c.deployments}, "apps/replicasets": {"ReplicaSetList", c.replicaSets},
		"apps/daemonsets": {"DaemonSetList", c.daemonSets}, "apps/statefulsets": {"StatefulSetList", c.statefulSets},
		"policy/poddisruptionbudgets": {"PodDisruptionBudgetList", c.pdbs},
	}
	for _, nsObj := range c.namespaces {
		ns := nsObj.(interface{ GetName() string }).GetName()
		files["namespaces/"+ns+"/"+ns+".yaml"] = nsObj
		for res, l := range lists {
			items := byNamespace(l.items)[ns]
			if items == nil {
				items = []any{}
			}
			apiVersion := "v1"
			if g := path.Dir(res); g != "core" {
				apiVersion = g + "/v1"
			}
			files["namespaces/"+ns+"/"+res+".yaml"] = map[string]any{"apiVersion": apiVersion, "kind": l.kind, "items": items}
		}
	}
	for _, n := range c.nodes {
		files["cluster-scoped-resources/core/nodes/"+n.(interface{ GetName() string }).GetName()+".yaml"] = n
	}
	files["cluster-scoped-resources/config.openshift.io/infrastructures.yaml"] = map[string]any{
		"apiVersion": "config.openshift.io/v1", "kind": "InfrastructureList", "items": []any{c.infra}}
	files["cluster-scoped-resources/config.openshift.io/clusterversions.yaml"] = map[string]any{
		"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersionList", "items": []any{c.cv}}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	mtime := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	put := func(name string, data []byte) error {
		if err := tw.WriteHeader(&tar.Header{Name: root + name, Mode: 0o644, Size: int64(len(data)), ModTime: mtime, Typeflag: tar.TypeReg, Format: tar.FormatGNU}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	if err := put("version", []byte("quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:0123\n"+c.version+"\n")); err != nil {
		return nil, err
	}
	for _, n := range names {
		data, err := yaml.Marshal(files[n])
		if err != nil {
			return nil, err
		}
		if err := put(n, data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func gzipBytes(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteMirror writes the runs below dir as a local mirror of the bucket:
// gzip-encoded files keep their bytes (as `gsutil cp` of the raw objects
// leaves them) in even runs and are decompressed in odd ones, so that both
// kinds of mirror are covered.
func WriteMirror(dir string, o Options) ([]Info, error) {
	var infos []Info
	err := Each(o, func(info Info, files []File) error {
		infos = append(infos, info)
		for _, f := range files {
			data := f.Data
			if f.Gzip && info.Index%2 == 1 {
				zr, err := gzip.NewReader(bytes.NewReader(data))
				if err != nil {
					return err
				}
				var out bytes.Buffer
				if _, err := out.ReadFrom(zr); err != nil {
					return err
				}
				data = out.Bytes()
			}
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	return infos, err
}

// FillBucket stores the runs in bucket (created if needed) of a fake GCS
// server as Prow's uploader does: gzip-encoded objects with
// Content-Encoding: gzip under names without ".gz".
func FillBucket(srv *fakestorage.Server, bucket string, o Options) ([]Info, error) {
	srv.CreateBucketWithOpts(fakestorage.CreateBucketOpts{Name: bucket})
	var infos []Info
	err := Each(o, func(info Info, files []File) error {
		infos = append(infos, info)
		for _, f := range files {
			attrs := fakestorage.ObjectAttrs{BucketName: bucket, Name: f.Name, ContentType: "application/octet-stream"}
			if f.Gzip {
				attrs.ContentEncoding = "gzip"
			}
			srv.CreateObject(fakestorage.Object{ObjectAttrs: attrs, Content: f.Data})
		}
		return nil
	})
	return infos, err
}

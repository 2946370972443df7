package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	"sigs.k8s.io/yaml"
)

// TestIndexedJobManifestDecodes: the example Indexed Job of docs/ decodes
// strictly into batch/v1 Job, and its --shard matches its completions.
func TestIndexedJobManifestDecodes(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "batch-indexed-job.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var job batchv1.Job
	if err := yaml.UnmarshalStrict(data, &job); err != nil {
		t.Fatalf("not a strict batch/v1 Job: %v", err)
	}
	if job.APIVersion != "batch/v1" || job.Kind != "Job" {
		t.Errorf("apiVersion/kind %s/%s", job.APIVersion, job.Kind)
	}
	s := job.Spec
	if s.CompletionMode == nil || *s.CompletionMode != batchv1.IndexedCompletion || s.Completions == nil || s.Parallelism == nil {
		t.Fatalf("not an Indexed Job with completions and parallelism: %+v", s)
	}
	if len(s.Template.Spec.Containers) != 1 {
		t.Fatalf("%d containers", len(s.Template.Spec.Containers))
	}
	args := s.Template.Spec.Containers[0].Args
	want := fmt.Sprintf("--shard=auto/%d", *s.Completions)
	if !slices.Contains(args, want) || args[0] != "batch" {
		t.Errorf("args %v: want batch ... %s", args, want)
	}
	if _, err := ParseShard(fmt.Sprintf("%d/%d", *s.Completions-1, *s.Completions)); err != nil {
		t.Error(err)
	}
}

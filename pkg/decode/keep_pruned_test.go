package decode

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// TestKeepPruned decodes a pod whose pruned fields hold data, as usual and
// whole: only KeepPruned keeps them.
func TestKeepPruned(t *testing.T) {
	pod := []byte(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    env:
    - name: A
      value: b
status:
  phase: Running
  conditions:
  - type: Ready
    status: "True"
`)
	for _, tc := range []struct {
		name     string
		dec      Decoder
		wantKept bool
	}{
		{"the default decoder leaves pruned fields out", Default(), false},
		{"the reference leaves pruned fields out", YAML{}, false},
		{"the reference with KeepPruned keeps them", Staged{KeepPruned: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.dec.Decode(pod, "")
			if len(res.Errors) > 0 || len(res.Objects) != 1 {
				t.Fatalf("decode: %v, %d objects", res.Errors, len(res.Objects))
			}
			p := res.Objects[0].(*corev1.Pod)
			kept := len(p.Spec.Containers[0].Env) == 1 && len(p.Status.Conditions) == 1
			if kept != tc.wantKept || p.Status.Phase != corev1.PodRunning {
				t.Errorf("env and conditions kept: %v, want %v (phase %q)", kept, tc.wantKept, p.Status.Phase)
			}
		})
	}
}

package report

import (
	"bytes"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

func TestInspectText(t *testing.T) {
	cases := []struct {
		name   string
		golden string
		in     Inspection
	}{
		{"a CI run with a problem and a missing kind lists both", "inspect.golden.txt", Inspection{
			Inputs: []snapshot.Input{{Path: "runs/1234", Format: "ci-job", Archive: "none", Job: "periodic-ci-e2e-aws", BuildID: "1234",
				Roots: []string{"artifacts/e2e/gather-extra/artifacts"}}},
			Cluster: snapshot.Facts{Version: "4.16.0", Platform: "AWS", ControlPlaneTopology: "HighlyAvailable",
				InfrastructureTopology: "HighlyAvailable", Nodes: 6, ControlPlaneNodes: 3, Zones: 3},
			Objects:    map[string]int{"Pod": 239, "Deployment": 57, "PodDisruptionBudget": 0, "Node": 6},
			Namespaces: NamespaceCounts{Collected: 55, Partial: 3},
			Missing:    []string{"PodDisruptionBudget"},
			Problems:   []snapshot.Problem{{Path: "runs/1234/artifacts/e2e/gather-extra/artifacts/pods.json", Error: "parse JSON: truncated: unexpected EOF"}},
		}},
		{"an input without cluster facts says none", "inspect-empty.golden.txt", Inspection{
			Inputs:  []snapshot.Input{{Path: "-", Format: "objects", Archive: "none", Roots: []string{"."}}},
			Objects: map[string]int{"Pod": 1},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := InspectText(&b, tc.in); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, b.Bytes())
		})
	}
}

package x

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
)

func TestSample(t *testing.T) {
	c, err := loader.Load(context.Background(), []string{"../../../shared/samples/must-gather-aws-4.8"}, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs := checks.Run(c, checks.Options{})
	list, err := exceptions.Load([]string{"../../examples/exceptions.yaml"}, checks.IDs())
	if err != nil {
		t.Fatal(err)
	}
	a := list.Apply(rs, exceptions.Options{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	for _, r := range a.Results {
		if r.Outcome == "pass" {
			continue
		}
		ex := 0
		for _, v := range r.Violations {
			if v.Exception != "" {
				ex++
			}
		}
		fmt.Printf("%-50s %-35s %-5s %d/%d %s\n", r.Namespace, r.Check, r.Outcome, ex, len(r.Violations), r.Reason)
	}
	fmt.Println(a.Unused, a.Expired)
}

package report

import (
	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/components"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
	"github.com/openshift-eng/ha-compliance/pkg/version"
)

// Judge runs the checks on c and applies the exceptions of list: the one
// verdict that analyze, batch and bugs give for the same input, so that a
// batch row equals analyze on the same run. baseline says whether list
// holds the shipped baseline; a nil opts.Component takes list's overrides.
func Judge(c *snapshot.Cluster, opts checks.Options, list *exceptions.List, eo exceptions.Options, baseline bool) Analysis {
	if opts.Component == nil {
		opts.Component = components.Default().With(list.ComponentOverrides).Lookup
	}
	applied := list.Apply(checks.Run(c, opts), eo)
	return Analysis{
		Tool:       Tool{Version: version.Get()},
		Input:      Inspect(c),
		Results:    applied.Results,
		Exceptions: ExceptionReport{Unused: applied.Unused, Expired: applied.Expired, Baseline: baseline},
		Summary:    result.Summarize(applied.Results),
		Observed:   Observe(c),
	}
}

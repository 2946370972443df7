package checks

import (
	"fmt"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/openshift-eng/ha-compliance/pkg/components"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Options select what Run judges.
type Options struct {
	// Checks are the ids to run; empty runs the whole catalogue. Unknown ids
	// select nothing: validate user input with ParseIDs.
	Checks []ID
	// Include selects namespaces (unanchored regexp); nil means the platform
	// namespaces (DefaultInclude). Exclude removes namespaces; nil removes
	// none. The must-gather's own openshift-must-gather-* namespaces are
	// always left out.
	Include, Exclude *regexp.Regexp
	// Component maps a namespace to its OCPBUGS Jira component; nil uses the
	// embedded ci-test-mapping table with its fallback. "" is read as the
	// fallback too: every test name carries a Jira tag.
	Component func(ns string) string
}

// ReasonPartialNamespace is the skip reason of every check in a namespace
// the input holds only in part. It is part of the outputs.
const ReasonPartialNamespace = "namespace not fully collected: the input holds only some of its objects"

// ReasonMissing is the skip reason of a check whose input lacks kind k,
// e.g. "no PodDisruptionBudgets in input".
func ReasonMissing(k snapshot.Kind) string { return "no " + string(k) + "s in input" }

// reasonPartialPrefix starts the skip reason of a check that needs a kind the
// input holds only in part (see ReasonPartial).
const reasonPartialPrefix = "incomplete input: "

// ReasonPartial is the skip reason of a check that needs kind k when the
// input lost some objects of it, e.g. "incomplete input: the Pods of this
// namespace were not all read (…/core/pods.yaml: empty file …)".
func ReasonPartial(p snapshot.Partial) string {
	where := "this namespace"
	if p.Namespace == "" {
		where = "the cluster"
	}
	return fmt.Sprintf("%sthe %ss of %s were not all read (%s: %s)", reasonPartialPrefix, p.Kind, where, shortPath(p.Path), p.Why)
}

// shortPath is the part of an input path that names the file within its
// gather: from namespaces/ or cluster-scoped-resources/ on, else the file
// name. The full path is in the problem list.
func shortPath(p string) string {
	for _, dir := range []string{"namespaces/", "cluster-scoped-resources/"} {
		if i := strings.LastIndex(p, "/"+dir); i >= 0 {
			return p[i+1:]
		}
	}
	return path.Base(p)
}

// NoData reports whether a result is a skip for want of data (a partial
// namespace, a missing or partial kind), not because the check does not
// apply: a run where every result is such a skip judged nothing.
func NoData(r result.Result) bool {
	return r.Outcome == result.Skip && (r.Reason == ReasonPartialNamespace || strings.HasPrefix(r.Reason, reasonPartialPrefix) ||
		strings.HasPrefix(r.Reason, "no ") && strings.HasSuffix(r.Reason, "s in input"))
}

// Judged reports whether any result judged something: a pass, fail or
// flake, or a skip because the check does not apply (a topology). False
// means the input could not support any verdict.
func Judged(rs []result.Result) bool {
	for _, r := range rs {
		if !NoData(r) {
			return true
		}
	}
	return false
}

// Run judges every in-scope namespace of c with every selected check and
// returns one result per (namespace, check), sorted by namespace then
// catalogue order. Every pair gets a result, a pass when nothing in the
// namespace is subject to the check, so test names are stable from run to
// run. A check that panics fails its (namespace, check) pair; the others run.
func Run(c *snapshot.Cluster, opts Options) []result.Result {
	component := opts.Component
	if component == nil {
		component = components.Lookup
	}
	var selected []Check
	for _, chk := range All() {
		if len(opts.Checks) == 0 || slices.Contains(opts.Checks, chk.ID) {
			selected = append(selected, chk)
		}
	}
	var scoped []*snapshot.Namespace
	for _, ns := range c.Namespaces() {
		if inScope(ns.Name, opts.Include, opts.Exclude) {
			scoped = append(scoped, ns)
		}
	}
	// Namespaces are judged in parallel (the snapshot is only read), each
	// into its own slot, so the order stays the catalogue's.
	per := make([][]result.Result, len(scoped))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(scoped)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(scoped); i = int(next.Add(1) - 1) {
				per[i] = judgeNamespace(c, scoped[i], selected, component)
			}
		})
	}
	wg.Wait()
	return slices.Concat(per...)
}

// judgeNamespace runs every selected check on ns.
func judgeNamespace(c *snapshot.Cluster, ns *snapshot.Namespace, selected []Check, component func(string) string) []result.Result {
	comp := component(ns.Name)
	if strings.TrimSpace(comp) == "" || strings.EqualFold(comp, components.Fallback) {
		comp = components.Fallback // as ci-test-mapping spells it
	}
	out := make([]result.Result, 0, len(selected))
	for _, chk := range selected {
		r := result.Result{
			Namespace: ns.Name,
			Check:     string(chk.ID),
			Component: comp,
			TestName:  TestName(chk, ns.Name, comp),
			Informing: chk.Lifecycle == Informing,
		}
		fill(&r, c, ns, chk, judge(c, ns, chk))
		out = append(out, r)
	}
	return out
}

// TestName is the JUnit name of check chk in namespace ns. It holds no
// counts or pod names, so it is the same in every run, and always a Jira
// tag: component "" is tagged with ci-test-mapping's fallback.
func TestName(chk Check, ns, component string) string {
	if strings.TrimSpace(component) == "" {
		component = components.Fallback
	}
	return fmt.Sprintf("[Monitor:ha-compliance][Jira:%q] %s in ns/%s should %s", component, chk.Subject, ns, chk.Should)
}

// ReasonRelease is the skip reason of a check that needs release since on a
// cluster running the older release rel, e.g. "needs OpenShift 4.18 /
// Kubernetes 1.31 (spec.unhealthyPodEvictionPolicy is GA); the cluster runs 4.8 (ClusterVersion)".
func ReasonRelease(since snapshot.Release, why string, rel snapshot.ClusterRelease) string {
	return fmt.Sprintf("needs OpenShift %s / Kubernetes %s (%s); the cluster runs %s", since, since.Kubernetes(), why, rel)
}

// NoteReleaseUnknown is the remark on a release-gated check judged on a
// cluster whose release the input does not tell.
const NoteReleaseUnknown = "release unknown (no ClusterVersion or kubelet version in input): judged as a current release"

// judge returns the verdict of chk on ns: a skip when the data is missing or
// the cluster is older than the check, else what Eval says. A panic in Eval
// becomes a finding, not a crash.
func judge(c *snapshot.Cluster, ns *snapshot.Namespace, chk Check) (v Verdict) {
	if !ns.Collected {
		// Say which file cost the namespace its pods, when one did.
		if p, ok := c.Partial(ns.Name, snapshot.Pod); ok {
			return Skip(ReasonPartial(p))
		}
		return Skip(ReasonPartialNamespace)
	}
	for _, k := range chk.Needs { // missing data, or partial, is never compliance
		if c.Missing(k) {
			return Skip(ReasonMissing(k))
		}
		if p, ok := c.Partial(ns.Name, k); ok {
			return Skip(ReasonPartial(p))
		}
	}
	if chk.Since.Known() {
		switch rel := c.Release(); {
		case !rel.Known():
			defer func() {
				if !v.Skipped {
					v.Note(NoteReleaseUnknown)
				}
			}()
		case rel.Before(chk.Since):
			return Skip(ReasonRelease(chk.Since, chk.SinceWhy, rel))
		}
	}
	defer func() {
		if p := recover(); p != nil {
			v = Verdict{Reason: "internal error: the check panicked"}
			v.Add(snapshot.Ref{APIVersion: "v1", Kind: snapshot.KindNamespace, Namespace: ns.Name, Name: ns.Name}, "",
				fmt.Sprintf("check %s panicked on namespace %s: %v; please report this bug", chk.ID, ns.Name, p))
		}
	}()
	return chk.Eval(c, ns)
}

// fill turns a verdict into the outcome, reason and violations of r.
func fill(r *result.Result, c *snapshot.Cluster, ns *snapshot.Namespace, chk Check, v Verdict) {
	r.Reason = v.Reason
	r.Violations = []result.Violation{}
	switch {
	case v.Skipped:
		r.Outcome = result.Skip
		return
	case len(v.Findings) == 0:
		r.Outcome = result.Pass
		return
	}
	r.Outcome = result.Fail
	for _, f := range v.Findings {
		w := workload(ns, f.Workload)
		topo := f.Topology
		if topo == "" {
			topo = c.Topologies.For(nil).String()
			if w != nil {
				topo = topologyOf(c, w).String()
			}
		}
		r.Violations = append(r.Violations, result.Violation{
			Kind:      string(f.Workload.Kind),
			Name:      f.Workload.Name,
			Container: f.Container,
			RuleKey:   f.Workload.RuleKey(f.Container, string(chk.ID)),
			Message:   f.Message,
			Topology:  topo,
			Pods:      concretePods(w),
		})
	}
}

// concretePods lists the pods of a pod or Job workload whose logical name
// is not the pod's own, nil otherwise.
func concretePods(w *snapshot.Workload) []string {
	if w == nil || (w.Kind != snapshot.Pod && w.Kind != snapshot.Job) {
		return nil
	}
	if len(w.Pods) == 1 && w.Pods[0].Name == w.Name {
		return nil
	}
	var out []string
	for _, p := range w.Pods {
		out = append(out, p.Name)
	}
	return out
}

// workload finds the workload a finding refers to, or nil (a PDB, a namespace).
func workload(ns *snapshot.Namespace, ref snapshot.Ref) *snapshot.Workload {
	for _, w := range ns.Workloads(ref.Kind) {
		if w.Name == ref.Name {
			return w
		}
	}
	return nil
}

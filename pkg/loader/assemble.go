package loader

import (
	"errors"
	"path/filepath"
	"sort"
	"strings"

	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/pkg/decode"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// assemble feeds the outcomes to the builder in a fixed order (preferred
// roots first, then reading order), records collection, missing kinds,
// inputs and problems, and returns the problems.
func (r *run) assemble(b *snapshot.Builder, outs []outcome, early []snapshot.Problem) []snapshot.Problem {
	preferred := r.preferredRoots()
	// An archive of a CI run can hold both a must-gather and gather-extra:
	// the must-gather wins, as Discover decides for folders.
	hasMustGather := map[*input]bool{}
	for _, o := range outs {
		if o.task.root.layout == LayoutMustGather && len(o.res.Objects) > 0 {
			hasMustGather[o.task.root.in] = true
		}
	}
	dropped := func(rt *root) bool { return rt.layout == LayoutGatherExtra && hasMustGather[rt.in] }
	sort.SliceStable(outs, func(i, j int) bool {
		pi, pj := preferred[outs[i].task.root], preferred[outs[j].task.root]
		if pi != pj {
			return pi
		}
		return outs[i].task.seq < outs[j].task.seq
	})
	problems := append([]problem(nil), r.problems...)
	seenNS := map[*root]map[string]bool{}
	holdsPDB, holdsInfra := false, false
	var lost []lostKinds
	for _, o := range outs {
		t := o.task
		for _, err := range o.res.Errors {
			problems = append(problems, problem{seq: t.seq, Problem: snapshot.Problem{Path: t.path, Error: err.Error()}})
		}
		if why := unexpected(t.at, o.res); why != "" {
			problems = append(problems, problem{seq: t.seq, Problem: snapshot.Problem{Path: t.path, Error: why}})
		}
		t.root.notePods(t.at, o.res)
		t.root.in.seen.note(o)
		if dropped(t.root) {
			continue
		}
		for _, p := range lostBy(t, o.res) {
			lost = append(lost, lostKinds{rt: t.root, seq: t.seq, p: p})
		}
		for _, obj := range o.res.Objects {
			defaultNamespace(obj, t.at)
			if !b.Add(obj, t.path, preferred[t.root]) {
				continue
			}
			m := obj.(metav1.Object)
			ns := m.GetNamespace()
			switch obj.(type) {
			case *corev1.Namespace:
				ns = m.GetName()
			case *policyv1.PodDisruptionBudget:
				holdsPDB = true
			case *configv1.Infrastructure:
				holdsInfra = true
			}
			if ns != "" {
				if seenNS[t.root] == nil {
					seenNS[t.root] = map[string]bool{}
				}
				seenNS[t.root][ns] = true
			}
		}
	}
	for _, in := range r.inputs {
		rec := snapshot.Input{Path: in.unit.Path, Format: in.format(), Archive: in.archive,
			Roots: []string{}, Job: in.unit.Job, BuildID: in.unit.BuildID}
		for _, rt := range in.order {
			if dropped(rt) {
				continue
			}
			rec.Roots = append(rec.Roots, rt.rel)
			holdsPDB = holdsPDB || rt.pdbList
			for ns := range rt.nsDir {
				b.MarkPresent(ns)
			}
			collected := rt.collected(seenNS[rt])
			for _, ns := range collected {
				b.MarkCollected(ns)
			}
			absent, why := rt.absentLists(collected)
			for _, p := range why {
				problems = append(problems, problem{seq: r.seq + 1, Problem: p})
			}
			for _, p := range absent {
				lost = append(lost, lostKinds{rt: rt, seq: r.seq + 1, p: p})
			}
		}
		sort.Strings(rec.Roots)
		b.AddInput(rec)
	}
	var missing []snapshot.Kind
	if !holdsPDB {
		missing = append(missing, snapshot.PodDisruptionBudget)
	}
	if !holdsInfra {
		// No check needs it, but without it the topology is assumed: the
		// outputs say so rather than "Missing: (none)".
		missing = append(missing, snapshot.Infrastructure)
	}
	b.SetMissing(missing...)
	lost = append(lost, r.lost...)
	sort.SliceStable(lost, func(i, j int) bool { return lost[i].seq < lost[j].seq })
	for _, l := range lost {
		// A namespace's per-pod copies stand in for its broken pods.yaml.
		if dropped(l.rt) || l.p.Kind == snapshot.Pod && l.rt.podsCopied[l.p.Namespace] {
			continue
		}
		b.MarkPartial(l.p)
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].seq < problems[j].seq })
	out := append([]snapshot.Problem(nil), early...)
	for _, p := range problems {
		out = append(out, p.Problem)
	}
	for _, p := range out {
		b.AddProblem(p.Path, errors.New(p.Error))
	}
	return out
}

// defaultNamespace gives a namespaced object written without a namespace
// the one its path says, or "default" as kubectl would.
func defaultNamespace(obj any, at place) {
	switch obj.(type) {
	case *corev1.Node, *corev1.Namespace, *configv1.Infrastructure, *configv1.ClusterVersion, *configv1.ClusterOperator:
		return
	}
	m, ok := obj.(metav1.Object)
	if !ok || m.GetNamespace() != "" {
		return
	}
	if at.ns != "" {
		m.SetNamespace(at.ns)
	} else {
		m.SetNamespace(metav1.NamespaceDefault)
	}
}

// notePods records a pods.yaml that yielded nothing but errors (or nothing
// at all), and per-pod copies that stood in for it.
func (rt *root) notePods(at place, res decode.Result) {
	switch {
	case at.role == roleList && at.kind == snapshot.Pod && len(res.Objects) == 0 && (len(res.Errors) > 0 || res.Empty):
		rt.podsLost[at.ns] = true
	case at.role == rolePodCopy && len(res.Objects) > 0:
		rt.podsCopied[at.ns] = true
	}
}

// collected lists the namespaces of a root that were gathered in full: in a
// must-gather those with both <ns>.yaml and core/pods.yaml, unless pods.yaml
// could not be read at all and no per-pod copy stood in for it; in gather-extra
// (cluster-wide by design) every namespace met once pods.json exists; in a
// file of objects every namespace met, since the user chose what to give.
func (rt *root) collected(seen map[string]bool) []string {
	var out []string
	switch rt.layout {
	case LayoutMustGather:
		for ns := range rt.nsFile {
			if rt.podsList[ns] && (!rt.podsLost[ns] || rt.podsCopied[ns]) {
				out = append(out, ns)
			}
		}
	case LayoutGatherExtra, LayoutFile:
		if rt.layout == LayoutFile || rt.podsFile {
			for ns := range seen {
				out = append(out, ns)
			}
		}
	}
	sort.Strings(out)
	return out
}

// preferredRoots picks the release image's folders, whose objects win over
// the same objects from other gather images. An image folder is the release
// image's when its version file starts with "openshift/must-gather"; when no
// folder of an input has such a file, folders named after the release image
// (…-ocp-v4…, …ocp-release…, CI's …-ci-op-…) are.
func (r *run) preferredRoots() map[*root]bool {
	out := map[*root]bool{}
	for _, in := range r.inputs {
		byVersion := false
		for _, rt := range in.order {
			if rt.layout == LayoutMustGather && in.versions[rt.key] == "openshift/must-gather" {
				out[rt], byVersion = true, true
			}
		}
		if byVersion {
			continue
		}
		for _, rt := range in.order {
			base := filepath.Base(rt.key)
			if rt.layout == LayoutMustGather && (strings.Contains(base, "ocp-v4") ||
				strings.Contains(base, "ocp-release") || strings.Contains(base, "-ci-op-")) {
				out[rt] = true
			}
		}
	}
	return out
}

// format names what an input turned out to be (docs/inputs.md).
func (in *input) format() string {
	if in.unit.Format != "" {
		return in.unit.Format
	}
	var mustGather, versioned, gatherExtra bool
	for _, rt := range in.order {
		switch rt.layout {
		case LayoutMustGather:
			mustGather = true
			versioned = versioned || in.versions[rt.key] != ""
		case LayoutGatherExtra:
			gatherExtra = true
		}
	}
	switch {
	case in.ci || (mustGather && gatherExtra):
		return "ci-job"
	case mustGather && versioned:
		return "must-gather"
	case mustGather:
		return "inspect"
	case gatherExtra:
		return "gather-extra"
	default:
		return "objects"
	}
}

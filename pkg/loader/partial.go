package loader

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/decode"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Missing data is never compliance: a file that should hold objects but was
// empty, unreadable, absent or partly undecodable makes the kinds it holds
// partial (snapshot.Partial), for its namespace or, for a cluster-wide file,
// for every namespace. The checks that need a partial kind skip with the
// reason instead of passing on what is left. This file decides which
// (namespace, kind) each broken file costs; the problem itself is listed
// beside it, worded once.

// lostKinds is one (namespace, kind) lost by a file of a root, with the
// reading position it sorts at.
type lostKinds struct {
	rt  *root
	seq int
	p   snapshot.Partial
}

// whyEmpty is the problem of a file that should hold objects, or at least
// an empty List, and held nothing: what a timed-out `oc get` or a cut copy
// leaves.
const whyEmpty = "empty file (0 bytes, null or only comments) where objects, or at least an empty List, were expected"

// holds returns the kinds a file at this place can hold: the one its path
// names, the Infrastructure of gather-extra's mixed config-resources.json,
// or any kind for a file given on its own.
func (at place) holds() []snapshot.Kind {
	switch {
	case at.kind != "":
		return []snapshot.Kind{at.kind}
	case at.role == roleGatherExtra:
		return []snapshot.Kind{snapshot.Infrastructure}
	default:
		return snapshot.StoredKinds()
	}
}

// expectsObjects reports whether a file at this place always holds at least
// one document, so that an empty one was cut short.
func (at place) expectsObjects() bool {
	switch at.role {
	case roleSkip, roleVersion, roleArchive:
		return false
	}
	return true
}

// clusterScoped reports whether objects of kind k belong to no namespace.
func clusterScoped(k snapshot.Kind) bool {
	switch k {
	case snapshot.Node, snapshot.KindNamespace, snapshot.Infrastructure, snapshot.ClusterVersion, snapshot.ClusterOperator:
		return true
	}
	return false
}

// lose records a needed file that could not be read at all: a problem, and
// the kinds it holds as partial.
func (r *run) lose(rt *root, at place, path string, err error) {
	r.problem(path, err)
	r.markLost(rt, at, path, err.Error())
}

// markLost records the kinds a file at this place holds as partial, without
// a problem (the caller lists it).
func (r *run) markLost(rt *root, at place, path, why string) {
	for _, k := range at.holds() {
		r.lost = append(r.lost, lostKinds{rt: rt, seq: r.seq, p: partialOf(at.ns, k, path, why)})
	}
}

func partialOf(ns string, k snapshot.Kind, path, why string) snapshot.Partial {
	if clusterScoped(k) {
		ns = ""
	}
	return snapshot.Partial{Namespace: ns, Kind: k, Path: path, Why: why}
}

// lostBy returns what one decoded file lost: for an object that failed, its
// kind (and namespace, when the error says it); for a document that did not
// parse, every kind the file holds; for an empty file, the same.
func lostBy(t *task, res decode.Result) []snapshot.Partial {
	var out []snapshot.Partial
	for _, err := range res.Errors {
		var oe *decode.ObjectError
		if errors.As(err, &oe) {
			ns := oe.Namespace
			if ns == "" {
				ns = t.at.ns
			}
			out = append(out, partialOf(ns, oe.Kind, t.path, err.Error()))
			continue
		}
		for _, k := range t.at.holds() {
			out = append(out, partialOf(t.at.ns, k, t.path, err.Error()))
		}
	}
	if why := unexpected(t.at, res); why != "" {
		for _, k := range t.at.holds() {
			out = append(out, partialOf(t.at.ns, k, t.path, why))
		}
	}
	return out
}

// unexpected is the problem of a file that decoded without error but not
// to what its path promises: nothing at all (whyEmpty), or only objects of
// other kinds, as a List cut inside its kind line ("kind: Statef") is. It
// is "" for a file that held what it should, even no objects.
func unexpected(at place, res decode.Result) string {
	switch {
	case res.Empty && at.expectsObjects():
		return whyEmpty
	case at.kind != "" && len(res.Objects) == 0 && len(res.Errors) == 0 && len(res.Skipped) > 0 && at.role != roleInsights:
		return fmt.Sprintf("holds %s, not the %ss its path names", strings.Join(res.Skipped, ", "), at.kind)
	}
	return ""
}

// noteList records the namespaced resource files a root holds, per
// namespace, for absentLists.
func (rt *root) noteList(at place) {
	if at.ns == "" || clusterScoped(at.kind) || (at.role != roleList && at.role != roleObject) {
		return
	}
	if rt.lists[at.ns] == nil {
		rt.lists[at.ns] = map[snapshot.Kind]bool{}
	}
	rt.lists[at.ns][at.kind] = true
}

// absentLists finds the resource files missing from a must-gather's fully
// namespaces. `oc adm inspect` writes every resource file of a
// namespace, an empty List when there is nothing, so a file that the other
// collected namespaces of the same image folder have and this one lacks was
// lost: a gather or an archive cut short. A kind no collected namespace
// has (PodDisruptionBudgets before 4.8, a hand-trimmed inspect) is not
// expected. It returns the kinds lost and one problem per namespace.
func (rt *root) absentLists(collected []string) ([]snapshot.Partial, []snapshot.Problem) {
	if rt.layout != LayoutMustGather {
		return nil, nil
	}
	expected := map[snapshot.Kind]bool{}
	for _, ns := range collected {
		for k := range rt.lists[ns] {
			expected[k] = true
		}
	}
	// Every namespace whose <ns>.yaml was gathered is judged against them,
	// collected or not: a missing pods.yaml is how a namespace is lost.
	var gathered []string
	for ns := range rt.nsFile {
		gathered = append(gathered, ns)
	}
	sort.Strings(gathered)
	var lost []snapshot.Partial
	var problems []snapshot.Problem
	for _, ns := range gathered {
		var files, kinds []string
		dir := path.Join(rt.key, "namespaces", ns)
		for _, k := range snapshot.StoredKinds() {
			if expected[k] && !rt.lists[ns][k] {
				files = append(files, resourceFile[k])
				kinds = append(kinds, string(k)+"s")
			}
		}
		if len(files) == 0 {
			continue
		}
		why := fmt.Sprintf("has no %s, which the other collected namespaces have: the gather was cut short here, and its %s are unknown",
			strings.Join(files, ", "), strings.Join(kinds, ", "))
		problems = append(problems, snapshot.Problem{Path: dir, Error: why})
		for _, f := range files {
			lost = append(lost, partialOf(ns, kindOfFile[f], path.Join(dir, f), "missing from the input"))
		}
	}
	return lost, problems
}

// resourceFile is the file of each namespaced kind in a must-gather
// namespace folder, e.g. "apps/deployments.yaml".
// and kindOfFile the reverse.
var resourceFile, kindOfFile = func() (map[snapshot.Kind]string, map[string]snapshot.Kind) {
	files, kinds := map[snapshot.Kind]string{}, map[string]snapshot.Kind{}
	for res, k := range namespacedResources {
		files[k], kinds[res+".yaml"] = res+".yaml", k
	}
	return files, kinds
}()

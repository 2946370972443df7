package decode

import (
	"maps"
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// prunes is the one list of the fields of kept kinds that nothing after
// the decoder reads, and that both decoders therefore leave out: they are
// a large part of what a must-gather holds, so skipping them unread is
// most of what is left to gain in decoding time and heap. Each entry
// names who reads the kind today and who would need the field back; an
// entry must go when a check, the snapshot or a report starts reading
// anything under it. pkg/checks' TestChecksDoNotReadPrunedFields runs the
// catalogue on the real samples decoded whole (Staged.KeepPruned) and as
// usual and fails when the results differ; a read the samples' data does
// not exercise still needs review to catch.
//
// Paths are anchored at the object and go through mappings, and through
// the entries of a list where they say "[]" (see PrunedPaths).
var prunes = append([]prune{
	// ReplicaSets only link pods to their Deployment: pkg/snapshot's
	// ownership reads their name and ownerReferences. The template is the
	// Deployment's, judged on the Deployment; nothing reads the copy.
	// Needed by: a check judging a ReplicaSet's own template or selector.
	{snapshot.ReplicaSet, "spec.template"},

	// Pods are read for metadata, spec (bare and static pods are judged
	// by their spec) and status.phase (spread_across_nodes leaves out
	// finished pods). The per-container and per-condition status is the
	// bulk of status and unread.
	// Needed by: a check on restarts, readiness or container states.
	{snapshot.Pod, "status.containerStatuses"},
	{snapshot.Pod, "status.initContainerStatuses"},
	{snapshot.Pod, "status.ephemeralContainerStatuses"},
	{snapshot.Pod, "status.conditions"},
	// Needed by: anything reporting pod addresses (podIP and hostIP stay).
	{snapshot.Pod, "status.podIPs"},
	{snapshot.Pod, "status.hostIPs"},

	// Nodes are read for name and labels (roles and zones). The image
	// list is the largest part of a Node and unread.
	// Needed by: a check on images present on nodes.
	{snapshot.Node, "status.images"},
}, podSpecPrunes(
	// Pods are judged by their spec (bare and static pods), Deployments,
	// StatefulSets and DaemonSets by their template's spec, the same way.
	map[snapshot.Kind]string{
		snapshot.Pod:         "spec",
		snapshot.Deployment:  "spec.template.spec",
		snapshot.StatefulSet: "spec.template.spec",
		snapshot.DaemonSet:   "spec.template.spec",
	},
	// Of a pod spec, pkg/checks reads nodeName, nodeSelector, affinity,
	// tolerations, topologySpreadConstraints, priorityClassName,
	// hostNetwork and restartPolicy, and of its containers and init
	// containers (containers.go: longRunning, allContainers) name, ports,
	// resources, the three probes and restartPolicy (sidecars); pkg/snapshot
	// and pkg/report read none of the spec beyond that. What a container
	// runs, and with what, is most of its text and unread.
	// Needed by: a check on what a container runs or how it is configured
	// (e.g. a leader-election flag in args, or GOMAXPROCS in env).
	"containers[].env",
	"containers[].envFrom",
	"containers[].args",
	"containers[].command",
	"initContainers[].env",
	"initContainers[].envFrom",
	"initContainers[].args",
	"initContainers[].command",
	// Needed by: a check on storage (e.g. hostPath or emptyDir volumes
	// tying pods to nodes).
	"containers[].volumeMounts",
	"initContainers[].volumeMounts",
	"volumes",
)...)

// podSpecPrunes returns each of paths, relative to a pod spec, under each
// kind's pod spec.
func podSpecPrunes(specs map[snapshot.Kind]string, paths ...string) []prune {
	var out []prune
	for _, kind := range slices.Sorted(maps.Keys(specs)) {
		for _, p := range paths {
			out = append(out, prune{kind, specs[kind] + "." + p})
		}
	}
	return out
}

// prune is one field of a kind that both decoders leave out: a dotted
// path from the object's root.
type prune struct {
	kind snapshot.Kind
	path string
}

// prunedPaths is prunes by kind, each path split into its elements: keys,
// and fastyaml.AnyEntry for each "[]".
var prunedPaths = func() map[string][][]string {
	m := map[string][][]string{}
	for _, p := range prunes {
		m[string(p.kind)] = append(m[string(p.kind)], splitPath(p.path))
	}
	return m
}()

// splitPath splits a dotted path whose keys may end with "[]".
func splitPath(path string) []string {
	var out []string
	for _, k := range strings.Split(path, ".") {
		if key, ok := strings.CutSuffix(k, "[]"); ok {
			out = append(out, key, fastyaml.AnyEntry)
		} else {
			out = append(out, k)
		}
	}
	return out
}

// PrunedPaths returns the dotted paths of the fields that decoded objects
// of kind never hold, whatever the input says: both the reference and the
// fast decoder leave them out (nil, empty or zero) before decoding, so
// their content, of whatever type, neither fills the object nor makes it
// fail to decode. A path is anchored at the object's root and goes
// through mappings, and through every entry of a list where a key is
// followed by "[]": for a Pod, "status.conditions" is the pod's own
// status.conditions, not a container or an annotation of that name, and
// "spec.containers[].env" is the env of each entry of spec.containers
// when that is a list of mappings, and nothing when it is not. A key spelt
// in another case (which encoding/json would still match) is not pruned. The objects of a List are pruned by their own kind, or by
// the List's element kind when they carry none.
//
// The price: the fast decoder passes over these subtrees by indentation
// without validating them, so a malformed one, which sigs.k8s.io/yaml
// would refuse (failing the whole document), goes unnoticed, as
// managedFields do.
func PrunedPaths(kind string) []string {
	var out []string
	for _, p := range prunes {
		if string(p.kind) == kind {
			out = append(out, p.path)
		}
	}
	return slices.Clip(out)
}

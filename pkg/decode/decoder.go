package decode

import (
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Decoder turns the bytes of one file into the objects the snapshot keeps.
//
// The contract every implementation keeps:
//   - data is one whole file: YAML (one or more documents, with or without a
//     leading "---") or JSON (one value or a stream of values). Empty input,
//     or input with only comments, separators and null documents, is no
//     objects and no error, with Result.Empty set: the caller decides whether
//     a file that held nothing is a problem (a must-gather resource file
//     always holds at least an empty List, so one that is empty was cut).
//   - A document is one object or a List: kind List or a typed <Kind>List.
//     Lists are flattened; their items keep their own kind.
//   - hint is the kind the file's path implies ("" when it implies none). It
//     is used only for objects that carry no kind, such as the Insights
//     Operator's config/pod/<ns>/<pod>.json.
//   - Result.Objects holds typed pointers, one per object, of the kinds in
//     snapshot.StoredKinds: *corev1.Pod, *appsv1.Deployment, *appsv1.StatefulSet,
//     *appsv1.DaemonSet, *appsv1.ReplicaSet, *policyv1.PodDisruptionBudget,
//     *corev1.Service, *corev1.Node, *corev1.Namespace, *configv1.Infrastructure,
//     *configv1.ClusterVersion, *configv1.ClusterOperator. managedFields are
//     cleared, and the fields PrunedPaths names for the object's kind (a
//     ReplicaSet's pod template, a pod's per-container status, a node's
//     images: what nothing downstream reads) are left out before decoding,
//     whatever they hold; policy/v1beta1 budgets come back as policy/v1 with
//     the v1beta1 meaning of an empty selector (match nothing) kept. Objects
//     of other kinds are not decoded: their kinds are named once each in
//     Result.Skipped.
//   - An object that cannot be decoded adds one error to Result.Errors and the
//     other objects of the file still load. A file that cannot be parsed at
//     all gives no objects and one error.
//   - Decode is safe for concurrent use, never panics, and does not keep data
//     after it returns.
type Decoder interface {
	Decode(data []byte, hint snapshot.Kind) Result
}

// Result is what one file held.
type Result struct {
	// Objects are the decoded objects, in file order.
	Objects []any
	// Errors are the objects or documents that could not be decoded, in file
	// order. Each names the item ("item 3", "document 2") it is about.
	Errors []error
	// Skipped names, once each and in order of appearance, the kinds seen in
	// the file that the snapshot does not keep.
	Skipped []string
	// Empty is true when the file held no document at all: no bytes, or
	// only white space, comments, separators and null. A List without
	// items is not empty: it says there are no such objects.
	Empty bool
}

// Default returns the decoder the loader uses when none is configured: the
// reference with pkg/fastyaml's fast paths in front (see Fast).
func Default() Decoder { return Fast() }

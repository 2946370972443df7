package decode

import (
	"strings"

	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// kindInfo says how to decode one kept kind.
type kindInfo struct {
	// groups are the API groups whose objects of this kind are kept: a kind
	// name alone is ambiguous across groups (operator.openshift.io has its own
	// kinds that share names with config.openshift.io).
	groups []string
	// version is the apiVersion set on objects that carry none.
	version string
	new     func() runtime.Object
}

// kept maps each kind the snapshot keeps to how it is decoded. Old workload
// API groups (extensions, apps/v1beta*) decode into apps/v1: the fields the
// checks read did not change.
var kept = map[string]kindInfo{
	string(snapshot.Pod):                 {[]string{""}, "v1", func() runtime.Object { return &corev1.Pod{} }},
	string(snapshot.Service):             {[]string{""}, "v1", func() runtime.Object { return &corev1.Service{} }},
	string(snapshot.Node):                {[]string{""}, "v1", func() runtime.Object { return &corev1.Node{} }},
	string(snapshot.KindNamespace):       {[]string{""}, "v1", func() runtime.Object { return &corev1.Namespace{} }},
	string(snapshot.Deployment):          {[]string{"apps", "extensions"}, "apps/v1", func() runtime.Object { return &appsv1.Deployment{} }},
	string(snapshot.StatefulSet):         {[]string{"apps"}, "apps/v1", func() runtime.Object { return &appsv1.StatefulSet{} }},
	string(snapshot.DaemonSet):           {[]string{"apps", "extensions"}, "apps/v1", func() runtime.Object { return &appsv1.DaemonSet{} }},
	string(snapshot.ReplicaSet):          {[]string{"apps", "extensions"}, "apps/v1", func() runtime.Object { return &appsv1.ReplicaSet{} }},
	string(snapshot.PodDisruptionBudget): {[]string{"policy"}, "policy/v1", func() runtime.Object { return &policyv1.PodDisruptionBudget{} }},
	string(snapshot.Infrastructure):      {[]string{"config.openshift.io"}, "config.openshift.io/v1", func() runtime.Object { return &configv1.Infrastructure{} }},
	string(snapshot.ClusterVersion):      {[]string{"config.openshift.io"}, "config.openshift.io/v1", func() runtime.Object { return &configv1.ClusterVersion{} }},
	string(snapshot.ClusterOperator):     {[]string{"config.openshift.io"}, "config.openshift.io/v1", func() runtime.Object { return &configv1.ClusterOperator{} }},
}

// lookup returns how to decode kind of apiVersion, or false when the snapshot
// does not keep it. An empty apiVersion matches any group: objects written
// without one (Insights) are known by their kind alone.
func lookup(kind, apiVersion string) (kindInfo, bool) {
	info, ok := kept[kind]
	if !ok {
		return kindInfo{}, false
	}
	if apiVersion == "" {
		return info, true
	}
	group, _, found := strings.Cut(apiVersion, "/")
	if !found {
		group = "" // "v1" is the core group
	}
	for _, g := range info.groups {
		if g == group {
			return info, true
		}
	}
	return kindInfo{}, false
}

// IsListKind reports whether kind names a List whose items may be kept:
// "List", or "<Kind>List" of a kept kind.
func IsListKind(kind string) bool {
	if kind == "List" {
		return true
	}
	elem, ok := strings.CutSuffix(kind, "List")
	_, keep := kept[elem]
	return ok && keep
}

// Kept reports whether the snapshot keeps objects of kind (any group).
func Kept(kind string) bool {
	_, ok := kept[kind]
	return ok
}

// v1beta1EmptySelectorKey is the label key Kubernetes uses to express, in
// policy/v1, a policy/v1beta1 empty selector: one that selects no pods.
const v1beta1EmptySelectorKey = "pdb.kubernetes.io/deprecated-v1beta1-empty-selector-match"

// finish normalises a freshly decoded object: it drops managedFields (they
// are as large as the rest of the object and nothing reads them), converts
// policy/v1beta1 budgets, and sets the type the object was decoded into.
func finish(obj runtime.Object, kind, apiVersion string, info kindInfo) {
	if m, ok := obj.(metav1.Object); ok {
		m.SetManagedFields(nil)
	}
	if pdb, ok := obj.(*policyv1.PodDisruptionBudget); ok && apiVersion == "policy/v1beta1" {
		if s := pdb.Spec.Selector; s != nil && len(s.MatchLabels) == 0 && len(s.MatchExpressions) == 0 {
			pdb.Spec.Selector = &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
				{Key: v1beta1EmptySelectorKey, Operator: metav1.LabelSelectorOpExists},
			}}
		}
	}
	// The object now has the layout of info.version whatever it was written
	// as (extensions/v1beta1, policy/v1beta1, or nothing): say so.
	obj.GetObjectKind().SetGroupVersionKind(schema.FromAPIVersionAndKind(info.version, kind))
}

package checks

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// selects reports whether a label selector (matchLabels and matchExpressions)
// matches lbls. A nil selector matches nothing and an empty one everything,
// as for PodDisruptionBudgets, affinity terms and spread constraints. An
// invalid selector matches nothing: the API server would have rejected it.
func selects(sel *metav1.LabelSelector, lbls map[string]string) bool {
	if sel == nil {
		return false
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return false
	}
	return s.Matches(labels.Set(lbls))
}

// serviceSelects reports whether a Service's selector picks pods labelled
// lbls. A Service without a selector has hand-made endpoints: it selects no
// template.
func serviceSelects(svc *corev1.Service, lbls map[string]string) bool {
	if len(svc.Spec.Selector) == 0 {
		return false
	}
	return labels.SelectorFromSet(svc.Spec.Selector).Matches(labels.Set(lbls))
}

// namespaceLabels are the labels a namespace selector sees: the Namespace
// object's, plus kubernetes.io/metadata.name, which the API server always sets.
func namespaceLabels(name string, ns *corev1.Namespace) map[string]string {
	out := map[string]string{"kubernetes.io/metadata.name": name}
	if ns != nil {
		for k, v := range ns.Labels {
			out[k] = v
		}
	}
	return out
}

package testobj

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// Docs splits a multi-document YAML file into its non-empty documents.
func Docs(data []byte) ([][]byte, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var out [][]byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("split yaml: %w", err)
		}
		if len(bytes.TrimSpace(doc)) > 0 {
			out = append(out, doc)
		}
	}
}

// Kind returns the kind field of one YAML document.
func Kind(doc []byte) (string, error) {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return "", fmt.Errorf("decode kind: %w", err)
	}
	return tm.Kind, nil
}

// Object decodes one YAML document into the typed object of its kind, for
// the kinds a snapshot holds. Unknown fields are errors: a fixture with a
// typo must not silently test something else.
func Object(doc []byte) (any, error) {
	kind, err := Kind(doc)
	if err != nil {
		return nil, err
	}
	var obj any
	switch kind {
	case "Deployment":
		obj = &appsv1.Deployment{}
	case "StatefulSet":
		obj = &appsv1.StatefulSet{}
	case "DaemonSet":
		obj = &appsv1.DaemonSet{}
	case "ReplicaSet":
		obj = &appsv1.ReplicaSet{}
	case "Pod":
		obj = &corev1.Pod{}
	case "Service":
		obj = &corev1.Service{}
	case "Node":
		obj = &corev1.Node{}
	case "Namespace":
		obj = &corev1.Namespace{}
	case "PodDisruptionBudget":
		obj = &policyv1.PodDisruptionBudget{}
	case "Infrastructure":
		obj = &configv1.Infrastructure{}
	case "ClusterVersion":
		obj = &configv1.ClusterVersion{}
	default:
		return nil, fmt.Errorf("decode object: unsupported kind %q", kind)
	}
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		return nil, fmt.Errorf("decode %s: %w", kind, err)
	}
	return obj, nil
}

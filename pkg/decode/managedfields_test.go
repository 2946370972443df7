package decode

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

func TestStripManagedFields(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"a document without managedFields is returned as is", "a: 1\n", "a: 1\n"},
		{"a block at the same indentation as its dashes is cut",
			"metadata:\n  managedFields:\n  - manager: x\n    fieldsV1:\n      f:a: {}\n  name: n\n",
			"metadata:\n  name: n\n"},
		{"a block with indented dashes is cut",
			"metadata:\n  managedFields:\n    - manager: x\n  name: n\n",
			"metadata:\n  name: n\n"},
		{"a block at the end of the document is cut", "metadata:\n  name: n\n  managedFields:\n  - manager: x", "metadata:\n  name: n\n"},
		{"an inline empty list is left alone", "metadata:\n  managedFields: []\n  name: n\n", "metadata:\n  managedFields: []\n  name: n\n"},
		{"blocks of every List item are cut",
			"items:\n- metadata:\n    managedFields:\n    - manager: a\n    name: a\n- metadata:\n    managedFields:\n    - manager: b\n    name: b\n",
			"items:\n- metadata:\n    name: a\n- metadata:\n    name: b\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(stripManagedFields([]byte(tc.in))); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestStripMatchesFullDecode checks, on YAML written the way oc writes it,
// that cutting managedFields as text gives the same objects as decoding them
// and clearing them afterwards.
func TestStripMatchesFullDecode(t *testing.T) {
	var list corev1.PodList
	list.APIVersion, list.Kind = "v1", "PodList"
	for _, name := range []string{"a", "b"} {
		p := corev1.Pod{
			TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
			ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ns", Labels: map[string]string{"app": name},
				Annotations: map[string]string{"note": "managedFields:"},
				ManagedFields: []metav1.ManagedFieldsEntry{
					{Manager: "kubelet", Operation: "Update", APIVersion: "v1", FieldsType: "FieldsV1",
						FieldsV1: metav1.NewFieldsV1(`{"f:status":{"f:conditions":{}}}`)},
					{Manager: "kube-scheduler", Operation: "Update", APIVersion: "v1"},
				}},
			Spec: corev1.PodSpec{NodeName: "n", Containers: []corev1.Container{{Name: "c", Image: "i"}}},
		}
		list.Items = append(list.Items, p)
	}
	y, err := yaml.Marshal(&list)
	if err != nil {
		t.Fatal(err)
	}
	stripped := stripManagedFields(y)
	if len(stripped) >= len(y) {
		t.Fatalf("nothing was cut from\n%s", y)
	}
	res := YAML{}.Decode(y, "")
	if len(res.Errors) > 0 || len(res.Objects) != 2 {
		t.Fatalf("decode: %d objects, errors %v", len(res.Objects), res.Errors)
	}
	for i, o := range res.Objects {
		want := list.Items[i].DeepCopy()
		want.ManagedFields = nil
		if diff := cmp.Diff(want, o.(*corev1.Pod)); diff != "" {
			t.Errorf("pod %d (-want +got):\n%s", i, diff)
		}
	}
}

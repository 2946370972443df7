package decode

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// summary is what a test compares: "Kind ns/name" per object, the error
// texts, the skipped kinds.
type summary struct {
	Objects []string
	Errors  []string
	Skipped []string
	Empty   bool
}

func summarise(r Result) summary {
	var s summary
	for _, o := range r.Objects {
		m := o.(metav1.Object)
		gvk := o.(runtime.Object).GetObjectKind().GroupVersionKind()
		s.Objects = append(s.Objects, fmt.Sprintf("%s %s %s/%s", gvk.GroupVersion(), gvk.Kind, m.GetNamespace(), m.GetName()))
	}
	for _, e := range r.Errors {
		s.Errors = append(s.Errors, e.Error())
	}
	s.Skipped = r.Skipped
	s.Empty = r.Empty
	return s
}

const podA = `apiVersion: v1
kind: Pod
metadata:
  name: a
  namespace: ns
spec:
  containers:
  - name: c
    image: x
`

const podList = `---
apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: a
    namespace: ns
- apiVersion: v1
  kind: Pod
  metadata:
    name: b
    namespace: ns
kind: PodList
metadata:
  resourceVersion: "1"
`

const mixedList = `{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[
 {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns"}},
 {"apiVersion":"config.openshift.io/v1","kind":"Infrastructure","metadata":{"name":"cluster"},"status":{"controlPlaneTopology":"HighlyAvailable"}},
 {"apiVersion":"operator.openshift.io/v1","kind":"Infrastructure","metadata":{"name":"other"}},
 {"apiVersion":"config.openshift.io/v1","kind":"ClusterVersion","metadata":{"name":"version"}}
]}`

const brokenItem = `apiVersion: apps/v1
kind: DeploymentList
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: good, namespace: ns}
  spec: {replicas: 2}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: bad, namespace: ns}
  spec: {replicas: "two"}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: also-good, namespace: ns}
`

const managed = `apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    managedFields:
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:spec:
          f:ports: {}
      manager: kube-controller-manager
    - apiVersion: v1
      manager: other
    name: s
    namespace: ns
  spec:
    ports:
    - port: 443
kind: ServiceList
`

// decodeCases are shared by the table test and the fuzz seed corpus.
var decodeCases = []struct {
	name string
	in   string
	hint snapshot.Kind
	want summary
}{
	{"a single object without a leading separator loads", podA, "", summary{Objects: []string{"v1 Pod ns/a"}}},
	{"a single object after a leading separator loads", "---\n" + podA, "", summary{Objects: []string{"v1 Pod ns/a"}}},
	{"a typed List is flattened", podList, "", summary{Objects: []string{"v1 Pod ns/a", "v1 Pod ns/b"}}},
	{"an empty List is no objects and no error", "---\napiVersion: v1\nitems: []\nkind: PodList\n", "", summary{}},
	{"a 0-byte file is no objects and no error, and empty", "", "", summary{Empty: true}},
	{"a file with only a separator is no objects, and empty", "---\n", "", summary{Empty: true}},
	{"a file of comments and null documents is empty", "# oc get timed out\n---\nnull\n---\n~\n", "", summary{Empty: true}},
	{"a JSON null is empty", " null\n", "", summary{Empty: true}},
	{"an empty JSON array is not empty: it says there are no objects", "[]", "", summary{}},
	{"a negative replica count is refused, never judged", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: ns}\nspec: {replicas: -3}\n", "", summary{
		Errors: []string{"Deployment ns/d: field spec.replicas: -3 is negative"},
	}},
	{"a List cut between two items (no kind after them) is an error, and its items load", "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a, namespace: ns}\n", "", summary{
		Objects: []string{"v1 Pod ns/a"},
		Errors:  []string{"a List without kind: the file was cut short (kind comes after items)"},
	}},
	{"a List whose items is not a list says so without Go type names", `{"apiVersion":"v1","kind":"PodList","items":3}`, "", summary{
		Errors: []string{"field items: want a list, found a number"},
	}},
	{"an item that is not an object says so without Go type names", "apiVersion: v1\nkind: List\nitems:\n- 3\n- kind: [1]\n", "", summary{
		Errors: []string{"item 1: not a Kubernetes object: found a number", "item 2: field kind: want a string, found a list"},
	}},
	{"a metadata that is not an object says so without Go type names", "apiVersion: v1\nkind: PodList\nmetadata: 3\nitems: []\n", "", summary{
		Errors: []string{"field metadata: want an object, found a number"},
	}},
	{"a mixed kind List keeps only the kept kinds of the right group", mixedList, "", summary{
		Objects: []string{"config.openshift.io/v1 Infrastructure /cluster", "config.openshift.io/v1 ClusterVersion /version"},
		Skipped: []string{"ConfigMap", "Infrastructure"},
	}},
	{"a broken item is one error and the other items still load", brokenItem, "", summary{
		Objects: []string{"apps/v1 Deployment ns/good", "apps/v1 Deployment ns/also-good"},
		Errors:  []string{`item 2: decode Deployment ns/bad: field spec.replicas: want an integer, found a string`},
	}},
	{"a text file is reported as not an object", "this is a log line\nand another\n", "", summary{
		Errors: []string{"not a Kubernetes object: found text"},
	}},
	{"unparsable YAML is reported", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n", "", summary{
		Errors: []string{"parse YAML: yaml: line 3: did not find expected ',' or ']'"},
	}},
	{"truncated JSON is reported as truncated", `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"`, "", summary{
		Errors: []string{"parse JSON: truncated: unexpected EOF"},
	}},
	{"a policy/v1beta1 budget becomes policy/v1", "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p, namespace: ns}\nspec: {minAvailable: 1, selector: {matchLabels: {app: a}}}\n", "",
		summary{Objects: []string{"policy/v1 PodDisruptionBudget ns/p"}}},
	{"an Insights object without apiVersion or kind takes the kind from the path", `{"metadata":{"name":"p","namespace":"ns"},"spec":{"containers":[]}}`, snapshot.Pod,
		summary{Objects: []string{"v1 Pod ns/p"}}},
	{"an object without kind and without hint is an error", `{"metadata":{"name":"p","namespace":"ns"}}`, "", summary{
		Errors: []string{"object ns/p has no kind"},
	}},
	{"a log line that parses as a mapping is not an object", "E0501 12:00:00.000000  1 reflector.go:138] failed to list *v1.Pod: timeout\n", "", summary{
		Errors: []string{"not a Kubernetes object: no kind and no name"},
	}},
	{"a kind hint does not turn text into a nameless object", "E0501 reflector.go:138] failed to list *v1.Pod: timeout\n", snapshot.Pod, summary{
		Errors: []string{"Pod without metadata.name"},
	}},
	{"several YAML documents all load", podA + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n" + strings.Replace(podA, "name: a", "name: b", 1), "",
		summary{Objects: []string{"v1 Pod ns/a", "v1 Pod ns/b"}, Skipped: []string{"ConfigMap"}}},
	{"a JSON stream of two objects loads both", `{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}{"apiVersion":"v1","kind":"Node","metadata":{"name":"n2"}}`, "",
		summary{Objects: []string{"v1 Node /n1", "v1 Node /n2"}}},
	{"a JSON array of objects loads", `[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ns"}}]`, "",
		summary{Objects: []string{"v1 Namespace /ns"}}},
	{"YAML flow style that looks like JSON still loads", `{apiVersion: v1, kind: Namespace, metadata: {name: ns}}`, "",
		summary{Objects: []string{"v1 Namespace /ns"}}},
	{"an extensions/v1beta1 DaemonSet decodes as apps/v1", "apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: d, namespace: ns}\n", "",
		summary{Objects: []string{"apps/v1 DaemonSet ns/d"}}},
	{"a List of kinds not kept is skipped without parsing", "apiVersion: v1\nkind: EventList\nitems: [unparsable\n", "",
		summary{Skipped: []string{"EventList"}}},
	{"managedFields are dropped", managed, "", summary{Objects: []string{"v1 Service ns/s"}}},
	{"a YAML stream with one broken document keeps the others", podA + "---\nkind: [\n", "", summary{
		Objects: []string{"v1 Pod ns/a"},
		Errors:  []string{"document 2: parse YAML: yaml: line 1: did not find expected node content"},
	}},
}

func TestYAMLDecode(t *testing.T) {
	for _, tc := range decodeCases {
		t.Run(tc.name, func(t *testing.T) {
			got := summarise(YAML{}.Decode([]byte(tc.in), tc.hint))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("decode (-want +got):\n%s", diff)
			}
		})
	}
}

func TestManagedFieldsAreCleared(t *testing.T) {
	res := YAML{}.Decode([]byte(managed), "")
	if len(res.Objects) != 1 {
		t.Fatalf("got %d objects, want 1 (errors %v)", len(res.Objects), res.Errors)
	}
	if mf := res.Objects[0].(metav1.Object).GetManagedFields(); mf != nil {
		t.Errorf("managedFields kept: %v", mf)
	}
}

func TestV1beta1Selectors(t *testing.T) {
	cases := []struct {
		name     string
		version  string
		selector string
		want     *metav1.LabelSelector
	}{
		{"a v1beta1 empty selector matches nothing", "policy/v1beta1", "selector: {}", &metav1.LabelSelector{
			MatchExpressions: []metav1.LabelSelectorRequirement{{Key: v1beta1EmptySelectorKey, Operator: metav1.LabelSelectorOpExists}}}},
		{"a v1beta1 selector with labels is kept", "policy/v1beta1", "selector: {matchLabels: {app: a}}", &metav1.LabelSelector{MatchLabels: map[string]string{"app": "a"}}},
		{"a v1beta1 budget without selector keeps none", "policy/v1beta1", "minAvailable: 1", nil},
		{"a v1 empty selector matches everything and is kept", "policy/v1", "selector: {}", &metav1.LabelSelector{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := "apiVersion: " + tc.version + "\nkind: PodDisruptionBudget\nmetadata: {name: p, namespace: ns}\nspec:\n  " + tc.selector + "\n"
			res := YAML{}.Decode([]byte(in), "")
			if len(res.Objects) != 1 {
				t.Fatalf("got %d objects, errors %v", len(res.Objects), res.Errors)
			}
			pdb := res.Objects[0].(*policyv1.PodDisruptionBudget)
			if diff := cmp.Diff(tc.want, pdb.Spec.Selector); diff != "" {
				t.Errorf("selector (-want +got):\n%s", diff)
			}
			if pdb.APIVersion != "policy/v1" {
				t.Errorf("apiVersion %q, want policy/v1", pdb.APIVersion)
			}
		})
	}
}

// TestStagedStepsAreUsed: a Staged decoder with its own steps gives what the
// reference gives, and really calls the steps it was given.
func TestStagedStepsAreUsed(t *testing.T) {
	var toJSON, unmarshal int
	s := Staged{
		ToJSON:    func(doc []byte) ([]byte, error) { toJSON++; return yaml.YAMLToJSON(doc) },
		Unmarshal: func(data []byte, v any) error { unmarshal++; return json.Unmarshal(data, v) },
	}
	for _, tc := range decodeCases {
		want := summarise(YAML{}.Decode([]byte(tc.in), tc.hint))
		if diff := cmp.Diff(want, summarise(s.Decode([]byte(tc.in), tc.hint))); diff != "" {
			t.Errorf("%s (-reference +staged):\n%s", tc.name, diff)
		}
	}
	if toJSON == 0 || unmarshal == 0 {
		t.Errorf("steps called %d and %d times", toJSON, unmarshal)
	}
}

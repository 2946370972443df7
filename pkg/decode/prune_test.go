package decode

import (
	"reflect"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// pruneCase is decoded by the reference and the fast decoder, which must
// agree, and then checked for what was pruned and what was kept.
type pruneCase struct {
	name  string
	in    string
	hint  snapshot.Kind
	check func(t *testing.T, res Result)
}

// pruneCases cover the paths of whole fields.
var pruneCases = []pruneCase{
	{"a ReplicaSet keeps what ownership reads and loses its template", rsWithTemplate, "", func(t *testing.T, res Result) {
		rs := only[*appsv1.ReplicaSet](t, res)
		if rs.Spec.Template.Spec.Containers != nil || rs.Spec.Template.Labels != nil {
			t.Errorf("template kept: %+v", rs.Spec.Template)
		}
		if len(rs.OwnerReferences) != 1 || rs.Spec.Selector == nil || rs.Spec.Replicas == nil || *rs.Spec.Replicas != 2 {
			t.Errorf("ownerReferences, selector or replicas lost: %+v", rs)
		}
	}},
	{"a pruned subtree of a wrong type is ignored", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: r\n  namespace: ns\nspec:\n  replicas: 1\n  template: 5\n", "", func(t *testing.T, res Result) {
		only[*appsv1.ReplicaSet](t, res)
	}},
	{"a pruned block of a wrong type is passed over", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nstatus:\n  containerStatuses:\n    not: a list\n  phase: Running\n", "", func(t *testing.T, res Result) {
		if p := only[*corev1.Pod](t, res); p.Status.Phase != corev1.PodRunning {
			t.Errorf("phase lost: %+v", p.Status)
		}
	}},
	{"a pod keeps its phase and addresses and loses per-container status", podWithStatus, "", func(t *testing.T, res Result) {
		p := only[*corev1.Pod](t, res)
		s := p.Status
		if s.Phase != corev1.PodRunning || s.PodIP != "10.0.0.1" || s.HostIP != "10.0.1.1" || s.QOSClass != corev1.PodQOSBurstable {
			t.Errorf("status fields lost: %+v", s)
		}
		if s.Conditions != nil || s.ContainerStatuses != nil || s.InitContainerStatuses != nil || s.PodIPs != nil || s.HostIPs != nil {
			t.Errorf("pruned status kept: %+v", s)
		}
		if len(p.Spec.Containers) != 1 || p.Spec.Containers[0].Name != "status" || p.Annotations["conditions"] != "x" {
			t.Errorf("keys named like pruned ones at other depths lost: %+v", p)
		}
	}},
	{"a node loses its image list and keeps its labels and conditions", "apiVersion: v1\nkind: Node\nmetadata:\n  annotations:\n    images: keep\n  labels:\n    images: keep\n  name: node1\nstatus:\n  conditions:\n  - type: Ready\n    status: \"True\"\n  images:\n  - names:\n    - quay.io/x@sha256:1\n    sizeBytes: 5\n", "", func(t *testing.T, res Result) {
		n := only[*corev1.Node](t, res)
		if n.Status.Images != nil {
			t.Errorf("images kept: %v", n.Status.Images)
		}
		if n.Annotations["images"] != "keep" || n.Labels["images"] != "keep" || len(n.Status.Conditions) != 1 {
			t.Errorf("other fields lost: %+v", n)
		}
	}},
	{"a mixed List prunes each item by its own kind", "apiVersion: v1\nitems:\n" + indent(rsWithTemplate) + indent(podWithStatus) + "- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n    namespace: ns\n  status:\n    conditions:\n    - type: x\n      status: \"True\"\n      reason: R\n      message: m\n      lastTransitionTime: \"2024-01-01T00:00:00Z\"\nkind: List\n", "", func(t *testing.T, res Result) {
		if len(res.Objects) != 3 {
			t.Fatalf("%d objects, errors %v", len(res.Objects), res.Errors)
		}
		if rs := res.Objects[0].(*appsv1.ReplicaSet); rs.Spec.Template.Spec.Containers != nil {
			t.Errorf("ReplicaSet template kept")
		}
		if p := res.Objects[1].(*corev1.Pod); p.Status.Conditions != nil || p.Status.Phase == "" {
			t.Errorf("pod status pruned wrongly: %+v", p.Status)
		}
		if s := res.Objects[2].(*corev1.Service); len(s.Status.Conditions) != 1 {
			t.Errorf("a Service's status.conditions are not pruned: %+v", s.Status)
		}
	}},
	{"an object whose kind comes after spec is pruned all the same", "apiVersion: apps/v1\nmetadata:\n  name: r\n  namespace: ns\nspec:\n  template:\n    spec:\n      containers: wrong\nkind: ReplicaSet\n", "", func(t *testing.T, res Result) {
		only[*appsv1.ReplicaSet](t, res)
	}},
	{"items without a kind are pruned by the List's kind", "apiVersion: apps/v1\nitems:\n- metadata:\n    name: r\n    namespace: ns\n  spec:\n    template: wrong\nkind: ReplicaSetList\n", "", func(t *testing.T, res Result) {
		only[*appsv1.ReplicaSet](t, res)
	}},
	{"items without a kind are pruned by the path's kind", `{"items":[{"metadata":{"name":"p","namespace":"ns"},"status":{"phase":"Running","conditions":"wrong"}}]}`, snapshot.Pod, func(t *testing.T, res Result) {
		if p := only[*corev1.Pod](t, res); p.Status.Phase != corev1.PodRunning {
			t.Errorf("phase lost: %+v", p.Status)
		}
	}},
	{"a JSON object is pruned like a YAML one", `{"apiVersion":"v1","kind":"Node","metadata":{"name":"n"},"status":{"images":{"not":"a list"}}}`, "", func(t *testing.T, res Result) {
		only[*corev1.Node](t, res)
	}},
	{"a key spelt in another case is not pruned, and decodes as encoding/json says", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nStatus:\n  conditions:\n  - type: Ready\n    status: \"True\"\n", "", func(t *testing.T, res Result) {
		if p := only[*corev1.Pod](t, res); len(p.Status.Conditions) != 1 {
			t.Errorf("conditions: %+v", p.Status)
		}
	}},
	{"a pruned value written inline is parsed, so its errors show", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nstatus:\n  conditions: [unclosed\n", "", func(t *testing.T, res Result) {
		if len(res.Objects) != 0 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "parse YAML") {
			t.Errorf("got %d objects, errors %v", len(res.Objects), res.Errors)
		}
	}},
}

func TestPruning(t *testing.T) {
	for _, tc := range append(pruneCases, pruneListCases...) {
		t.Run(tc.name, func(t *testing.T) {
			want := YAML{}.Decode([]byte(tc.in), tc.hint)
			got := Fast().Decode([]byte(tc.in), tc.hint)
			equalResults(t, "fast", want, got)
			tc.check(t, want)
			if !looksLikeJSON([]byte(tc.in)) && !strings.Contains(tc.name, "inline") {
				if _, err := fastyaml.AppendJSON(nil, []byte(tc.in), fastOptions); err != nil {
					t.Errorf("the case misses the fast path: %v", err)
				}
			}
		})
	}
}

// TestPrunedBlocksAreNotValidated states the price of pruning: a block
// under a pruned key that go-yaml refuses fails the document for the
// reference, which parses everything, and passes unread on the fast path.
func TestPrunedBlocksAreNotValidated(t *testing.T) {
	in := []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nstatus:\n  conditions:\n      - a\n    - b\n  phase: Running\n")
	if res := (YAML{}).Decode(in, ""); len(res.Objects) != 0 || len(res.Errors) != 1 {
		t.Errorf("reference: %d objects, errors %v; want a parse error", len(res.Objects), res.Errors)
	}
	if p := only[*corev1.Pod](t, Fast().Decode(in, "")); p.Status.Phase != corev1.PodRunning {
		t.Errorf("fast: phase %q", p.Status.Phase)
	}
}

// TestPrunedPathsNameRealFields catches a misspelt path, which would
// silently prune nothing: each key must name a field of its kind's type,
// each "[]" a list, and the path must end with a key.
func TestPrunedPathsNameRealFields(t *testing.T) {
	for _, p := range prunes {
		typ := reflect.TypeOf(kept[string(p.kind)].new()).Elem()
		elems := splitPath(p.path)
		if elems[len(elems)-1] == fastyaml.AnyEntry {
			t.Errorf("%s %s: ends with a list's entries, not a key", p.kind, p.path)
		}
		if elems[0] == "items" {
			// The fast decoder takes a root's items for a List's objects.
			t.Errorf("%s %s: goes through items", p.kind, p.path)
		}
		for _, key := range elems {
			if key == fastyaml.AnyEntry {
				if typ.Kind() != reflect.Slice {
					t.Errorf("%s %s: %s is not a list", p.kind, p.path, typ)
					break
				}
				typ = typ.Elem()
				continue
			}
			f, ok := jsonField(typ, key)
			if !ok {
				t.Errorf("%s %s: no field %q in %s", p.kind, p.path, key, typ)
				break
			}
			typ = f
		}
	}
}

// jsonField returns the type of the field of struct t that encoding/json
// fills from key, looking into inlined structs.
func jsonField(t reflect.Type, key string) (reflect.Type, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == key {
			return f.Type, true
		}
		if f.Anonymous && name == "" {
			if ft, ok := jsonField(f.Type, key); ok {
				return ft, true
			}
		}
	}
	return nil, false
}

const rsWithTemplate = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f
  namespace: ns
  ownerReferences:
  - apiVersion: apps/v1
    controller: true
    kind: Deployment
    name: web
    uid: u1
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - args:
        - "a long argument that
          goes on"
        image: x
        name: web
`

const podWithStatus = `apiVersion: v1
kind: Pod
metadata:
  annotations:
    conditions: x
  name: p
  namespace: ns
spec:
  containers:
  - image: x
    name: status
status:
  conditions:
  - status: "True"
    type: Ready
  containerStatuses:
  - image: x
    name: status
    ready: true
    restartCount: 0
    state:
      running:
        startedAt: "2024-01-01T00:00:00Z"
  hostIP: 10.0.1.1
  hostIPs:
  - ip: 10.0.1.1
  initContainerStatuses: []
  phase: Running
  podIP: 10.0.0.1
  podIPs:
  - ip: 10.0.0.1
  qosClass: Burstable
`

// indent makes a List item of a YAML object, as oc writes it.
func indent(obj string) string {
	lines := strings.Split(strings.TrimSuffix(obj, "\n"), "\n")
	for i, l := range lines {
		if i == 0 {
			lines[i] = "- " + l
		} else {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// only returns the one object of res, of type T.
func only[T any](t *testing.T, res Result) T {
	t.Helper()
	var zero T
	if len(res.Objects) != 1 || len(res.Errors) != 0 {
		t.Fatalf("got %d objects, errors %v", len(res.Objects), res.Errors)
	}
	o, ok := res.Objects[0].(T)
	if !ok {
		t.Fatalf("got %T, want %T", res.Objects[0], zero)
	}
	return o
}

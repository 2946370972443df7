package fastyaml

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	sigsyaml "sigs.k8s.io/yaml"
)

// FuzzDifferential checks the package's contract on any input: the fast
// path either declines (ErrUnsupported) or yields the values
// sigs.k8s.io/yaml yields, minus the skipped paths when skipping.
func FuzzDifferential(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if len(src) <= 16<<10 {
			f.Add(src, true)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, skip bool) {
		if len(src) > 64<<10 {
			return // keeps each input fast; size adds no new paths
		}
		var opts *Options
		if skip {
			opts = &Options{Skip: [][]string{ManagedFields, {"status"}}, Prune: testPrune}
		}
		if err := differ(src, opts); err != nil && !errors.Is(err, errDeclined) {
			t.Fatalf("input %q: %v", src, err)
		}
	})
}

// testPrune is a pruning table for the tests: paths of one, two and three
// keys, through one or two sequences, kinds the fuzzer can reach from the
// seeds below.
var testPrune = map[string][][]string{
	"Pod":        {{"spec", "containers"}, {"metadata", "labels"}},
	"ReplicaSet": {{"spec", "template"}},
	"Deployment": {{"spec", "template", "spec", "containers", AnyEntry, "env"}, {"spec", "volumes"}},
	"A":          {{"a"}, {"b", "c", "d"}, {"l", AnyEntry, "e"}, {"w", AnyEntry, AnyEntry, "f"}, {"m", "k", AnyEntry, "e"}},
}

// fuzzSeeds are small documents in the shapes oc and kubectl write, plus
// the corner cases each rule of the subset is about.
var fuzzSeeds = []string{
	"",
	"---\n",
	"---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: x\n",
	"apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - name: c\n      ports:\n      - containerPort: 8080\n        protocol: TCP\nkind: List\nmetadata:\n  resourceVersion: \"\"\n",
	"metadata:\n  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n    fieldsV1:\n      f:metadata:\n        f:labels:\n          .: {}\n          f:app: {}\n      f:status:\n        f:conditions:\n          k:{\"type\":\"Ready\"}:\n            .: {}\n    manager: kubelet\n    operation: Update\n    time: \"2021-08-03T09:27:34Z\"\n  name: x\n",
	"a: |\n  line one\n  line two\nb: |-\n  x\n\n  y\nc: |+\n  keep\n\nd: |2-\n    indented\n",
	"a: \"long string that was folded\n  onto a second line\"\nb: 'single ''quoted''\n\n  with an empty line'\n",
	"a: \"escapes \\t \\n \\\" \\\\ \\x41 \\u00e9 \\U0001F600 \\N \\_ \\L \\P\\\n  joined\"\n",
	"a: plain text that\n  goes on\n\n  and on\nb: c\n",
	"e: [] \nm: {}\ns: ~\nt: null\nu: Null\nv:\n",
	"i: 1\nj: -0\nk: +12\nl: 0755\nm: 0x1F\nnn: 0o17\no: 0b101\no2: 0b+00\no3: 0b-101\no4: -0b+1\no5: 0b_+1_1\np: 1_000\nq: 9223372036854775808\nr: 18446744073709551616\n",
	"f: 1.5\ng: .5\nh: 1e3\ni: -1.0e-7\nj: 1e21\nk: 08\nl: 1.\nm: 3e\n",
	"b:\n- yes\n- no\nc: yes\nd: No\ne: on\nf: OFF\ng: y\nh: N\ni: true\nj: False\n",
	"t: 2021-08-03T09:27:34Z\nu: 2021-08-03\nv: \"0755\"\nw: '1.0'\n",
	"- a\n- - b\n  - c\n-\n  d: e\n- \n- f: g\n  h: i\n",
	"a:\n- b\n- c\nd:\n  - e\n",
	"a: x # comment\n# full line\nb: 'y' # another\n",
	"&anchor a: 1\n",
	"a: *alias\n",
	"a: !tag x\n",
	"? complex\n: value\n",
	"a: {b: c}\n",
	"a: >\n  folded\n",
	"a: 1\na: 2\n",
	"A: 1\na: 2\n",
	"a:\tb\n",
	"a: b\r\n",
	"a: b: c\n",
	"'quoted key': 1\n\"dq key\": 2\n",
	"k:{\"type\":\"Ready\"}: {}\nf:metadata: {}\n",
	"a: \"unterminated\n",
	"a: |\n\n   \n  x\n",
	"key:\n  - a\n  -  b\n  -   - c\n",
	"a:\n  b:\n    c: d\n  e: f\ng: h\n",
	"list:\n- name: x\n  value: \"1\"\n- name: y\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.name\n",
	"a: 'x'\n...\n",
	"a: 1\n---\nb: 2\n",
	"true: 1\n",
	"1: a\n",
	"<<: {}\n",
	"a: <<\n",
	"a: -\n",
	"a: ?x\nb: :y\nc: -z\n",
	"a: .inf\nb: .nan\n",
	"kind: A\na: {}\nb:\n  c:\n    d:\n    - 1\n    - 2\n    e: x\n  d: keep\n",
	"a: early\nkind: A\nb:\n  c:\n    d: 1\n",
	"apiVersion: v1\nitems:\n- kind: A\n  a:\n    x: 1\n  b:\n  - c:\n      d: kept, a sequence is in between\n- kind: Pod\n  metadata:\n    labels:\n      a: b\n    name: p\n  spec:\n    containers:\n    - name: status\n- b:\n    c:\n      d: late\n  kind: A\n- just a string\n- - nested\nkind: List\n",
	"Items:\n- kind: A\n  a: 1\nkind: AList\n",
	"items: []\nkind: \"A\"\napiVersion: \"x\\ty\"\n",
	"kind: ReplicaSet\nspec:\n  template:\n    spec:\n      containers: this is not a list\n  replicas: 2\n",
	"kind: A\nl:\n- e: 1\n  x: 2\n-\n- e\n- - e: 3\n- e:\n  - \"q\n    r\"\n  x: y\nm:\n  k:\n    - e: |\n        t\n      z: 1\nw:\n- - f: 1\n    g: 2\n- f: 3\n",
	"kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - env:\n        - name: A\n          valueFrom:\n            fieldRef:\n              fieldPath: x\n        name: c\n        livenessProbe:\n          exec:\n            command:\n            - env\n      volumes: []\n",
	"metadata:\n  managedFields:\n  - fieldsV1:\n      f:status:\n        ? k:{\"names\":[\"a-very-long-image-name\"]}\n        : .: {}\n          f:names: {}\n    manager: kubelet\n  name: x\n",
}

// FuzzTypedDifferential checks testDecoder.Unmarshal against
// sigs.k8s.io/yaml.Unmarshal into a Pod: same error or no error, and equal
// objects once managedFields and the pruned fields are cleared on both sides (the fallback keeps
// them, and so does the fast path for a key spelt in another case, which
// the skip path does not match but encoding/json does). It covers what the generic
// comparison cannot: matching keys to fields, and sigs.k8s.io/yaml turning
// numbers and bools into strings for string fields (the fast path must
// fall back there).
func FuzzTypedDifferential(f *testing.F) {
	for _, s := range typedSeeds {
		f.Add([]byte(s))
	}
	pod, err := os.ReadFile(filepath.Join("testdata", "managedfields-pod.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(pod)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		var want, got corev1.Pod
		sigsErr := sigsyaml.Unmarshal(src, &want)
		fastErr := newTestDecoder(typedOptions).Unmarshal(src, &got)
		if sigsErr != nil && fastErr == nil {
			// Skipped subtrees are not checked: that leniency is allowed,
			// none other. Without skipping the error must come back.
			var full corev1.Pod
			if err := newTestDecoder(Options{}).Unmarshal(src, &full); err == nil {
				t.Fatalf("input %q: sigs.k8s.io/yaml error %v, fast path none even without skipping", src, sigsErr)
			}
			return
		}
		if (sigsErr == nil) != (fastErr == nil) {
			t.Fatalf("input %q: sigs.k8s.io/yaml error %v, fast error %v", src, sigsErr, fastErr)
		}
		if sigsErr != nil {
			return
		}
		for _, p := range []*corev1.Pod{&want, &got} {
			p.ManagedFields, p.Status.Conditions, p.Status.ContainerStatuses = nil, nil, nil
			for i := range p.Spec.Containers {
				p.Spec.Containers[i].Env = nil
			}
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("input %q: objects differ (-sigs.k8s.io/yaml +fast):\n%s", src, cmp.Diff(want, got, cmp.Exporter(func(reflect.Type) bool { return true })))
		}
	})
}

// typedOptions skip and prune as pkg/decode does for a Pod.
var typedOptions = Options{Skip: [][]string{ManagedFields}, Prune: map[string][][]string{
	"Pod": {{"status", "conditions"}, {"status", "containerStatuses"}, {"spec", "containers", AnyEntry, "env"}},
}}

var typedSeeds = []string{
	"kind: Pod\nstatus:\n  phase: Running\n  conditions:\n  - type: Ready\n    status: \"True\"\n  containerStatuses: 5\n",
	"metadata:\n  name: 123\n  labels:\n    a: true\n    b: 1.5\n",
	"Metadata:\n  Name: x\nSPEC:\n  nodeName: n\n",
	"spec:\n  priority: 1.0\n  containers:\n  - name: c\n    ports:\n    - containerPort: 0x1F90\n",
	"spec:\n  containers:\n  - resources:\n      requests:\n        cpu: 1e3\n        memory: 0.5\n    livenessProbe:\n      httpGet:\n        port: \"8080\"\n",
	"metadata:\n  creationTimestamp: 2021-08-03T09:27:34Z\n  annotations:\n    a: yes\n",
	"status:\n  phase: Running\n  conditions:\n  - type: Ready\n    status: \"True\"\n    lastProbeTime: null\n",
	"spec:\n  volumes:\n  - name: a\n    emptyDir: {}\n  - name: b\n    configMap:\n      defaultMode: 0644\n",
	"kind: Pod\nspec:\n  containers:\n  - env:\n    - name: A\n      value: \"1\"\n    name: c\n  - name: d\n    env: 5\n  initContainers:\n  - env:\n    - name: B\n",
}

package decode

import (
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// pruneListCases are pruneCases for the paths that go through lists: the
// fields of pod specs' containers.
var pruneListCases = []pruneCase{
	{"a pod keeps what the checks read of its containers and loses what they run", podWithContainers, "", func(t *testing.T, res Result) {
		p := only[*corev1.Pod](t, res)
		if p.Spec.Volumes != nil {
			t.Errorf("volumes kept: %+v", p.Spec.Volumes)
		}
		for _, c := range append(p.Spec.InitContainers, p.Spec.Containers...) {
			if c.Env != nil || c.EnvFrom != nil || c.Args != nil || c.Command != nil || c.VolumeMounts != nil {
				t.Errorf("container %s: pruned fields kept: %+v", c.Name, c)
			}
		}
		if len(p.Spec.InitContainers) != 1 || len(p.Spec.Containers) != 2 {
			t.Fatalf("containers lost: %+v", p.Spec)
		}
		init, c := p.Spec.InitContainers[0], p.Spec.Containers[0]
		if init.RestartPolicy == nil || init.Name != "sidecar" || init.Image != "quay.io/x" {
			t.Errorf("init container's kept fields lost: %+v", init)
		}
		if c.Name != "web" || len(c.Ports) != 1 || c.Resources.Requests.Cpu().IsZero() || c.ReadinessProbe == nil ||
			c.LivenessProbe == nil || len(c.LivenessProbe.Exec.Command) != 2 || c.StartupProbe == nil {
			t.Errorf("container's kept fields lost: %+v", c)
		}
		if p.Annotations["env"] != "keep" || len(p.Spec.EphemeralContainers) != 1 || len(p.Spec.EphemeralContainers[0].Env) != 1 {
			t.Errorf("env outside containers and init containers lost: %+v", p)
		}
		if p.Spec.NodeName != "n1" || p.Spec.RestartPolicy != corev1.RestartPolicyAlways || p.Spec.PriorityClassName != "high" || len(p.Spec.Tolerations) != 1 {
			t.Errorf("pod spec fields lost: %+v", p.Spec)
		}
	}},
	{"a Deployment's template loses what its containers run", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: ns\nspec:\n  replicas: 3\n  template:\n" + indentBy("    ", podSpecOnly) + "  volumes:\n  - name: top\n", "", func(t *testing.T, res Result) {
		d := only[*appsv1.Deployment](t, res)
		s := d.Spec.Template.Spec
		if s.Volumes != nil || len(s.Containers) != 2 || s.Containers[0].Env != nil || s.Containers[0].Args != nil || s.InitContainers[0].Command != nil {
			t.Errorf("pruned fields kept: %+v", s)
		}
		if s.Containers[0].Name != "web" || s.Containers[0].LivenessProbe == nil || d.Spec.Replicas == nil || *d.Spec.Replicas != 3 {
			t.Errorf("kept fields lost: %+v", d.Spec)
		}
	}},
	{"StatefulSets and DaemonSets in a List lose the same fields", "apiVersion: v1\nitems:\n" + indent("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n  namespace: ns\nspec:\n  template:\n"+indentBy("    ", podSpecOnly)) + indent("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\n  namespace: ns\nspec:\n  template:\n"+indentBy("    ", podSpecOnly)) + "kind: List\n", "", func(t *testing.T, res Result) {
		if len(res.Objects) != 2 {
			t.Fatalf("%d objects, errors %v", len(res.Objects), res.Errors)
		}
		ss, ds := res.Objects[0].(*appsv1.StatefulSet).Spec.Template.Spec, res.Objects[1].(*appsv1.DaemonSet).Spec.Template.Spec
		for _, s := range []corev1.PodSpec{ss, ds} {
			if s.Volumes != nil || s.Containers[0].Env != nil || s.Containers[1].VolumeMounts != nil || s.Containers[0].Name != "web" {
				t.Errorf("pruned wrongly: %+v", s)
			}
		}
	}},
	{"containers that are not a list fail the same way", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nspec:\n  containers:\n    env: x\n    name: c\n", "", func(t *testing.T, res Result) {
		if len(res.Objects) != 0 || len(res.Errors) != 1 {
			t.Errorf("got %d objects, errors %v", len(res.Objects), res.Errors)
		}
	}},
	{"container entries that are not mappings fail the same way", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nspec:\n  containers:\n  - env\n  - - env: x\n", "", func(t *testing.T, res Result) {
		if len(res.Objects) != 0 || len(res.Errors) != 1 {
			t.Errorf("got %d objects, errors %v", len(res.Objects), res.Errors)
		}
	}},
	{"a pruned field of a wrong type in a container is ignored", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nspec:\n  containers:\n  - env: not a list\n    args:\n      not: a list\n    name: c\n  -\n  initContainers: []\n  volumes: 5\n", "", func(t *testing.T, res Result) {
		if p := only[*corev1.Pod](t, res); len(p.Spec.Containers) != 2 || p.Spec.Containers[0].Name != "c" || p.Spec.InitContainers == nil {
			t.Errorf("containers: %+v", p.Spec)
		}
	}},
	{"empty and flow lists of containers are kept", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nspec:\n  containers: []\n  initContainers:\n  - env: []\n    name: i\n", "", func(t *testing.T, res Result) {
		p := only[*corev1.Pod](t, res)
		if p.Spec.Containers == nil || len(p.Spec.InitContainers) != 1 || p.Spec.InitContainers[0].Env != nil {
			t.Errorf("spec: %+v", p.Spec)
		}
	}},
	{"a JSON pod is pruned through its lists like a YAML one", `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","annotations":{"env":"keep"}},"spec":{"containers":[{"name":"a","env":"wrong","args":[1]},"x",[{"env":1}]],"volumes":{"a":1}}}`, "", func(t *testing.T, res Result) {
		if len(res.Objects) != 0 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "spec.containers: want an object, found a string") {
			t.Errorf("got %d objects, errors %v; want the wrong entries' error", len(res.Objects), res.Errors)
		}
	}},
	{"a JSON pod with right entries loses their pruned fields", `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","annotations":{"env":"keep"}},"spec":{"containers":[{"name":"a","env":"wrong","args":[1]},{"name":"b","command":{}}, {}],"volumes":{"a":1},"ephemeralContainers":[{"name":"e","env":[{"name":"X"}]}]}}`, "", func(t *testing.T, res Result) {
		p := only[*corev1.Pod](t, res)
		if len(p.Spec.Containers) != 3 || p.Spec.Containers[1].Name != "b" || p.Annotations["env"] != "keep" || len(p.Spec.EphemeralContainers[0].Env) != 1 {
			t.Errorf("spec: %+v", p.Spec)
		}
	}},
}

// podSpecOnly is a pod template with every field the prunes name, and
// the fields the checks read beside them.
const podSpecOnly = `metadata:
  labels:
    app: web
spec:
  containers:
  - args:
    - --x
    command: [] 
    env:
    - name: A
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    envFrom:
    - configMapRef:
        name: c
    image: quay.io/x
    livenessProbe:
      exec:
        command:
        - /bin/check
        - env
    name: web
    volumeMounts:
    - mountPath: /x
      name: v
  - name: other
    volumeMounts:
    - mountPath: /y
      name: v
  initContainers:
  - command:
    - sh
    name: init
  volumes:
  - emptyDir: {}
    name: v
`

const podWithContainers = `apiVersion: v1
kind: Pod
metadata:
  annotations:
    env: keep
  name: p
  namespace: ns
spec:
  containers:
  - args:
    - --a
    command:
      - /bin/web
    env:
    - name: A
      value: "1"
    envFrom:
    - secretRef:
        name: s
    image: quay.io/x
    livenessProbe:
      exec:
        command:
        - /bin/check
        - --args
    name: web
    ports:
    - containerPort: 8080
      name: http
    readinessProbe:
      httpGet:
        port: 8080
    resources:
      requests:
        cpu: 10m
    startupProbe:
      tcpSocket:
        port: http
    volumeMounts:
    - mountPath: /x
      name: v
  - name: env
  ephemeralContainers:
  - env:
    - name: B
    name: debug
  initContainers:
  - env:
    - name: C
    image: quay.io/x
    name: sidecar
    restartPolicy: Always
    volumeMounts:
    - mountPath: /x
      name: v
  nodeName: n1
  priorityClassName: high
  restartPolicy: Always
  tolerations:
  - operator: Exists
  volumes:
  - name: v
    secret:
      secretName: s
`

// indentBy indents every line of s by prefix.
func indentBy(prefix, s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "")
}

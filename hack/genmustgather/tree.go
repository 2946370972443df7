package main

import (
	"fmt"
	"os"
	"path/filepath"

	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsyaml "sigs.k8s.io/yaml"
)

// treeStats counts what writeTree wrote.
type treeStats struct {
	files     int
	bytes     int64
	yamlBytes int64
}

// writer writes the files of one must-gather tree.
type writer struct {
	c     *cluster
	root  string // the image folder
	stats treeStats
	logs  uint64 // log files written, to seed each one apart
}

// imageDir is the folder name oc derives from the gather image.
const imageDir = "quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-5b2a46b1c18a4d0b8e2f3c9f2f9d3e7a1b4c6d8e0f1a2b3c4d5e6f708192a3b4c5"

// writeTree writes the must-gather of c under dir.
func writeTree(c *cluster, dir string) (treeStats, error) {
	w := &writer{c: c, root: filepath.Join(dir, imageDir)}
	for name, content := range map[string]string{
		filepath.Join(dir, "timestamp"):         "2024-03-11 10:01:02.123456789 +0000 UTC m=+0.051\n2024-03-11 10:09:44.987654321 +0000 UTC m=+522.915\n",
		filepath.Join(dir, "event-filter.html"): "<html><body>events</body></html>\n",
		filepath.Join(dir, "must-gather.logs"):  "[must-gather      ] OUT Using must-gather plug-in image: quay.io/openshift-release-dev/ocp-v4.0-art-dev\n",
		filepath.Join(w.root, "version"):        "openshift/must-gather\n" + c.version + "\n",
		filepath.Join(w.root, "timestamp"):      "2024-03-11 10:01:05.1 +0000 UTC m=+0.1\n",
	} {
		if err := w.file(name, []byte(content)); err != nil {
			return w.stats, err
		}
	}
	if err := w.clusterScoped(); err != nil {
		return w.stats, err
	}
	for _, ns := range c.namespaces {
		if err := w.namespace(ns); err != nil {
			return w.stats, err
		}
	}
	return w.stats, w.hostLogs()
}

func (w *writer) file(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	w.stats.files++
	w.stats.bytes += int64(len(data))
	return os.WriteFile(path, data, 0o644)
}

// yaml writes obj as oc adm inspect does: "---" then sigs.k8s.io/yaml's
// rendering, which is the one oc uses.
func (w *writer) yaml(path string, obj any) error {
	b, err := sigsyaml.Marshal(obj)
	if err != nil {
		return fmt.Errorf("marshal %s: %w", path, err)
	}
	w.stats.yamlBytes += int64(len(b) + 4)
	return w.file(path, append([]byte("---\n"), b...))
}

// manage adds managedFields to an object's metadata for 4.10 and later.
func (w *writer) manage(m *metav1.ObjectMeta, obj any, creator string) error {
	if !w.c.managed {
		return nil
	}
	mf, err := w.c.managedFields(obj, creator)
	m.ManagedFields = mf
	return err
}

func listMeta(c *cluster) metav1.ListMeta {
	return metav1.ListMeta{ResourceVersion: fmt.Sprint(1000000 + c.rng.IntN(100000))}
}

func (w *writer) clusterScoped() error {
	c := w.c
	csr := filepath.Join(w.root, "cluster-scoped-resources")
	for _, n := range c.nodes {
		obj := c.nodeObject(n)
		if err := w.manage(&obj.ObjectMeta, obj, "kubelet"); err != nil {
			return err
		}
		if err := w.yaml(filepath.Join(csr, "core", "nodes", n.name+".yaml"), obj); err != nil {
			return err
		}
	}
	cfg := filepath.Join(csr, "config.openshift.io")
	inf, cv := c.infrastructure(), c.clusterVersion()
	cos := c.clusterOperators()
	steps := []struct {
		path string
		obj  any
	}{
		{filepath.Join(cfg, "infrastructures", "cluster.yaml"), inf},
		{filepath.Join(cfg, "infrastructures.yaml"), &configv1.InfrastructureList{TypeMeta: metav1.TypeMeta{APIVersion: "config.openshift.io/v1", Kind: "InfrastructureList"}, ListMeta: listMeta(c), Items: []configv1.Infrastructure{*inf}}},
		{filepath.Join(cfg, "clusterversions", "version.yaml"), cv},
		{filepath.Join(cfg, "clusterversions.yaml"), &configv1.ClusterVersionList{TypeMeta: metav1.TypeMeta{APIVersion: "config.openshift.io/v1", Kind: "ClusterVersionList"}, ListMeta: listMeta(c), Items: []configv1.ClusterVersion{*cv}}},
		{filepath.Join(cfg, "clusteroperators.yaml"), &configv1.ClusterOperatorList{TypeMeta: metav1.TypeMeta{APIVersion: "config.openshift.io/v1", Kind: "ClusterOperatorList"}, ListMeta: listMeta(c), Items: cos}},
	}
	for i := range cos {
		steps = append(steps, struct {
			path string
			obj  any
		}{filepath.Join(cfg, "clusteroperators", cos[i].Name+".yaml"), &cos[i]})
	}
	for _, s := range steps {
		if err := w.yaml(s.path, s.obj); err != nil {
			return err
		}
	}
	return nil
}

// hostLogs writes the journal excerpts must-gather takes from the masters.
func (w *writer) hostLogs() error {
	for _, name := range []string{"kubelet_service.log", "crio_service.log"} {
		path := filepath.Join(w.root, "host_service_logs", "masters", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		w.logs++
		n, err := writeLog(path, 4*w.c.logBytes, w.c.seed<<20+w.logs)
		w.stats.files++
		w.stats.bytes += n
		if err != nil {
			return err
		}
	}
	return nil
}

// typed Lists, as oc writes them.
func podList(c *cluster, items []corev1.Pod) any {
	return &corev1.PodList{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "PodList"}, ListMeta: listMeta(c), Items: items}
}

func appsLists(c *cluster, d []appsv1.Deployment, rs []appsv1.ReplicaSet, ds []appsv1.DaemonSet, sts []appsv1.StatefulSet) map[string]any {
	tm := func(kind string) metav1.TypeMeta { return metav1.TypeMeta{APIVersion: "apps/v1", Kind: kind} }
	return map[string]any{
		"deployments.yaml":  &appsv1.DeploymentList{TypeMeta: tm("DeploymentList"), ListMeta: listMeta(c), Items: d},
		"replicasets.yaml":  &appsv1.ReplicaSetList{TypeMeta: tm("ReplicaSetList"), ListMeta: listMeta(c), Items: rs},
		"daemonsets.yaml":   &appsv1.DaemonSetList{TypeMeta: tm("DaemonSetList"), ListMeta: listMeta(c), Items: ds},
		"statefulsets.yaml": &appsv1.StatefulSetList{TypeMeta: tm("StatefulSetList"), ListMeta: listMeta(c), Items: sts},
	}
}

func pdbList(c *cluster, items []policyv1.PodDisruptionBudget) any {
	return &policyv1.PodDisruptionBudgetList{TypeMeta: metav1.TypeMeta{APIVersion: "policy/v1", Kind: "PodDisruptionBudgetList"}, ListMeta: listMeta(c), Items: items}
}

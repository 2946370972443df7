package main

import (
	"fmt"
	"path/filepath"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// namespace writes one namespace folder: its Namespace, the Lists oc adm
// inspect writes (the needed ones and a few that are not), each pod's own
// copy and every container's logs.
func (w *writer) namespace(ns *namespace) error {
	c := w.c
	dir := filepath.Join(w.root, "namespaces", ns.name)
	nsObj := c.namespaceObject(ns)
	if err := w.manage(&nsObj.ObjectMeta, nsObj, "cluster-policy-controller"); err != nil {
		return err
	}
	if err := w.yaml(filepath.Join(dir, ns.name+".yaml"), nsObj); err != nil {
		return err
	}
	var pods []corev1.Pod
	var deps []appsv1.Deployment
	var rss []appsv1.ReplicaSet
	var dss []appsv1.DaemonSet
	var stss []appsv1.StatefulSet
	var pdbs []policyv1.PodDisruptionBudget
	var svcs []corev1.Service
	var events []corev1.Event
	for _, wl := range ns.workloads {
		for _, p := range wl.pods {
			pod := c.podObject(ns.name, wl, p)
			if err := w.manage(&pod.ObjectMeta, pod, "kube-controller-manager"); err != nil {
				return err
			}
			pods = append(pods, *pod)
			pdir := filepath.Join(dir, "pods", p.name)
			if err := w.yaml(filepath.Join(pdir, p.name+".yaml"), pod); err != nil {
				return err
			}
			if err := w.containerLogs(pdir, pod, p); err != nil {
				return err
			}
			events = append(events, c.event(ns.name, p.name, "Scheduled", "Successfully assigned "+ns.name+"/"+p.name+" to "+p.node.name),
				c.event(ns.name, p.name, "Pulled", "Container image \""+wl.image+"\" already present on machine"),
				c.event(ns.name, p.name, "Started", "Started container "+wl.containers[0]))
		}
		var err error
		switch wl.kind {
		case "Deployment":
			d := c.deployment(ns.name, wl)
			err = w.manage(&d.ObjectMeta, d, "cluster-version-operator")
			deps = append(deps, *d)
			rss = append(rss, c.replicaSets(ns.name, wl)...)
		case "DaemonSet":
			d := c.daemonSet(ns.name, wl)
			err = w.manage(&d.ObjectMeta, d, "cluster-network-operator")
			dss = append(dss, *d)
		case "StatefulSet":
			s := c.statefulSet(ns.name, wl)
			err = w.manage(&s.ObjectMeta, s, "cluster-monitoring-operator")
			stss = append(stss, *s)
		}
		if err != nil {
			return err
		}
		if wl.pdb {
			pdbs = append(pdbs, c.pdb(ns.name, wl))
		}
		if wl.service {
			svcs = append(svcs, c.service(ns.name, wl))
		}
	}
	for i := range rss {
		if err := w.manage(&rss[i].ObjectMeta, &rss[i], "kube-controller-manager"); err != nil {
			return err
		}
	}
	files := map[string]any{
		filepath.Join(dir, "core", "pods.yaml"):                   podList(c, pods),
		filepath.Join(dir, "core", "services.yaml"):               &corev1.ServiceList{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "ServiceList"}, ListMeta: listMeta(c), Items: svcs},
		filepath.Join(dir, "core", "events.yaml"):                 &corev1.EventList{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "EventList"}, ListMeta: listMeta(c), Items: events},
		filepath.Join(dir, "core", "configmaps.yaml"):             c.configMaps(ns.name),
		filepath.Join(dir, "policy", "poddisruptionbudgets.yaml"): pdbList(c, pdbs),
	}
	for name, list := range appsLists(c, deps, rss, dss, stss) {
		files[filepath.Join(dir, "apps", name)] = list
	}
	for path, obj := range files {
		if err := w.yaml(path, obj); err != nil {
			return err
		}
	}
	return nil
}

// containerLogs writes current.log for each container of a pod, and
// previous.log for those that restarted.
func (w *writer) containerLogs(pdir string, pod *corev1.Pod, p *pod) error {
	for _, ct := range pod.Spec.Containers {
		names := []string{"current.log"}
		if p.restarts > 0 {
			names = append(names, "previous.log")
		}
		for _, name := range names {
			w.logs++
			size := int64(float64(w.c.logBytes) * (0.2 + 1.6*float64(hash64(w.c.seed, w.logs)%1000)/1000))
			path := filepath.Join(pdir, ct.Name, ct.Name, "logs", name)
			if err := mkdirFor(path); err != nil {
				return err
			}
			n, err := writeLog(path, size, w.c.seed<<20+w.logs)
			w.stats.files++
			w.stats.bytes += n
			if err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
		}
	}
	return nil
}

func (c *cluster) event(ns, pod, reason, msg string) corev1.Event {
	return corev1.Event{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Event"},
		ObjectMeta:     metav1.ObjectMeta{Name: pod + "." + c.token(16), Namespace: ns, UID: toUID(c.uid()), ResourceVersion: fmt.Sprint(c.rng.IntN(1e6))},
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: ns, Name: pod, APIVersion: "v1"},
		Reason:         reason, Message: msg, Type: corev1.EventTypeNormal, Count: 1,
		Source: corev1.EventSource{Component: "kubelet"}, FirstTimestamp: c.at(700), LastTimestamp: c.at(700)}
}

func (c *cluster) configMaps(ns string) any {
	list := &corev1.ConfigMapList{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMapList"}, ListMeta: listMeta(c)}
	for _, name := range []string{"kube-root-ca.crt", "openshift-service-ca.crt", "config"} {
		cm := corev1.ConfigMap{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
			ObjectMeta: c.meta(name, ns, c.uid(), nil), Data: map[string]string{}}
		pem := "-----BEGIN CERTIFICATE-----\n"
		for range 20 {
			pem += fmt.Sprintf("%016x%016x%016x%016x\n", c.rng.Uint64(), c.rng.Uint64(), c.rng.Uint64(), c.rng.Uint64())
		}
		cm.Data["ca.crt"] = pem + "-----END CERTIFICATE-----\n"
		list.Items = append(list.Items, cm)
	}
	return list
}

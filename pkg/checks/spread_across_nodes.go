package checks

import (
	"fmt"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// SpreadAcrossNodes looks at where the replicas actually run: anti-affinity
// that is only preferred, or none, lets them pile up on one node.
var SpreadAcrossNodes = Check{
	ID:    IDSpreadAcrossNodes,
	Title: "Running replicas sit on distinct nodes",
	Description: "Runtime: on HA topologies the scheduled pods of a Deployment or StatefulSet with 2 or more " +
		"replicas run on distinct nodes. When the nodes the workload may use span 2 or more zones " +
		"(topology.kubernetes.io/zone), replicas that share a zone while another zone is free are also " +
		"reported [proposal].",
	Subject:    "deployments and statefulsets",
	Should:     "run replicas on distinct nodes",
	Needs:      []snapshot.Kind{snapshot.Pod, snapshot.Deployment, snapshot.StatefulSet, snapshot.Node},
	Convention: conventionHA,
	Tier:       Extended,
	Lifecycle:  Blocking,
	Fix:        "Add required pod anti-affinity on kubernetes.io/hostname, then let the replicas be rescheduled.",
	Eval:       evalSpreadAcrossNodes,
}

func evalSpreadAcrossNodes(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	v := redundancy(c, ns, []snapshot.Kind{snapshot.Deployment, snapshot.StatefulSet},
		func(w *snapshot.Workload, t snapshot.Topology, v *Verdict) {
			if w.Replicas() < 2 {
				return
			}
			pods := scheduled(w.Pods)
			var problems []string
			if p := sharedNodes(pods); p != "" {
				problems = append(problems, p)
			}
			if p := sharedZones(c, w, pods); p != "" {
				problems = append(problems, p)
			}
			if len(problems) > 0 {
				v.add(w.Ref(), "", t, fmt.Sprintf("%s: %s; add required pod anti-affinity on kubernetes.io/hostname "+
					"and let the replicas be rescheduled", w.Ref(), strings.Join(problems, "; ")))
			}
		})
	if !v.Skipped && len(c.Nodes) == 0 {
		v.Note("no Node objects in input: zones not judged")
	}
	return v
}

// scheduled returns the pods bound to a node that are not finished or being deleted.
func scheduled(pods []*corev1.Pod) []*corev1.Pod {
	var out []*corev1.Pod
	for _, p := range pods {
		if p.Spec.NodeName == "" || p.DeletionTimestamp != nil ||
			p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
			continue
		}
		out = append(out, p)
	}
	return out
}

// sharedNodes describes the nodes that run more than one of the pods, "" if none.
func sharedNodes(pods []*corev1.Pod) string {
	byNode := map[string][]string{}
	for _, p := range pods {
		byNode[p.Spec.NodeName] = append(byNode[p.Spec.NodeName], p.Name)
	}
	var out []string
	for _, node := range sortedKeys(byNode) {
		if names := byNode[node]; len(names) > 1 {
			out = append(out, fmt.Sprintf("pods %s share node %s", strings.Join(names, ", "), node))
		}
	}
	return strings.Join(out, "; ")
}

// sharedZones describes replicas crowded into fewer zones than they could
// use: the zones of the nodes matching the workload's nodeSelector, capped
// at the number of pods. "" when fine or unknown (no zone labels).
func sharedZones(c *snapshot.Cluster, w *snapshot.Workload, pods []*corev1.Pod) string {
	eligible := map[string]bool{}
	sel := labels.SelectorFromSet(w.Spec().NodeSelector)
	for _, n := range c.Nodes {
		if z := snapshot.NodeZone(n); z != "" && sel.Matches(labels.Set(n.Labels)) {
			eligible[z] = true
		}
	}
	if len(eligible) < 2 {
		return ""
	}
	byZone := map[string]int{}
	placed := 0
	for _, p := range pods {
		if n := c.Node(p.Spec.NodeName); n != nil {
			if z := snapshot.NodeZone(n); z != "" {
				byZone[z]++
				placed++
			}
		}
	}
	if len(byZone) >= min(placed, len(eligible)) {
		return ""
	}
	var crowded []string
	for _, z := range sortedKeys(byZone) {
		if byZone[z] > 1 {
			crowded = append(crowded, fmt.Sprintf("%d pods in zone %s", byZone[z], z))
		}
	}
	return fmt.Sprintf("%s while %d zones are available", strings.Join(crowded, ", "), len(eligible))
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

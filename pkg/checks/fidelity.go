package checks

// Fidelity says how a check stands against origin's test of the same rule
// and against the spec of the checks this project started from
// (spec/checks.md), for the docs: component owners accept a verdict when
// they can see which authority it follows and where it goes further.
type Fidelity struct {
	// Origin is origin's rule and its exceptions, with where those
	// exceptions live here; "" when no origin test judges the rule.
	Origin string
	// Stricter is where the check deliberately judges more than origin,
	// and why; "" when it judges the same.
	Stricter string
	// Spec is where the check differs from spec/checks.md, and why; "" when
	// it follows it.
	Spec string
}

// FidelityOf returns the fidelity notes of check id.
func FidelityOf(id ID) Fidelity { return fidelity[id] }

// noOriginTest is the Origin note of a rule only CONVENTIONS.md or the HA
// enhancement states.
const noOriginTest = ""

var fidelity = map[ID]Fidelity{
	IDLivenessProbe: {
		Origin: noOriginTest,
		Spec: "Run-once pods (Job pods, bare pods that finished or have restartPolicy Never/OnFailure) are " +
			"not judged: a probe restarts a container that hangs, and theirs are meant to stop.",
	},
	IDReadinessProbe: {
		Origin: noOriginTest,
		Spec:   "Run-once pods are not judged, as for liveness-probe.",
	},
	IDStartupProbe: {
		Origin: noOriginTest,
		Spec:   "Run-once pods are not judged, as for liveness-probe.",
	},
	IDReplicas: {
		Origin: noOriginTest,
		Spec: "The leader-elected singletons the spec leaves to permanent exceptions are in the shipped baseline " +
			"(`baseline.leader-elected-operators`, `baseline.leader-elected-controllers`): they flake out of the box, " +
			"as the HA enhancement's review wants of approved exceptions, and fail with --no-baseline.",
	},
	IDPodAntiAffinity: {Origin: noOriginTest},
	IDPDB:             {Origin: noOriginTest},
	IDPDBUnhealthyPodEvictionPolicy: {
		Origin: "pdbunhealthypodevictionpolicy monitor test: every PDB in `openshift` and `openshift-*` (not " +
			"`openshift-must-gather-*`) sets AlwaysAllow; a failure is published as a flake (a failing and a passing " +
			"case of the same name). Exception: `openshift-etcd/etcd-guard-pdb`, here `baseline.etcd-guard-pdb`.",
		Spec: "The spec makes it blocking for every PDB on every release. It follows origin instead: informing, " +
			"only `openshift` and `openshift-*` (other namespaces skip with the reason), and only from OpenShift " +
			"4.18 (Kubernetes 1.31, where the field is GA): on older clusters every PDB would fail for a field " +
			"their API does not have.",
	},
	IDPDBAllowsDisruption: {Origin: noOriginTest},
	IDRolloutStrategy:     {Origin: noOriginTest},
	IDDaemonSetUpdateStrategy: {
		Origin: "daemon_set test: DaemonSets in `openshift-*` not pinned to control-plane nodes roll out with " +
			"maxUnavailable 10% or 33% (or maxSurge 10%). Exceptions: `openshift-multus/cni-sysctl-allowlist-ds` " +
			"(`baseline.cni-sysctl-allowlist-rollout`), the managed-service `openshift-security/splunkforwarder-ds` and " +
			"`openshift-validation-webhook/validation-webhook` (`baseline.managed-service-daemonsets`), and " +
			"`openshift-multus/multus-admission-controller` and `openshift-sdn/sdn-controller` with an External " +
			"control plane (`baseline.hosted-control-plane-daemonsets`, HOSTEDCP-279).",
		Stricter: "`kube-*` DaemonSets are judged too: a DaemonSet of a platform namespace reaches every node " +
			"whatever the namespace's prefix, so its rollout pace matters the same way.",
	},
	IDSpreadAcrossNodes: {
		Origin: "origin checks the placement of a fixed list of components only; this check judges every " +
			"redundant Deployment and StatefulSet.",
	},
	IDPriorityClass: {
		Origin: "priorityclasses test: every pod in `kube-*` and `openshift-*` (Job pods and finished pods " +
			"included) uses a `system-*` class or `openshift-user-critical`. Exceptions: `openshift-marketplace` " +
			"(`baseline.marketplace-priority-class`), the managed-service namespaces (`baseline.managed-service-namespaces`), " +
			"managed-service pods in `openshift-monitoring` (`baseline.managed-service-pods-priority-class`), and, until " +
			"their bugs are fixed, `servicemesh-operator3-*` in `openshift-operators` (OCPBUGS-54879) and `gateway-*` " +
			"in `openshift-ingress` (OCPBUGS-54652).",
		Stricter: "`default` and `openshift` are judged too (they hold no pods on a healthy cluster).",
		Spec: "The spec leaves Job pods out; origin judges them, and so does this check, under the Job's name " +
			"(kind Job).",
	},
	IDRequestsNoLimits: {
		Origin: "resources test: every container and init container of every pod in `openshift-*`, `kube-*` and " +
			"`default` requests cpu and memory (cpu not with workload partitioning) and sets no limit other than " +
			"`management.workload.openshift.io/cores`. Exceptions: the managed-service namespaces " +
			"(`baseline.managed-service-namespaces`); the limits of `installer-<rev>-<node>` and " +
			"`revision-pruner-<rev>-<node>` in the four static-pod namespaces (`baseline.static-pod-installer-limits`), " +
			"of `thanos-querier/thanos-query` (`baseline.thanos-query-memory-limit`) and `iptables-alerter` " +
			"(`baseline.iptables-alerter-cpu-limit`); known bugs `cni-sysctl-allowlist-ds` (TRT-1871, " +
			"`baseline.cni-sysctl-allowlist-requests`) and managed-service pods in `openshift-monitoring`.",
		Stricter: "A sidecar init container (restartPolicy Always) must request cpu and memory: it runs as long as " +
			"the pod, so it competes for the node like a container. Origin only logs missing requests of init " +
			"containers as a possible future rule; init containers that run to completion need none here either.",
		Spec: "The spec leaves Job pods out; origin judges them, and so does this check. An exception covers a " +
			"container's whole violation: origin's grants name the limit (limit[cpu]) — the baseline's installer " +
			"entry would also cover missing requests, which those pods have.",
	},
	IDTolerations: {
		Origin: "tolerations test: no pod in `kube-*` or `openshift-*` outside DaemonSets has a toleration with " +
			"operator Exists and effect NoExecute and no key, or of `node.kubernetes.io/unreachable` or `not-ready` " +
			"for NoExecute without tolerationSeconds. Exceptions: the namespaces `openshift-kube-apiserver`, " +
			"`openshift-kube-controller-manager`, `openshift-kube-scheduler`, `openshift-etcd` (its etcd-quorum-guard " +
			"included), `openshift-openstack-infra` and `openshift-ovirt-infra` " +
			"(`baseline.static-pod-and-infra-namespaces-tolerations`), and pods named `network-operator*`, " +
			"`dns-operator*`, `olm-operators*`, `gcp-routes-controller*`, `ovnkube-master*`, `must-gather*`, " +
			"`kube-apiserver-proxy*`, `kube-rbac-proxy-crio*` (`baseline.node-bound-pods-tolerations`).",
		Stricter: "An Exists toleration without key and with an empty effect fails too: an empty effect matches " +
			"every effect, NoExecute included, so it keeps the pod on a node being drained exactly as the NoExecute " +
			"one origin flags. A toleration of `node.kubernetes.io/unschedulable` fails for every pod, DaemonSets " +
			"included (CONVENTIONS.md, Taints and Tolerations): it lets a replica be scheduled back onto the node " +
			"being drained. Less strict in one place: static pods are left out like DaemonSets, by kind (the " +
			"kubelet gives them a keyless NoExecute toleration; origin leaves them out by namespace and name).",
		Spec: "Run-once pods (finished installer pods, Job pods) are not judged: a pod that has stopped holds no node.",
	},
}

package snapshot

// Kind names a kind of object ha-compliance reads or judges. The values are the
// Kubernetes kind names, plus StaticPod for mirror pods, which are judged apart
// from the bare pods they look like.
type Kind string

// The kinds the loader keeps. Everything else in an input is skipped.
const (
	Pod                 Kind = "Pod"
	StaticPod           Kind = "StaticPod"
	Deployment          Kind = "Deployment"
	Job                 Kind = "Job" // the pods of a Job; Jobs themselves are not read
	StatefulSet         Kind = "StatefulSet"
	DaemonSet           Kind = "DaemonSet"
	ReplicaSet          Kind = "ReplicaSet"
	PodDisruptionBudget Kind = "PodDisruptionBudget"
	Service             Kind = "Service"
	Node                Kind = "Node"
	KindNamespace       Kind = "Namespace" // the Namespace object (Namespace is the snapshot type)
	Infrastructure      Kind = "Infrastructure"
	ClusterVersion      Kind = "ClusterVersion"
	ClusterOperator     Kind = "ClusterOperator"
)

// StoredKinds lists, in a stable order, the kinds a snapshot counts. StaticPod
// is not among them: static pods are Pods in the input.
func StoredKinds() []Kind {
	return []Kind{Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, PodDisruptionBudget,
		Service, Node, KindNamespace, Infrastructure, ClusterVersion, ClusterOperator}
}

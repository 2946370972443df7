package testobj

import (
	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// missing, partial and override are markers Cluster understands among its objects.
type (
	missing  []snapshot.Kind
	partial  string
	override configv1.TopologyMode
	noInfra  struct{}
)

// Missing marks kinds the input cannot hold (e.g. PodDisruptionBudget, as in gather-extra).
func Missing(kinds ...snapshot.Kind) any { return missing(kinds) }

// Partial marks namespace ns as not fully collected.
func Partial(ns string) any { return partial(ns) }

// Override sets the user's --topology override.
func Override(mode configv1.TopologyMode) any { return override(mode) }

// NoInfrastructure leaves the Infrastructure out, as in inputs from clusters
// before 4.6 or partial gathers: the topology is unknown.
func NoInfrastructure() any { return noInfra{} }

// Cluster builds a snapshot of objs: every namespace that holds an object is
// fully collected unless marked Partial, and the cluster is HighlyAvailable
// unless objs hold an Infrastructure (see Infra) or NoInfrastructure. objs
// may hold []any (from PodsOf) and the markers of this package.
func Cluster(objs ...any) *snapshot.Cluster {
	b := snapshot.NewBuilder()
	var (
		hasInfra bool
		partials = map[string]bool{}
		nss      []string
	)
	var add func(o any)
	add = func(o any) {
		switch o := o.(type) {
		case []any:
			for _, x := range o {
				add(x)
			}
		case missing:
			b.SetMissing(o...)
		case partial:
			partials[string(o)] = true
			nss = append(nss, string(o))
		case override:
			b.OverrideTopology(configv1.TopologyMode(o))
		case noInfra:
			hasInfra = true
		case *configv1.Infrastructure:
			hasInfra = true
			b.Add(o, "testobj", false)
		case *corev1.Namespace:
			nss = append(nss, o.Name)
			b.Add(o, "testobj", false)
		default:
			if m, ok := o.(metav1.Object); ok {
				if m.GetNamespace() != "" {
					nss = append(nss, m.GetNamespace())
				}
				b.Add(o, "testobj", false)
			}
		}
	}
	for _, o := range objs {
		add(o)
	}
	if !hasInfra {
		b.Add(Infra(configv1.HighlyAvailableTopologyMode, configv1.HighlyAvailableTopologyMode), "testobj", false)
	}
	for _, ns := range nss {
		if !partials[ns] {
			b.MarkCollected(ns)
		}
	}
	// A namespace marked Partial with no objects still exists in the snapshot.
	for ns := range partials {
		b.Add(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, "testobj", false)
	}
	return b.Build()
}

// SNO builds a single-node OpenShift snapshot of objs.
func SNO(objs ...any) *snapshot.Cluster {
	return Cluster(append(objs, Infra(configv1.SingleReplicaTopologyMode, configv1.SingleReplicaTopologyMode))...)
}

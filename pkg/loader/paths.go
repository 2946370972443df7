package loader

import (
	"path"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// role is what a path holds, decided from the path alone, before any byte
// of the file is read.
type role uint8

const (
	roleSkip          role = iota
	roleNamespace          // namespaces/<ns>/<ns>.yaml
	roleList               // namespaces/<ns>/<group>/<resource>.yaml
	roleObject             // namespaces/<ns>/<group>/<resource>/<name>.yaml
	rolePodCopy            // namespaces/<ns>/pods/<pod>/<pod>.yaml
	roleClusterList        // cluster-scoped-resources/<group>/<resource>.yaml
	roleClusterObject      // cluster-scoped-resources/<group>/<resource>/<name>.yaml
	roleVersion            // <image folder>/version
	roleGatherExtra        // a gather-extra file, e.g. pods.json
	roleInsights           // an Insights Operator file, e.g. config/pod/<ns>/<pod>.json
	roleArchive            // a must-gather archive inside a tree or archive
	roleFile               // a file of objects given on its own (or stdin)
)

// place is what classify makes of a path.
type place struct {
	role role
	// root is the part of the path before namespaces/ or
	// cluster-scoped-resources/ (the image folder), or the folder of a
	// gather-extra or version file; "" is the top of the input.
	root string
	ns   string
	kind snapshot.Kind // the kind the path implies
}

// The resource files a must-gather holds for the kinds the snapshot keeps,
// by "<group>/<resource>".
var (
	namespacedResources = map[string]snapshot.Kind{
		"core/pods":                   snapshot.Pod,
		"core/services":               snapshot.Service,
		"apps/deployments":            snapshot.Deployment,
		"apps/statefulsets":           snapshot.StatefulSet,
		"apps/daemonsets":             snapshot.DaemonSet,
		"apps/replicasets":            snapshot.ReplicaSet,
		"policy/poddisruptionbudgets": snapshot.PodDisruptionBudget,
	}
	clusterResources = map[string]snapshot.Kind{
		"core/nodes":                           snapshot.Node,
		"core/namespaces":                      snapshot.KindNamespace,
		"config.openshift.io/infrastructures":  snapshot.Infrastructure,
		"config.openshift.io/clusterversions":  snapshot.ClusterVersion,
		"config.openshift.io/clusteroperators": snapshot.ClusterOperator,
	}
	// gatherExtraFiles are the `oc get -o json` files of CI's gather-extra
	// step that hold kept kinds; each may also be gzipped (".gz").
	gatherExtraFiles = map[string]snapshot.Kind{
		"pods.json":             snapshot.Pod,
		"deployments.json":      snapshot.Deployment,
		"statefulsets.json":     snapshot.StatefulSet,
		"daemonsets.json":       snapshot.DaemonSet,
		"replicasets.json":      snapshot.ReplicaSet,
		"services.json":         snapshot.Service,
		"nodes.json":            snapshot.Node,
		"namespaces.json":       snapshot.KindNamespace,
		"clusteroperators.json": snapshot.ClusterOperator,
		"clusterversion.json":   snapshot.ClusterVersion,
		"config-resources.json": "", // a mixed List: Infrastructure is in it
	}
	// insightsFiles map an Insights Operator path, its variable parts as
	// "*", to the kind its objects have (they carry no kind themselves).
	insightsFiles = map[string]snapshot.Kind{
		"config/pod/*/*.json":           snapshot.Pod,
		"config/pdbs/*/*.json":          snapshot.PodDisruptionBudget,
		"config/node/*.json":            snapshot.Node,
		"config/clusteroperator/*.json": snapshot.ClusterOperator,
		"config/infrastructure.json":    snapshot.Infrastructure,
		"config/version.json":           snapshot.ClusterVersion,
	}
)

// gatherExtraKind reports whether base is a gather-extra file name and the
// kind it holds.
func gatherExtraKind(base string) (snapshot.Kind, bool) {
	k, ok := gatherExtraFiles[strings.TrimSuffix(base, ".gz")]
	return k, ok
}

// splitPath cuts a slash path into its parts, dropping "." and empty parts
// (archives write "./x" and "x//y").
func splitPath(p string) []string {
	var parts []string
	for _, s := range strings.Split(p, "/") {
		if s != "" && s != "." {
			parts = append(parts, s)
		}
	}
	return parts
}

// classify decides from a slash path (relative to the input) whether the
// file is needed and what it holds. Paths are matched from their end, so the
// image folder can sit at any depth.
func classify(p string) place {
	parts := splitPath(p)
	n := len(parts)
	if n == 0 {
		return place{}
	}
	base := parts[n-1]
	at := func(i int) string { // parts counted from the end: at(1) is base
		if i > n {
			return ""
		}
		return parts[n-i]
	}
	root := func(i int) string { return strings.Join(parts[:n-i], "/") }
	switch {
	case at(3) == "namespaces" && base == at(2)+".yaml":
		return place{role: roleNamespace, root: root(3), ns: at(2), kind: snapshot.KindNamespace}
	case at(4) == "namespaces" && yamlName(base) && namespacedResources[at(2)+"/"+strings.TrimSuffix(base, ".yaml")] != "":
		return place{role: roleList, root: root(4), ns: at(3), kind: namespacedResources[at(2)+"/"+strings.TrimSuffix(base, ".yaml")]}
	case at(5) == "namespaces" && at(3) == "pods" && base == at(2)+".yaml":
		return place{role: rolePodCopy, root: root(5), ns: at(4), kind: snapshot.Pod}
	case at(5) == "namespaces" && yamlName(base) && namespacedResources[at(3)+"/"+at(2)] != "":
		return place{role: roleObject, root: root(5), ns: at(4), kind: namespacedResources[at(3)+"/"+at(2)]}
	case at(3) == "cluster-scoped-resources" && yamlName(base) && clusterResources[at(2)+"/"+strings.TrimSuffix(base, ".yaml")] != "":
		return place{role: roleClusterList, root: root(3), kind: clusterResources[at(2)+"/"+strings.TrimSuffix(base, ".yaml")]}
	case at(4) == "cluster-scoped-resources" && yamlName(base) && clusterResources[at(3)+"/"+at(2)] != "":
		return place{role: roleClusterObject, root: root(4), kind: clusterResources[at(3)+"/"+at(2)]}
	case base == "version":
		return place{role: roleVersion, root: root(1)}
	case isArchiveName(base):
		return place{role: roleArchive, root: root(1)}
	}
	if k, ok := gatherExtraKind(base); ok && gatherExtraDir(parts[:n-1]) {
		return place{role: roleGatherExtra, root: root(1), kind: k}
	}
	for pattern, k := range insightsFiles {
		if matchTail(parts, pattern) {
			return place{role: roleInsights, root: root(len(splitPath(pattern))), kind: k}
		}
	}
	return place{}
}

func yamlName(base string) bool { return strings.HasSuffix(base, ".yaml") && len(base) > len(".yaml") }

// gatherExtraDir reports whether a folder inside an archive can hold
// gather-extra files: the top, one folder down (a tar of the artifacts
// folder), or any .../gather-extra/artifacts.
func gatherExtraDir(dir []string) bool {
	n := len(dir)
	return n <= 1 || (dir[n-1] == "artifacts" && dir[n-2] == "gather-extra")
}

// matchTail reports whether the last parts of a path match pattern, whose
// "*" parts match any one part and "*.json" any part ending in ".json".
func matchTail(parts []string, pattern string) bool {
	pp := splitPath(pattern)
	if len(pp) > len(parts) {
		return false
	}
	tail := parts[len(parts)-len(pp):]
	for i, want := range pp {
		if ok, err := path.Match(want, tail[i]); err != nil || !ok {
			return false
		}
	}
	return true
}

// archiveSuffixes are the names a nested must-gather archive may have. The
// name only picks candidates; the first bytes decide the format.
// Formats the stream package does not read are candidates too: their
// problem then says to extract them, rather than nothing being found.
var archiveSuffixes = []string{".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".zip",
	".tar.bz2", ".tbz2", ".tbz", ".tar.lz4", ".7z", ".rar",
	".tar.lz", ".tar.lzma", ".tlz", ".tar.Z", ".tar.br", ".tar.lzo", ".cpio", ".cpio.gz"}

// isArchiveName reports whether a file in a tree or archive is a must-gather
// archive worth opening: CI's gather-must-gather/artifacts/must-gather.tar,
// or any must-gather*.<archive suffix>. Other archives in CI artifacts (audit
// logs, etcd snapshots) are large and never hold what the snapshot keeps.
func isArchiveName(base string) bool {
	if !strings.HasPrefix(base, "must-gather") {
		return false
	}
	for _, s := range archiveSuffixes {
		if strings.HasSuffix(base, s) {
			return true
		}
	}
	return false
}

// descend reports whether a folder of a must-gather root, given relative to
// the root, can hold needed files. It prunes the walk of a folder tree: logs,
// host service logs and every resource folder not kept are never listed.
func descend(rel string) bool {
	parts := splitPath(rel)
	n := len(parts)
	if n == 0 {
		return true
	}
	switch parts[0] {
	case "namespaces":
		switch {
		case n <= 2:
			return true
		case n == 3:
			g := parts[2]
			return g == "core" || g == "apps" || g == "policy" || g == "pods"
		case n == 4:
			return parts[2] == "pods" || namespacedResources[parts[2]+"/"+parts[3]] != ""
		}
	case "cluster-scoped-resources":
		switch {
		case n == 1:
			return true
		case n == 2:
			return parts[1] == "core" || parts[1] == "config.openshift.io"
		case n == 3:
			return clusterResources[parts[1]+"/"+parts[2]] != ""
		}
	}
	return false
}

// namespaceDir returns the root and namespace of any path inside a
// must-gather namespace folder (namespaces/<ns>/...), needed or not.
func namespaceDir(p string) (root, ns string, ok bool) {
	parts := splitPath(p)
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "namespaces" {
			return strings.Join(parts[:i], "/"), parts[i+1], true
		}
	}
	return "", "", false
}

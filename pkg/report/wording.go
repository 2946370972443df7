package report

import (
	"fmt"
	"strings"
)

// The phrases every format shares, so that none says "1 problems",
// "archive none" or "in 0 zones".

// inputKind describes an input: "must-gather folder", "must-gather in a tar.xz archive".
func inputKind(format, archive string) string {
	if archive == "" || archive == "none" {
		if format == "objects" {
			return "object files"
		}
		return format + " folder"
	}
	return format + " in a " + archive + " archive"
}

// nodesText is "6 nodes (3 control plane) in 2 zones", saying when the nodes
// carry no zone label rather than "in 0 zones".
func nodesText(nodes, controlPlane, zones int) string {
	if nodes == 0 {
		return "no Node objects in the input"
	}
	s := fmt.Sprintf("%s (%d control plane)", count(nodes, "node"), controlPlane)
	if zones == 0 {
		return s + ", no zone labels"
	}
	return s + " in " + count(zones, "zone")
}

// namespacesText is the namespace line of the reports, naming the partial
// ones as inspect does.
func namespacesText(n NamespaceCounts) string {
	s := fmt.Sprintf("%d collected in full", n.Collected)
	if n.Partial == 0 {
		return s + ", none partial"
	}
	names := n.PartialNames
	if len(names) > maxListed {
		names = append(names[:maxListed:maxListed], fmt.Sprintf("and %d more", len(n.PartialNames)-maxListed))
	}
	return s + fmt.Sprintf(", %d partial (their checks are skipped, having no data): %s", n.Partial, strings.Join(names, ", "))
}

package snapshot

import (
	"fmt"
	"regexp"
	"strconv"
)

// Release is an OpenShift minor release, e.g. 4.18. The zero Release is
// unknown.
type Release struct {
	Major, Minor int
}

// kubernetesOffset is what OpenShift 4 adds to the Kubernetes minor it
// ships: OpenShift 4.N runs Kubernetes 1.(N+13), from 4.1 (1.14) on.
const kubernetesOffset = 13

// Known reports whether the release was found.
func (r Release) Known() bool { return r.Major > 0 }

// Before reports whether r is older than o.
func (r Release) Before(o Release) bool {
	return r.Major < o.Major || (r.Major == o.Major && r.Minor < o.Minor)
}

// String renders "4.18", or "unknown".
func (r Release) String() string {
	if !r.Known() {
		return "unknown"
	}
	return fmt.Sprintf("%d.%d", r.Major, r.Minor)
}

// Kubernetes renders the Kubernetes minor an OpenShift 4 release ships, e.g. "1.31".
func (r Release) Kubernetes() string {
	if r.Major != 4 {
		return "unknown"
	}
	return fmt.Sprintf("1.%d", r.Minor+kubernetesOffset)
}

var (
	// releaseVersion matches the start of a ClusterVersion version, e.g.
	// 4.8.0-0.nightly-2021-07-31-065602 or 4.18.3.
	releaseVersion = regexp.MustCompile(`^v?([0-9]+)\.([0-9]+)(\.|$|-)`)
	// kubeletVersion matches a node's kubelet version, e.g. v1.21.1+051ac4f.
	kubeletVersion = regexp.MustCompile(`^v?1\.([0-9]+)(\.|$|\+|-)`)
)

// ParseRelease reads the OpenShift release of a version string such as
// "4.8.0-0.nightly-2021-07-31-065602"; the zero Release when it is none.
func ParseRelease(version string) Release {
	m := releaseVersion.FindStringSubmatch(version)
	if m == nil {
		return Release{}
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	return Release{Major: major, Minor: minor}
}

// ClusterRelease is the release a cluster runs and where that was read.
type ClusterRelease struct {
	Release
	// From is "ClusterVersion", "kubelet" or "" when unknown.
	From string
}

// String renders e.g. "4.8 (ClusterVersion)" or "unknown".
func (r ClusterRelease) String() string {
	if r.From == "" {
		return r.Release.String()
	}
	return r.Release.String() + " (" + r.From + ")"
}

// Release is the OpenShift release the cluster runs: from the ClusterVersion
// (the newest completed update, else the desired one), else from the newest
// kubelet of its nodes (Kubernetes 1.N is OpenShift 4.(N-13); the control
// plane updates before the kubelets, so the newest kubelet is the closest
// to the API's version). Unknown when the input has neither.
func (c *Cluster) Release() ClusterRelease {
	if cv := c.ClusterVersion; cv != nil {
		if r := ParseRelease(clusterVersion(cv)); r.Known() {
			return ClusterRelease{Release: r, From: "ClusterVersion"}
		}
	}
	newest := -1
	for _, n := range c.Nodes {
		if m := kubeletVersion.FindStringSubmatch(n.Status.NodeInfo.KubeletVersion); m != nil {
			if minor, _ := strconv.Atoi(m[1]); minor > newest {
				newest = minor
			}
		}
	}
	if newest > kubernetesOffset {
		return ClusterRelease{Release: Release{Major: 4, Minor: newest - kubernetesOffset}, From: "kubelet"}
	}
	return ClusterRelease{}
}

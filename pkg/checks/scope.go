package checks

import "regexp"

// DefaultInclude matches the platform namespaces origin's monitor tests judge.
var DefaultInclude = regexp.MustCompile(`^(openshift|default|kube-.*|openshift-.*)$`)

// mustGather matches the namespaces `oc adm must-gather` creates for itself
// (random suffix). They are the gather, not the platform, and are never judged.
var mustGather = regexp.MustCompile(`^openshift-must-gather-`)

// inScope reports whether namespace ns is judged: it matches include (the
// platform namespaces when nil), does not match exclude (nothing when nil),
// and is not a must-gather's own namespace.
func inScope(ns string, include, exclude *regexp.Regexp) bool {
	if include == nil {
		include = DefaultInclude
	}
	switch {
	case mustGather.MatchString(ns):
		return false
	case !include.MatchString(ns):
		return false
	case exclude != nil && exclude.MatchString(ns):
		return false
	}
	return true
}

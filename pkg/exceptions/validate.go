package exceptions

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	configv1 "github.com/openshift/api/config/v1"
)

// Problem is one thing wrong in an exception file.
type Problem struct {
	File string
	// Where is the entry and field, e.g. "exceptions[2] (console-readiness).checks";
	// "" for the file as a whole.
	Where   string
	Message string
}

// String renders "file: where: message", as validate prints it.
func (p Problem) String() string {
	if p.Where == "" {
		return p.File + ": " + p.Message
	}
	return p.File + ": " + p.Where + ": " + p.Message
}

// ValidationError lists every problem found in a set of exception files.
// The CLI maps it to exit code 2.
type ValidationError struct {
	Problems []Problem
}

// Error lists every problem, one per line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid exceptions (%d problems):", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

var (
	idPattern     = regexp.MustCompile(`^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$`)
	namespaceName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	jiraKey       = regexp.MustCompile(`^[A-Z][A-Z0-9]*-[1-9][0-9]*$`)
	versionNumber = regexp.MustCompile(`^[0-9]+\.[0-9]+(\.[0-9]+)?$`)
)

// workloadKinds are the kinds a violation can name (snapshot.Kind values);
// Namespace is the subject of a check that failed on a whole namespace.
var workloadKinds = []string{"Deployment", "StatefulSet", "DaemonSet", "Pod", "StaticPod", "Job", "PodDisruptionBudget", "Namespace"}

// topologyModes are the Infrastructure topology modes an exception may be limited to.
var topologyModes = []string{
	string(configv1.HighlyAvailableTopologyMode), string(configv1.HighlyAvailableArbiterMode),
	string(configv1.DualReplicaTopologyMode), string(configv1.SingleReplicaTopologyMode),
	string(configv1.ExternalTopologyMode),
}

// validate checks one decoded exception, compiles its regexes and parses
// its date. Fields that failed to decode were reported already and are not
// reported again (as missing).
func (l *loader) validate(file, where string, e *Exception, failed map[string]bool) {
	bad := func(field, format string, args ...any) {
		if !failed[field] {
			l.add(file, join(where, field), fmt.Sprintf(format, args...))
		}
	}
	switch {
	case e.ID == "":
		bad("id", "required: a stable, unique name such as console-downloads-readiness")
	case !idPattern.MatchString(e.ID):
		bad("id", "%q: use lower-case letters, digits, '-', '.' and '_'", e.ID)
	case e.Baseline && !strings.HasPrefix(e.ID, BaselinePrefix):
		bad("id", "%q: baseline ids start with %q", e.ID, BaselinePrefix)
	case e.Baseline && l.ids[e.ID] != "":
		bad("id", "%q is defined in %s too: a copy of the baseline replaces it only with --no-baseline", e.ID, l.ids[e.ID])
	case l.ids[e.ID] != "":
		bad("id", "duplicate id %q, first defined in %s", e.ID, l.ids[e.ID])
	default:
		l.ids[e.ID] = file + ": " + where
	}
	switch e.Type {
	case PendingJira:
		if e.Jira == "" {
			bad("jira", "required for type pending-jira")
		}
	case Permanent:
		if e.Reason == "" {
			bad("reason", "required for type permanent: say why the rule does not apply")
		}
		if e.ApprovedBy == "" {
			bad("approvedBy", "required for type permanent")
		}
	case "":
		bad("type", "required: pending-jira or permanent")
	default:
		bad("type", "%q: want pending-jira or permanent", e.Type)
	}
	if e.Baseline && e.Reference == "" {
		bad("reference", "required in the baseline: the origin test or CONVENTIONS.md section that grants it")
	}
	if e.Baseline && (e.Reason == "" || e.ApprovedBy == "") {
		bad("reason", "required in the baseline with approvedBy, whatever the type")
	}
	l.validateChecks(bad, e.Checks)
	l.validateScope(bad, e)
	if e.Jira != "" && !jiraKey.MatchString(e.Jira) {
		bad("jira", "%q: want an issue key such as OCPBUGS-12345", e.Jira)
	}
	if e.TargetVersion != "" && !versionNumber.MatchString(e.TargetVersion) {
		bad("targetVersion", "%q: want a release such as \"4.23\"", e.TargetVersion)
	}
	if e.Expires != "" {
		day, err := time.Parse(time.DateOnly, e.Expires)
		if err != nil {
			bad("expires", "%q: want a date YYYY-MM-DD", e.Expires)
		}
		e.expires = day.AddDate(0, 0, 1)
	}
	for _, t := range e.Topologies {
		if !slices.Contains(topologyModes, t) {
			bad("topologies", "%q: want one of %s", t, strings.Join(topologyModes, ", "))
		}
	}
}

func (l *loader) validateChecks(bad func(string, string, ...any), checks []string) {
	if len(checks) == 0 {
		bad("checks", "required: check ids, or [\"*\"] for all")
		return
	}
	seen := map[string]bool{}
	for _, c := range checks {
		switch {
		case c == Any && len(checks) > 1:
			bad("checks", "\"*\" already means every check: list it alone")
		case c == Any:
		case seen[c]:
			bad("checks", "%q listed twice", c)
		case !l.known[c]:
			bad("checks", "unknown check id %q", c)
		}
		seen[c] = true
	}
}

// validateScope checks the namespace and workload selectors. A namespace is
// required: an exception for every namespace must say so with a regex.
func (l *loader) validateScope(bad func(string, string, ...any), e *Exception) {
	var err error
	switch {
	case e.Namespace != "" && e.NamespaceRegex != "":
		bad("namespace", "set namespace or namespaceRegex, not both")
	case e.Namespace != "":
		if !namespaceName.MatchString(e.Namespace) {
			bad("namespace", "%q is not a namespace name", e.Namespace)
		}
	case e.NamespaceRegex != "":
		if e.nsRE, err = regexp.Compile(e.NamespaceRegex); err != nil {
			bad("namespaceRegex", "%v", err)
		}
	default:
		bad("namespace", "required: namespace or namespaceRegex")
	}
	w := e.Workload
	if w.Kind != "" && !slices.Contains(workloadKinds, w.Kind) {
		bad("workload.kind", "%q: want one of %s", w.Kind, strings.Join(workloadKinds, ", "))
	}
	set := 0
	for _, s := range []string{w.Name, w.NamePrefix, w.NameRegex} {
		if s != "" {
			set++
		}
	}
	if set > 1 {
		bad("workload", "set at most one of name, namePrefix and nameRegex")
	}
	if w.NameRegex != "" {
		if e.nameRE, err = regexp.Compile(w.NameRegex); err != nil {
			bad("workload.nameRegex", "%v", err)
		}
	}
}

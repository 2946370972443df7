package exceptions

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/inputfile"
)

// MaxFileBytes caps one exceptions file. A real one holds a few hundred
// stanzas of a few hundred bytes each; the cap is far above that, and keeps
// a wrong path (a huge log) from being read whole.
const MaxFileBytes = 32 << 20

// Load reads, merges and validates exception files. known lists the check
// ids an exception may name. When anything is wrong in any file, Load returns
// a *ValidationError listing every problem, and no list. Only regular files
// are read (a symlink to one is followed: the user named it, and Kubernetes
// mounts ConfigMaps through symlinks); a FIFO or device is refused without
// blocking, and a file over MaxFileBytes is refused unread.
func Load(paths []string, known []string) (*List, error) {
	return load(paths, known, false)
}

// LoadWithBaseline is Load followed by the shipped baseline: the files'
// exceptions come first, so that one of the user's covers a violation
// before the baseline does.
func LoadWithBaseline(paths []string, known []string) (*List, error) {
	return load(paths, known, true)
}

func load(paths []string, known []string, baseline bool) (*List, error) {
	l := newLoader(known)
	for _, p := range paths {
		data, err := inputfile.ReadFile(p, true, MaxFileBytes)
		if err != nil {
			l.add(p, "", fmt.Sprintf("read: %v", err))
			continue
		}
		l.file(p, data)
	}
	if baseline {
		l.baseline()
	}
	return l.result()
}

// Parse validates the content of one exception file as Load would, naming
// it name in problems.
func Parse(name string, data []byte, known []string) (*List, error) {
	l := newLoader(known)
	l.file(name, data)
	return l.result()
}

// loader accumulates exceptions and problems across files, so that one run
// reports everything wrong instead of the first thing.
type loader struct {
	known map[string]bool
	// inBaseline is set while the shipped baseline is read.
	inBaseline bool
	list       List
	ids        map[string]string // id -> where it was first defined
	owners     map[string]string // namespace -> file that overrode its component
	problems   []Problem
}

func newLoader(known []string) *loader {
	l := &loader{known: map[string]bool{}, ids: map[string]string{}, owners: map[string]string{},
		list: List{ComponentOverrides: map[string]string{}}}
	for _, k := range known {
		l.known[k] = true
	}
	return l
}

func (l *loader) add(file, where, msg string) {
	l.problems = append(l.problems, Problem{File: file, Where: where, Message: msg})
}

func (l *loader) result() (*List, error) {
	if len(l.problems) > 0 {
		return nil, &ValidationError{Problems: l.problems}
	}
	return &l.list, nil
}

// file decodes one file. YAML is converted to JSON first (which rejects
// duplicate keys); then every mapping is decoded key by key, so that all
// unknown fields and all mistyped values are reported, not just the first.
func (l *loader) file(name string, data []byte) {
	js, err := yaml.YAMLToJSONStrict(data)
	if err != nil {
		l.add(name, "", fmt.Sprintf("parse YAML: %v", err))
		return
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(js, &top); err != nil || top == nil {
		l.add(name, "", "want a mapping with apiVersion, kind and exceptions")
		return
	}
	var apiVersion, kind string
	var entries []json.RawMessage
	var overrides map[string]string
	failed := l.fields(name, "", top, fileFields(&apiVersion, &kind, &entries, &overrides))
	if apiVersion != APIVersion && !failed["apiVersion"] {
		l.add(name, "apiVersion", fmt.Sprintf("want %q, got %q", APIVersion, apiVersion))
	}
	if kind != FileKind && !failed["kind"] {
		l.add(name, "kind", fmt.Sprintf("want %q, got %q", FileKind, kind))
	}
	for i, raw := range entries {
		l.exception(name, i, raw)
	}
	l.overrides(name, overrides)
}

func (l *loader) exception(file string, i int, raw json.RawMessage) {
	where := fmt.Sprintf("exceptions[%d]", i)
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		l.add(file, where, "want a mapping")
		return
	}
	var id string
	if json.Unmarshal(obj["id"], &id) == nil && id != "" {
		where = fmt.Sprintf("exceptions[%d] (%s)", i, id)
	}
	before := len(l.problems)
	e := &Exception{Source: file, Baseline: l.inBaseline}
	var wl map[string]json.RawMessage
	failed := l.fields(file, where, obj, exceptionFields(e, &wl))
	if wl != nil {
		for k := range l.fields(file, where+".workload", wl, workloadFields(&e.Workload)) {
			failed["workload."+k] = true
		}
	}
	l.validate(file, where, e, failed)
	if len(l.problems) == before {
		l.list.Exceptions = append(l.list.Exceptions, e)
	}
}

func (l *loader) overrides(file string, m map[string]string) {
	for _, ns := range sortedKeys(m) {
		where, comp := "componentOverrides."+ns, m[ns]
		switch {
		case !namespaceName.MatchString(ns):
			l.add(file, where, "not a namespace name")
		case strings.EqualFold(strings.TrimSpace(comp), "unknown"):
			l.add(file, where, `not a Jira component: write "" to fall back to ci-test-mapping's default component, "Unknown"`)
		case l.owners[ns] != "" && l.list.ComponentOverrides[ns] != comp:
			l.add(file, where, fmt.Sprintf("conflicts with %q in %s", l.list.ComponentOverrides[ns], l.owners[ns]))
		default:
			l.owners[ns] = file
			l.list.ComponentOverrides[ns] = comp
		}
	}
}

// The fields of a file, of an exception and of its workload, each with the
// variable it decodes into. A key missing here is an unknown field.
func fileFields(apiVersion, kind *string, entries *[]json.RawMessage, overrides *map[string]string) map[string]any {
	return map[string]any{"apiVersion": apiVersion, "kind": kind, "exceptions": entries, "componentOverrides": overrides}
}

func exceptionFields(e *Exception, wl *map[string]json.RawMessage) map[string]any {
	return map[string]any{
		"id":             &e.ID,
		"type":           (*string)(&e.Type),
		"checks":         &e.Checks,
		"namespace":      &e.Namespace,
		"namespaceRegex": &e.NamespaceRegex,
		"workload":       wl,
		"jira":           &e.Jira,
		"targetVersion":  &e.TargetVersion,
		"reason":         &e.Reason,
		"expires":        &e.Expires,
		"topologies":     &e.Topologies,
		"approvedBy":     &e.ApprovedBy,
		"reference":      &e.Reference,
	}
}

func workloadFields(w *Workload) map[string]any {
	return map[string]any{"kind": &w.Kind, "name": &w.Name, "namePrefix": &w.NamePrefix,
		"nameRegex": &w.NameRegex, "container": &w.Container}
}

// fieldNames lists every field an exception file may hold, sorted.
func fieldNames() []string {
	var names []string
	for _, m := range []map[string]any{
		fileFields(nil, nil, nil, nil), exceptionFields(&Exception{}, nil), workloadFields(&Workload{}),
	} {
		names = append(names, sortedKeys(m)...)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// fields decodes each key of obj into its target. Keys without a target
// are unknown fields. It returns the keys whose value could not be decoded.
func (l *loader) fields(file, where string, obj map[string]json.RawMessage, targets map[string]any) map[string]bool {
	failed := map[string]bool{}
	for _, k := range sortedKeys(obj) {
		at := join(where, k)
		target, ok := targets[k]
		if !ok {
			l.add(file, at, "unknown field")
			continue
		}
		if err := json.Unmarshal(obj[k], target); err != nil {
			want, got := describeTarget(target), describeJSON(obj[k])
			if strings.HasPrefix(want, got) {
				got += " holding something else"
			}
			l.add(file, at, fmt.Sprintf("want %s, got %s", want, got))
			failed[k] = true
		}
	}
	return failed
}

func join(where, field string) string {
	if where == "" {
		return field
	}
	return where + "." + field
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func describeTarget(t any) string {
	switch t.(type) {
	case *string:
		return "a string"
	case *[]string:
		return "a list of strings"
	case *[]json.RawMessage:
		return "a list"
	case *map[string]string:
		return "a mapping of strings"
	case *map[string]json.RawMessage:
		return "a mapping"
	}
	return fmt.Sprintf("%T", t)
}

// describeJSON names the kind of a JSON value, with a hint for the common
// YAML trap of unquoted versions.
func describeJSON(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '[':
		return "a list"
	case '{':
		return "a mapping"
	case 't', 'f':
		return "a boolean (quote it: YAML reads yes/no/on/off as booleans)"
	case 'n':
		return "null"
	}
	return fmt.Sprintf("the number %s (quote it: YAML reads 4.10 as the number 4.1)", raw)
}

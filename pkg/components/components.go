// Package components maps platform namespaces to the OCPBUGS Jira component
// that owns them, for the [Jira:"..."] tag of JUnit test names. The table is
// ci-test-mapping's, embedded in the binary; callers may override entries.
package components

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"sigs.k8s.io/yaml"
)

//go:embed jira-components.yaml
var tableYAML []byte

// Table maps a namespace to its Jira component.
type Table map[string]string

// parse decodes the embedded file once. The file is part of the source tree,
// so a decode error is a build defect that TestDefaultParses catches.
var parse = sync.OnceValues(func() (Table, error) { return decode(tableYAML) })

func decode(data []byte) (Table, error) {
	var doc struct {
		Namespaces map[string]string `json:"namespaces"`
	}
	if err := yaml.UnmarshalStrict(data, &doc); err != nil {
		return nil, fmt.Errorf("decode jira-components.yaml: %w", err)
	}
	return Table(doc.Namespaces), nil
}

// Default returns the embedded table. Callers must not modify it; use With.
func Default() Table {
	t, err := parse()
	if err != nil {
		return Table{}
	}
	return t
}

// Fallback is the component ci-test-mapping gives a test that no component
// claims (its DefaultComponent): a namespace it does not list has no owner
// there, so a test named after it lands in "Unknown" whether or not the
// name carries a tag. Tagging it explicitly keeps every test name in one
// shape and tells Sippy and readers that the owner is not known, rather than
// leaving them to guess from the namespace.
const Fallback = "Unknown"

// With returns a copy of t in which overrides win. An override naming no real
// component ("" or "Unknown") removes the namespace's entry, so its test
// names carry the Fallback.
func (t Table) With(overrides map[string]string) Table {
	out := make(Table, len(t)+len(overrides))
	for ns, c := range t {
		out[ns] = c
	}
	for ns, c := range overrides {
		if !valid(c) {
			delete(out, ns)
			continue
		}
		out[ns] = c
	}
	return out
}

// Lookup returns the component owning namespace ns, or Fallback when none
// is known, as ci-test-mapping assigns it.
func (t Table) Lookup(ns string) string {
	if c := t[ns]; valid(c) {
		return c
	}
	return Fallback
}

// Lookup returns the component of namespace ns from the embedded table.
func Lookup(ns string) string { return Default().Lookup(ns) }

func valid(c string) bool {
	c = strings.TrimSpace(c)
	return c != "" && !strings.EqualFold(c, "unknown")
}

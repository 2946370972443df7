package report

import (
	"encoding/json"
	"io"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Inspection is what the loader made of the input: the `inspect -o json`
// document and the "input" object of the analyze JSON (README.md).
type Inspection struct {
	SchemaVersion int              `json:"schemaVersion,omitempty"`
	Inputs        []snapshot.Input `json:"inputs"`
	Cluster       snapshot.Facts   `json:"cluster"`
	Objects       map[string]int   `json:"objects"`
	Namespaces    NamespaceCounts  `json:"namespaces"`
	Missing       []string         `json:"missing"`
	// Partial lists the kinds the input holds only in part, per namespace
	// ("" for every namespace): the checks that need them are skipped.
	Partial  []snapshot.Partial `json:"partial"`
	Problems []snapshot.Problem `json:"problems"`
	// Warnings say what was assumed, e.g. the topology without an
	// Infrastructure.
	Warnings []string `json:"warnings"`
}

// NamespaceCounts counts namespaces gathered in full and those with only
// some objects (leases, OLM) whose checks have no data.
type NamespaceCounts struct {
	Collected int `json:"collected"`
	Partial   int `json:"partial"`
}

// Inspect summarises a snapshot.
func Inspect(c *snapshot.Cluster) Inspection {
	in := Inspection{
		Inputs:   nonNil(c.Provenance.Inputs),
		Cluster:  c.Facts(),
		Objects:  map[string]int{},
		Missing:  []string{},
		Partial:  nonNil(c.Provenance.Partial),
		Problems: nonNil(c.Provenance.Problems),
		Warnings: nonNil(c.Warnings()),
	}
	for _, k := range snapshot.StoredKinds() {
		in.Objects[string(k)] = c.Count(k)
	}
	for _, ns := range c.Namespaces() {
		if ns.Collected {
			in.Namespaces.Collected++
		} else {
			in.Namespaces.Partial++
		}
	}
	for _, k := range c.Provenance.Missing {
		in.Missing = append(in.Missing, string(k))
	}
	return in
}

// InspectJSON writes the inspect document, indented, with its schema version.
func InspectJSON(w io.Writer, in Inspection) error {
	in.SchemaVersion = SchemaVersion
	return writeJSON(w, in)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

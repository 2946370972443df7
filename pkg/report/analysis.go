package report

import (
	"io"
	"slices"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// Analysis is the analyze JSON document (README.md): what was read, every
// (namespace, check) result after exceptions, and the exception bookkeeping.
type Analysis struct {
	SchemaVersion int             `json:"schemaVersion"`
	Tool          Tool            `json:"tool"`
	Input         Inspection      `json:"input"`
	Results       []result.Result `json:"results"`
	Exceptions    ExceptionReport `json:"exceptions"`
	Summary       result.Summary  `json:"summary"`
}

// Tool identifies the ha-compliance build that wrote a document.
type Tool struct {
	Version string `json:"version"`
}

// ExceptionReport lists exceptions that matched nothing (the list should
// shrink) and those past their expiry date (ignored, so their violations fail).
type ExceptionReport struct {
	Unused  []string `json:"unused"`
	Expired []string `json:"expired"`
	// Baseline says whether the shipped baseline was applied (not with
	// --no-baseline); the exceptions it holds have ids starting "baseline.".
	Baseline bool `json:"baseline"`
}

// JSON writes the analyze document, indented.
func JSON(w io.Writer, a Analysis) error {
	a.SchemaVersion = SchemaVersion
	// A copy: the other writers may be reading the caller's results.
	a.Results = slices.Clone(nonNil(a.Results))
	a.Exceptions.Unused = nonNil(a.Exceptions.Unused)
	a.Exceptions.Expired = nonNil(a.Exceptions.Expired)
	for i := range a.Results {
		a.Results[i].Violations = nonNil(a.Results[i].Violations)
	}
	return writeJSON(w, a)
}

package exceptions

import (
	_ "embed"
)

// baselineYAML is the shipped baseline: an exceptions file like any other,
// read by the same code, with the origin test or CONVENTIONS.md section of
// every entry in its reference.
//
//go:embed baseline.yaml
var baselineYAML []byte

// BaselineName names the shipped baseline where a file name would go, in
// problems and in an exception's Source.
const BaselineName = "baseline (built in)"

// BaselinePrefix starts the id of every baseline exception, and of no
// other, so reports show at a glance which violations the baseline covers.
const BaselinePrefix = "baseline."

// BaselineYAML returns the text of the shipped baseline, for users to copy
// and edit.
func BaselineYAML() []byte { return append([]byte(nil), baselineYAML...) }

// baseline adds the shipped baseline to the list being loaded.
func (l *loader) baseline() {
	l.inBaseline = true
	defer func() { l.inBaseline = false }()
	l.file(BaselineName, baselineYAML)
}

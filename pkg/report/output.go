package report

import (
	"fmt"
	"io"
	"path"
	"regexp"

	"github.com/openshift-eng/ha-compliance/pkg/outdir"
)

// DefaultJUnitName is the JUnit file's name unless the user picks another.
// It is stable, so that a second run in the same CI step replaces the first
// run's file rather than adding one that Sippy would count again.
const DefaultJUnitName = "junit_ha-compliance.xml"

// JUnitDir is the subfolder of the output folder that holds the JUnit file.
const JUnitDir = "junit"

// junitName is what Prow's JUnit lens and Sippy look for: a file under the
// artifacts whose name matches junit*.xml (their pattern is /junit.*\.xml$).
var junitName = regexp.MustCompile(`^junit[A-Za-z0-9._-]*\.xml$`)

// CheckJUnitName says why name cannot be the JUnit file's name, or nil.
func CheckJUnitName(name string) error {
	if !junitName.MatchString(name) {
		return fmt.Errorf("%q: want a file name junit*.xml (letters, digits, '.', '_', '-'), which Prow and Sippy look for", name)
	}
	return nil
}

// FilesOptions say what goes into the report files.
type FilesOptions struct {
	// JUnitName is the JUnit file's name inside JUnitDir; DefaultJUnitName
	// when "".
	JUnitName string
	// JUnit is passed to the JUnit writer.
	JUnit JUnitOptions
	// Markdown is passed to the markdown writer.
	Markdown MarkdownOptions
}

// Files are the report files of an analysis, in the order they are
// published (package outdir): the JUnit file last, so that a CI reader that
// sees the new JUnit sees the whole new set. A new report is one more entry
// here, before the JUnit one.
func Files(a Analysis, o FilesOptions) []outdir.File {
	if o.JUnitName == "" {
		o.JUnitName = DefaultJUnitName
	}
	// Every report set carries the input-completeness case.
	o.JUnit.Input = &a.Input
	return []outdir.File{
		{Name: "ha-compliance.json", Write: func(w io.Writer) error { return JSON(w, a) }},
		{Name: "ha-compliance.md", Write: func(w io.Writer) error { return Markdown(w, a, o.Markdown) }},
		{Name: path.Join(JUnitDir, o.JUnitName), Write: func(w io.Writer) error { return JUnit(w, a.Results, o.JUnit) }},
	}
}

// FileNames are the names Files gives, for checking the output folder
// before the analysis.
func FileNames(o FilesOptions) []string {
	var names []string
	for _, f := range Files(Analysis{}, o) {
		names = append(names, f.Name)
	}
	return names
}

package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestCheckJUnitName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{DefaultJUnitName, true},
		{"junit_ha-compliance_step2.xml", true},
		{"junit.xml", true},
		{"ha-compliance.xml", false}, // Prow and Sippy would not find it
		{"junit_x.json", false},
		{"../junit_x.xml", false},
		{"sub/junit_x.xml", false},
		{"junit x.xml", false},
		{"", false},
	} {
		if err := CheckJUnitName(tc.name); (err == nil) != tc.ok {
			t.Errorf("CheckJUnitName(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

// The set is JSON, markdown, then JUnit: JUnit is published last.
func TestFilesPutJUnitLast(t *testing.T) {
	a := fixtureAnalysis(t)
	files := Files(a, FilesOptions{JUnitName: "junit_step.xml"})
	names := FileNames(FilesOptions{JUnitName: "junit_step.xml"})
	want := []string{"ha-compliance.json", "ha-compliance.md", "junit/junit_step.xml"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("FileNames = %v, want %v", names, want)
	}
	for i, f := range files {
		if f.Name != want[i] {
			t.Errorf("Files[%d] = %s, want %s", i, f.Name, want[i])
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil || b.Len() == 0 {
			t.Errorf("%s: %d bytes, %v", f.Name, b.Len(), err)
		}
	}
	if got := FileNames(FilesOptions{}); got[2] != "junit/"+DefaultJUnitName {
		t.Errorf("default JUnit file %s", got[2])
	}
}

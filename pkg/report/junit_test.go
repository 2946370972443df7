package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

func TestJUnitKeepsTextValid(t *testing.T) {
	rs := []result.Result{{
		Namespace: "ns", Check: "replicas", TestName: "name\x01", Outcome: result.Fail,
		Violations: []result.Violation{{Kind: "Deployment", Name: "a", RuleKey: "k",
			Message: "line one\nline two\x00 ]]> end"}},
	}}
	var b bytes.Buffer
	if err := JUnit(&b, rs, JUnitOptions{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suite struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure struct {
					Message string `xml:"message,attr"`
					Body    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("the document does not parse: %v\n%s", err, b.String())
	}
	c := doc.Suite.Cases[0]
	if c.Name != "name\uFFFD" {
		t.Errorf("name = %q, want the control character replaced", c.Name)
	}
	first, _, _ := strings.Cut(c.Failure.Body, "\n")
	if want := "[FAIL] Deployment/a: line one line two\uFFFD ]]> end (rule k)"; first != want {
		t.Errorf("first body line = %q, want %q", first, want)
	}
	if doc.Suite.Name != DefaultSuite {
		t.Errorf("suite = %q, want %q", doc.Suite.Name, DefaultSuite)
	}
}

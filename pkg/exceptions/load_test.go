package exceptions

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openshift-eng/ha-compliance/pkg/checks"
)

// known are the check ids of the catalogue, as the CLI passes them.
var known = []string{
	string(checks.IDLivenessProbe), string(checks.IDReadinessProbe), string(checks.IDStartupProbe),
	string(checks.IDReplicas), string(checks.IDPodAntiAffinity), string(checks.IDPDB),
}

const header = "apiVersion: ha-compliance/v1\nkind: ExceptionList\n"

func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not a *ValidationError", err)
	}
	var out []string
	for _, p := range ve.Problems {
		out = append(out, p.String())
	}
	return out
}

func TestParseListsEveryProblemAtOnce(t *testing.T) {
	const file = header + `
exceptions:
- id: a
  type: pending-jira
  checks: [readiness-probe, no-such-check]
  namespaceRegex: '^openshift-(console$'
  workload: {kind: deployment, name: x, nameRegex: 'y', image: z}
  expires: 2026-02-30
  colour: red
- id: a
  type: permanent
  checks: ["*", replicas]
  namespace: openshift-console
  jira: ocpbugs-1
  targetVersion: 4.10
- type: sometimes
  checks: replicas
  topologies: [HA]
componentOverrides:
  openshift-insights: Unknown
`
	want := []string{
		"f.yaml: exceptions[0] (a).colour: unknown field",
		"f.yaml: exceptions[0] (a).workload.image: unknown field",
		"f.yaml: exceptions[0] (a).jira: required for type pending-jira",
		`f.yaml: exceptions[0] (a).checks: unknown check id "no-such-check"`,
		"f.yaml: exceptions[0] (a).namespaceRegex: error parsing regexp: missing closing ): `^openshift-(console$`",
		`f.yaml: exceptions[0] (a).workload.kind: "deployment": want one of Deployment, StatefulSet, DaemonSet, Pod, StaticPod, Job, PodDisruptionBudget, Namespace`,
		"f.yaml: exceptions[0] (a).workload: set at most one of name, namePrefix and nameRegex",
		`f.yaml: exceptions[0] (a).expires: "2026-02-30": want a date YYYY-MM-DD`,
		"f.yaml: exceptions[1] (a).targetVersion: want a string, got the number 4.1 (quote it: YAML reads 4.10 as the number 4.1)",
		`f.yaml: exceptions[1] (a).id: duplicate id "a", first defined in f.yaml: exceptions[0] (a)`,
		"f.yaml: exceptions[1] (a).reason: required for type permanent: say why the rule does not apply",
		"f.yaml: exceptions[1] (a).approvedBy: required for type permanent",
		`f.yaml: exceptions[1] (a).checks: "*" already means every check: list it alone`,
		`f.yaml: exceptions[1] (a).jira: "ocpbugs-1": want an issue key such as OCPBUGS-12345`,
		"f.yaml: exceptions[2].checks: want a list of strings, got a string",
		"f.yaml: exceptions[2].id: required: a stable, unique name such as console-downloads-readiness",
		`f.yaml: exceptions[2].type: "sometimes": want pending-jira or permanent`,
		"f.yaml: exceptions[2].namespace: required: namespace or namespaceRegex",
		`f.yaml: exceptions[2].topologies: "HA": want one of HighlyAvailable, HighlyAvailableArbiter, DualReplica, SingleReplica, External`,
		`f.yaml: componentOverrides.openshift-insights: not a Jira component: write "" to fall back to ci-test-mapping's default component, "Unknown"`,
	}
	list, err := Parse("f.yaml", []byte(file), known)
	if list != nil {
		t.Errorf("Parse returned a list along with errors")
	}
	if diff := cmp.Diff(want, problems(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestParseRejects(t *testing.T) {
	cases := []struct {
		name, file, want string
	}{
		{"a YAML syntax error is reported with its line", "a: [1,\n", "f.yaml: parse YAML: yaml: line 1: did not find expected node content"},
		{"a duplicate key is an error, not a silent overwrite", header + "kind: ExceptionList\n", `f.yaml: parse YAML: yaml: unmarshal errors:
  line 3: key "kind" already set in map`},
		{"an empty file lacks apiVersion and kind", "", "f.yaml: want a mapping with apiVersion, kind and exceptions"},
		{"a list at the top is not a file", "- id: a\n", "f.yaml: want a mapping with apiVersion, kind and exceptions"},
		{"a wrong apiVersion is named", "apiVersion: v1\nkind: ExceptionList\n", `f.yaml: apiVersion: want "ha-compliance/v1", got "v1"`},
		{"an entry that is not a mapping is named", header + "exceptions: [x]\n", "f.yaml: exceptions[0]: want a mapping"},
		{"namespace and namespaceRegex together are ambiguous", header + "exceptions:\n- {id: a, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: a, namespaceRegex: b}\n",
			"f.yaml: exceptions[0] (a).namespace: set namespace or namespaceRegex, not both"},
		{"a namespace with spaces is not a namespace", header + "exceptions:\n- {id: a, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: 'openshift-console '}\n",
			`f.yaml: exceptions[0] (a).namespace: "openshift-console " is not a namespace name`},
		{"a capitalised id is refused", header + "exceptions:\n- {id: A, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: a}\n",
			`f.yaml: exceptions[0] (A).id: "A": use lower-case letters, digits, '-', '.' and '_'`},
		{"a check listed twice is a typo", header + "exceptions:\n- {id: a, type: pending-jira, jira: OCPBUGS-1, checks: [pdb, pdb], namespace: a}\n",
			`f.yaml: exceptions[0] (a).checks: "pdb" listed twice`},
		{"a boolean is reported once, not also as missing", header + "exceptions:\n- {id: a, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: n}\n",
			"f.yaml: exceptions[0] (a).namespace: want a string, got a boolean (quote it: YAML reads yes/no/on/off as booleans)"},
		{"a boolean where a string belongs says why", header + "exceptions:\n- {id: a, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: a, reason: yes}\n",
			"f.yaml: exceptions[0] (a).reason: want a string, got a boolean (quote it: YAML reads yes/no/on/off as booleans)"},
		{"a version that is not a release is refused", header + "exceptions:\n- {id: a, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: a, targetVersion: 'next'}\n",
			`f.yaml: exceptions[0] (a).targetVersion: "next": want a release such as "4.23"`},
		{"an unknown top-level field is named", header + "exception: []\n", "f.yaml: exception: unknown field"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tc.file), known)
			if diff := cmp.Diff([]string{tc.want}, problems(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadMergesFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(header+body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.yaml", "exceptions:\n- {id: x, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: a}\ncomponentOverrides: {ns-a: A, ns-b: B}\n")
	b := write("b.yaml", "exceptions:\n- {id: y1, type: pending-jira, jira: OCPBUGS-2, checks: [pdb], namespace: b}\ncomponentOverrides: {ns-a: A, ns-c: \"\"}\n")
	clash := write("c.yaml", "exceptions:\n- {id: x, type: pending-jira, jira: OCPBUGS-3, checks: [pdb], namespace: c}\ncomponentOverrides: {ns-b: C}\n")

	t.Run("two good files merge in order", func(t *testing.T) {
		list, err := Load([]string{a, b}, known)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range list.Exceptions {
			ids = append(ids, e.ID+"@"+filepath.Base(e.Source))
		}
		if diff := cmp.Diff([]string{"x@a.yaml", "y1@b.yaml"}, ids); diff != "" {
			t.Errorf("ids (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]string{"ns-a": "A", "ns-b": "B", "ns-c": ""}, list.ComponentOverrides); diff != "" {
			t.Errorf("overrides (-want +got):\n%s", diff)
		}
	})
	t.Run("ids and overrides must agree across files", func(t *testing.T) {
		_, err := Load([]string{a, clash, filepath.Join(dir, "missing.yaml")}, known)
		got := strings.Join(problems(t, err), "\n")
		for _, want := range []string{
			`c.yaml: exceptions[0] (x).id: duplicate id "x", first defined in ` + a + `: exceptions[0] (x)`,
			`c.yaml: componentOverrides.ns-b: conflicts with "B" in ` + a,
			"missing.yaml: read: open ",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("problems lack %q:\n%s", want, got)
			}
		}
	})
}

func TestExampleFileValidates(t *testing.T) {
	all := append([]string{}, known...)
	list, err := Load([]string{filepath.Join("..", "..", "examples", "exceptions.yaml")}, all)
	if err != nil {
		t.Fatal(err)
	}
	types := map[Type]bool{}
	for _, e := range list.Exceptions {
		types[e.Type] = true
	}
	if !types[PendingJira] || !types[Permanent] {
		t.Errorf("the example shows types %v, want both pending-jira and permanent", types)
	}
}

// TestExampleDocumentsEveryField keeps the sample file complete: each field
// the loader accepts appears in it.
func TestExampleDocumentsEveryField(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "exceptions.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fieldNames() {
		if !strings.Contains(string(data), "\n"+f+":") && !strings.Contains(string(data), " "+f+":") {
			t.Errorf("examples/exceptions.yaml does not show field %q", f)
		}
	}
}

func FuzzLoadExceptions(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("..", "..", "examples", "exceptions.yaml")); err == nil {
		f.Add(data)
	}
	f.Add([]byte(header + "exceptions:\n- {id: a, type: permanent, checks: ['*'], namespaceRegex: '.*', reason: r, approvedBy: me, expires: 2026-01-01}\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := Parse("fuzz.yaml", data, known)
		if (list == nil) == (err == nil) {
			t.Fatalf("Parse returned list %v and error %v: want exactly one", list, err)
		}
		if list == nil {
			return
		}
		for _, e := range list.Exceptions {
			if e.ID == "" || len(e.Checks) == 0 || (e.Namespace == "") == (e.NamespaceRegex == "") {
				t.Fatalf("accepted an incomplete exception %+v", e)
			}
		}
	})
}

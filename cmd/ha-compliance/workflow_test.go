package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/hack/genruns"
	"github.com/openshift-eng/ha-compliance/pkg/batch"
	"github.com/openshift-eng/ha-compliance/pkg/bugs"
	"github.com/openshift-eng/ha-compliance/pkg/jira/jiratest"
	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

type nsCheck struct{ ns, check string }

func outcomes(a report.Analysis) map[nsCheck]result.Outcome {
	m := map[nsCheck]result.Outcome{}
	for _, r := range a.Results {
		m[nsCheck{r.Namespace, r.Check}] = r.Outcome
	}
	return m
}

// The review's workflow on the bundled sample, end to end: analyze -> bugs
// draft -> bugs file (dry run, then --yes, then again: nothing twice) ->
// exceptions written -> analyze with them gives flakes where there were
// failures -> bugs closed as Won't Do and as Done -> exceptions verify
// --propose -> the proposal validates and re-analysing gives what the
// verdicts said.
func TestWorkflowRoundTrip(t *testing.T) {
	for _, flavour := range []jiratest.Flavour{jiratest.DataCenter, jiratest.Cloud} {
		name := map[jiratest.Flavour]string{jiratest.DataCenter: "data center", jiratest.Cloud: "cloud"}[flavour]
		t.Run(name, func(t *testing.T) { roundTrip(t, flavour) })
	}
}

func roundTrip(t *testing.T, flavour jiratest.Flavour) {
	dir := t.TempDir()
	srv := jiratest.Start(t, flavour, "OCPBUGS")
	const secret = "round-trip-secret-token"
	if flavour == jiratest.Cloud {
		srv.RequireBasic("bot@example.com", secret)
		t.Setenv("JIRA_USER", "bot@example.com")
		t.Setenv("JIRA_API_TOKEN", secret)
	} else {
		srv.RequireBearer(secret)
		t.Setenv("JIRA_TOKEN", secret)
	}
	srv.PageSize(1) // every search pages

	// 1. analyze: failures.
	first := filepath.Join(dir, "first")
	if code, _, errOut := runCLI(t, "analyze", bundledSample, "--output-dir", first); code != exitFailed {
		t.Fatalf("analyze: exit %d\n%s", code, errOut)
	}
	firstJSON := filepath.Join(first, "ha-compliance.json")
	before := readAnalysis(t, firstJSON)
	var failing []nsCheck
	for _, r := range before.Results {
		if r.Outcome == result.Fail && len(r.Violations) > 0 {
			failing = append(failing, nsCheck{r.Namespace, r.Check})
		}
	}
	if len(failing) < 3 {
		t.Fatalf("the sample has %d failing results, the test needs 3", len(failing))
	}

	// 2. bugs draft: one per failing (namespace, check), stable summaries.
	code, out, errOut := runCLI(t, "bugs", "draft", firstJSON, "-o", "json")
	if code != 0 {
		t.Fatalf("bugs draft: exit %d\n%s", code, errOut)
	}
	var doc struct {
		IssueUpdates []struct {
			Fields struct {
				Summary    string              `json:"summary"`
				Labels     []string            `json:"labels"`
				Components []map[string]string `json:"components"`
				Versions   []map[string]string `json:"versions"`
			} `json:"fields"`
		} `json:"issueUpdates"`
		Drafts []struct {
			Namespace, Check, Exceptions string
		} `json:"drafts"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Drafts) != len(failing) || len(doc.IssueUpdates) != len(failing) {
		t.Fatalf("%d drafts, want %d", len(doc.Drafts), len(failing))
	}
	summaries := map[string]bool{}
	for i, d := range doc.Drafts {
		f := doc.IssueUpdates[i].Fields
		if !slices.Contains(failing, nsCheck{d.Namespace, d.Check}) || summaries[f.Summary] {
			t.Errorf("draft %d: %s/%s %q is not one of the failures, or twice", i, d.Namespace, d.Check, f.Summary)
		}
		summaries[f.Summary] = true
		if !strings.Contains(f.Summary, "ns/"+d.Namespace) || !slices.Equal(f.Labels, []string{"ha-compliance"}) ||
			len(f.Versions) != 1 || f.Versions[0]["name"] != "4.8" || !strings.Contains(d.Exceptions, "jira: OCPBUGS-NNNNN") {
			t.Errorf("draft %d: %+v %+v", i, f, d)
		}
	}
	// From here on, failures in the order of the drafts, and so of the bugs.
	failing = failing[:0]
	for _, d := range doc.Drafts {
		failing = append(failing, nsCheck{d.Namespace, d.Check})
	}
	// Drafting from the input itself gives the same bugs.
	_, md, _ := runCLI(t, "bugs", "draft", bundledSample)
	for s := range summaries {
		if !strings.Contains(md, "## ") || !strings.Contains(md, s) {
			t.Errorf("markdown drafts lack %q", s)
		}
	}

	// 3. bugs file: a dry run creates nothing; --yes files each once and
	// writes the exceptions; a second run finds them all.
	exc := filepath.Join(dir, "exceptions.yaml")
	code, out, _ = runCLI(t, "bugs", "file", firstJSON, "--jira-url", srv.URL, "--write-exceptions", exc)
	if code != 0 || len(srv.Keys()) != 0 || !strings.Contains(out, "dry run") {
		t.Fatalf("dry run: exit %d, %d bugs\n%s", code, len(srv.Keys()), out)
	}
	code, out, errOut = runCLI(t, "bugs", "file", firstJSON, "--jira-url", srv.URL, "--yes", "--write-exceptions", exc)
	if code != 0 || len(srv.Keys()) != len(failing) {
		t.Fatalf("file: exit %d, %d bugs, want %d\n%s%s", code, len(srv.Keys()), len(failing), out, errOut)
	}
	contains(t, "stderr", errOut, []string{"wrote " + exc, "valid"})
	code, out, _ = runCLI(t, "bugs", "file", firstJSON, "--jira-url", srv.URL, "--yes", "--write-exceptions", exc)
	if code != 0 || len(srv.Keys()) != len(failing) || strings.Count(out, "exists ") != len(failing) {
		t.Fatalf("second file: exit %d, %d bugs (want no new one)\n%s", code, len(srv.Keys()), out)
	}
	if strings.Contains(out+errOut, secret) {
		t.Error("the credential shows in the output")
	}
	// Data Center searches the classic way; Cloud answers it 410 Gone once
	// per run of the command, and pages through /search/jql instead.
	classic, jql := srv.Requests("GET /rest/api/2/search"), srv.Requests("GET /rest/api/2/search/jql")
	if flavour == jiratest.Cloud && (classic != 3 || jql < 2*len(failing)) || flavour == jiratest.DataCenter && (jql != 0 || classic < 2*len(failing)) {
		t.Errorf("%d classic searches, %d jql searches", classic, jql)
	}
	if code, _, errOut := runCLI(t, "exceptions", "validate", exc); code != 0 {
		t.Fatalf("written exceptions do not validate: %s", errOut)
	}

	// 4. analyze with them: flakes where there were failures.
	second := filepath.Join(dir, "second")
	if code, _, errOut := runCLI(t, "analyze", bundledSample, "--output-dir", second, "--exceptions", exc); code != 0 {
		t.Fatalf("analyze --exceptions: exit %d\n%s", code, errOut)
	}
	after := outcomes(readAnalysis(t, filepath.Join(second, "ha-compliance.json")))
	for _, k := range failing {
		if after[k] != result.Flake {
			t.Errorf("%v: %s with the exceptions, want flake", k, after[k])
		}
	}

	// 5. Jira closes bugs: the first Won't Do, the second Done and fixed in
	// a later run (its result passes there), the third Done but still seen.
	keys := srv.Keys()
	srv.Resolve(keys[0], "Won't Do")
	srv.Resolve(keys[1], "Done")
	srv.Resolve(keys[2], "Done")
	later := before
	later.Results = slices.Clone(before.Results)
	for i, r := range later.Results {
		if (nsCheck{r.Namespace, r.Check}) == failing[1] {
			later.Results[i].Outcome, later.Results[i].Violations = result.Pass, []result.Violation{}
		}
	}
	laterJSON := filepath.Join(dir, "later.json")
	data, err := json.Marshal(later)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(laterJSON, data, 0o644); err != nil {
		t.Fatal(err)
	}

	// 6. verify --propose: exit 1, each action, a valid proposal.
	proposed := filepath.Join(dir, "proposed.yaml")
	code, out, errOut = runCLI(t, "exceptions", "verify", exc, "--jira-url", srv.URL, "--results", laterJSON, "--propose", proposed)
	if code != exitFailed {
		t.Fatalf("verify: exit %d, want 1\n%s%s", code, out, errOut)
	}
	contains(t, "stdout", out, []string{"make-permanent  ", "remove          ", "reopen          ",
		srv.URL + "/browse/" + keys[0] + ", Closed, Won't Do", "0 unknown"})
	if code, _, errOut := runCLI(t, "exceptions", "validate", proposed); code != 0 {
		t.Fatalf("the proposal does not validate: %s", errOut)
	}
	prop, err := os.ReadFile(proposed)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(prop), "type: permanent") || strings.Contains(string(prop), "jira: "+keys[1]+"\n") {
		t.Errorf("proposal:\n%s", prop)
	}

	// 7. re-analyse with the proposal: the accepted violation is a flake
	// (permanent) or a pass when permanent exceptions pass; the removed
	// exception's violation fails again in this old sample; the others flake.
	third := filepath.Join(dir, "third")
	code, _, _ = runCLI(t, "analyze", bundledSample, "--output-dir", third, "--exceptions", proposed, "--permanent-exceptions-as", "pass")
	reanalysed := readAnalysis(t, filepath.Join(third, "ha-compliance.json"))
	if want := map[bool]int{true: exitFailed, false: 0}[failed(reanalysed.Results)]; code != want {
		t.Errorf("re-analysis: exit %d, want %d", code, want)
	}
	final := outcomes(reanalysed)
	for i, k := range failing {
		want := result.Flake
		switch i {
		case 0:
			want = result.Pass
		case 1:
			want = result.Fail
		}
		if final[k] != want {
			t.Errorf("%v (bug %s): %s, want %s", k, keys[i], final[k], want)
		}
	}
}

// junitCases reads a JUnit file as Sippy does: per (suite, name), whether
// some case failed and whether some case passed; skipped cases are dropped.
func junitCases(t *testing.T, path string) map[string][2]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
				Skipped *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string][2]bool{}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.Skipped != nil {
				continue
			}
			k := s.Name + "\x00" + c.Name
			v := seen[k]
			if c.Failure != nil {
				v[0] = true
			} else {
				v[1] = true
			}
			seen[k] = v
		}
	}
	return seen
}

// Under --unexcepted-as flake the job passes and Sippy sees no failing test,
// while the JSON and markdown still say what lacks an exception; per check,
// only those checks flake.
func TestUnexceptedAsFlake(t *testing.T) {
	base := t.TempDir()
	runCLI(t, "analyze", bundledSample, "--output-dir", base)
	fails := map[nsCheck]bool{}
	for _, r := range readAnalysis(t, filepath.Join(base, "ha-compliance.json")).Results {
		if r.Outcome == result.Fail {
			fails[nsCheck{r.Namespace, r.Check}] = true
		}
	}
	cases := []struct {
		name, flag string
		flakes     func(check string) bool
		wantCode   int
	}{
		{"every check", "flake", func(string) bool { return true }, 0},
		{"one check", "flake:liveness-probe", func(c string) bool { return c == "liveness-probe" }, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			code, out, errOut := runCLI(t, "analyze", bundledSample, "--output-dir", dir, "--unexcepted-as", tc.flag)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d\n%s", code, tc.wantCode, errOut)
			}
			a := readAnalysis(t, filepath.Join(dir, "ha-compliance.json"))
			for _, r := range a.Results {
				k := nsCheck{r.Namespace, r.Check}
				switch {
				case fails[k] && tc.flakes(r.Check):
					if r.Outcome != result.Flake || r.UnexceptedAs != result.Flake || !r.Unexcepted() {
						t.Errorf("%v: %s/%q, want a flake marked unexcepted", k, r.Outcome, r.UnexceptedAs)
					}
				case fails[k]:
					if r.Outcome != result.Fail {
						t.Errorf("%v: %s, want fail", k, r.Outcome)
					}
				}
			}
			junit, _ := filepath.Glob(filepath.Join(dir, "junit", "*.xml"))
			failedAlone := 0
			for _, v := range junitCases(t, junit[0]) {
				if v[0] && !v[1] {
					failedAlone++
				}
			}
			if tc.wantCode == 0 && failedAlone != 0 {
				t.Errorf("Sippy sees %d failing tests, want none", failedAlone)
			}
			if tc.wantCode == 1 && failedAlone == 0 {
				t.Errorf("Sippy sees no failing test, want the checks not rolled out")
			}
			contains(t, "stdout", out, []string{"rollout: "})
			// The report names the rollout in its summary, the details list
			// each violation without an exception, and the exceptions file
			// holds their stanzas to fill in.
			for file, want := range map[string]string{
				"ha-compliance.md":    "published as flakes during the rollout, with no exception yet",
				report.DetailsFile:    "no exception yet: published as a flake",
				report.ExceptionsFile: "OCPBUGS-NNNNN",
			} {
				b, err := os.ReadFile(filepath.Join(dir, file))
				if err != nil {
					t.Fatal(err)
				}
				contains(t, file, string(b), []string{want})
			}
			// Drafting from the rollout's JSON still finds every failure.
			_, drafts, _ := runCLI(t, "bugs", "draft", filepath.Join(dir, "ha-compliance.json"))
			if !strings.Contains(drafts, "# Bug drafts (") || strings.Contains(drafts, "(0 drafts)") {
				t.Errorf("no drafts from the rollout's JSON:\n%.300s", drafts)
			}
		})
	}
	if code, _, errOut := runCLI(t, "analyze", bundledSample, "--output-dir", t.TempDir(), "--unexcepted-as", "flake:nope"); code != exitUsage || !strings.Contains(errOut, "unknown check") {
		t.Errorf("bad --unexcepted-as: exit %d %s", code, errOut)
	}
}

// The workflow from a batch of runs, as `batch` writes it: drafts for what
// failed in enough runs, with the first and last run; filed; the batch
// re-scored with the exceptions flakes; verify reads the batch and names the
// runs that still show a fixed bug's violation.
func TestWorkflowFromABatch(t *testing.T) {
	mirror, out := t.TempDir(), t.TempDir()
	if _, err := genruns.WriteMirror(mirror, genruns.Options{Runs: 6, Namespaces: 1, Deployments: 2, Kinds: []string{"must-gather"}}); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "batch", mirror, "--output-dir", out); code != exitOK {
		t.Fatalf("batch: exit %d\n%s", code, errOut)
	}
	// The reader of bugs and verify sees the rows as the batch package does.
	src, err := bugs.ReadSource(out)
	if err != nil {
		t.Fatal(err)
	}
	var want []result.Result
	for _, row := range ndjson[batch.ResultRow](t, filepath.Join(out, batch.ResultsFile)) {
		want = append(want, row.Result())
	}
	if diff := cmp.Diff(want, src.Results); diff != "" {
		t.Errorf("results.ndjson read (-batch +bugs):\n%s", diff)
	}

	code, jsonOut, errOut := runCLI(t, "bugs", "draft", out, "--min-runs", "6", "-o", "json")
	if code != 0 {
		t.Fatalf("draft: exit %d %s", code, errOut)
	}
	var doc struct {
		Drafts []struct {
			Namespace, Check string
			Runs             int
			First            *bugs.Run `json:"firstRun"`
			LastRun          *bugs.Run `json:"lastRun"`
		}
	}
	if err := json.Unmarshal([]byte(jsonOut), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Drafts) == 0 {
		t.Fatal("no draft seen in all 6 runs")
	}
	for _, d := range doc.Drafts {
		if d.Runs != 6 || d.First == nil || d.LastRun == nil || !strings.HasPrefix(d.First.ProwURL, "https://prow.ci.openshift.org/view/gs/") ||
			d.First.Started >= d.LastRun.Started {
			t.Errorf("draft %s/%s: %d runs, first %+v, last %+v", d.Namespace, d.Check, d.Runs, d.First, d.LastRun)
		}
	}
	_, md, _ := runCLI(t, "bugs", "draft", out, "--min-runs", "1")
	if n := strings.Count(md, "\n## "); n < len(doc.Drafts) {
		t.Errorf("--min-runs 1 gives %d drafts, fewer than --min-runs 6 (%d)", n, len(doc.Drafts))
	}

	srv := jiratest.Start(t, jiratest.Cloud, "OCPBUGS")
	t.Setenv("JIRA_USER", "bot@example.com")
	t.Setenv("JIRA_API_TOKEN", "batch-secret")
	srv.RequireBasic("bot@example.com", "batch-secret")
	exc := filepath.Join(t.TempDir(), "exceptions.yaml")
	if code, out, errOut := runCLI(t, "bugs", "file", out, "--min-runs", "6", "--jira-url", srv.URL, "--yes", "--write-exceptions", exc); code != 0 {
		t.Fatalf("file: exit %d\n%s%s", code, out, errOut)
	}
	rescored := t.TempDir()
	if code, _, errOut := runCLI(t, "batch", mirror, "--output-dir", rescored, "--exceptions", exc); code != exitOK {
		t.Fatalf("batch --exceptions: exit %d\n%s", code, errOut)
	}
	filed := map[nsCheck]bool{}
	for _, d := range doc.Drafts {
		filed[nsCheck{d.Namespace, d.Check}] = true
	}
	for _, row := range ndjson[batch.ResultRow](t, filepath.Join(rescored, batch.ResultsFile)) {
		if filed[nsCheck{row.Namespace, row.Check}] && row.Outcome != string(result.Flake) {
			t.Errorf("%s %s/%s: %s with the exceptions, want flake", row.RunKey, row.Namespace, row.Check, row.Outcome)
		}
	}

	srv.Resolve(srv.Keys()[0], "Done")
	code, stdout, _ := runCLI(t, "exceptions", "verify", exc, "--jira-url", srv.URL, "--results", rescored)
	if code != exitFailed {
		t.Fatalf("verify: exit %d\n%s", code, stdout)
	}
	contains(t, "stdout", stdout, []string{"reopen          ", "(https://prow.ci.openshift.org/view/gs/test-platform-results/"})
}

package batch

import (
	"cmp"
	"context"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// TestSummaryHTMLHasASeriesPerCheck: a batch over generated runs of several
// releases (and unreadable runs, of no release) writes summary.html with a
// chart per check and per component judged in the rows, and each series'
// points, one per release with results, add up to the outcomes of the rows
// of that release.
func TestSummaryHTMLHasASeriesPerCheck(t *testing.T) {
	dir, infos := mirror(t, smallRuns)
	out := t.TempDir()
	runBatch(t, out, []string{dir}, nil)

	// What the rows say, counted here independently of Summarize.
	release := map[string]string{} // run_key -> release
	for key, r := range runsByKey(t, out) {
		release[key] = ReleaseOf(r)
	}
	type at struct{ kind, name, release string }
	want := map[at]report.TrendCounts{}
	var releases []string // those with results: the unreadable runs' "unknown" is no column
	for _, row := range sortedResults(t, out) {
		rel := release[row.RunKey]
		if !slices.Contains(releases, rel) {
			releases = append(releases, rel)
		}
		for _, k := range []at{{"check", row.Check, rel}, {"component", cmp.Or(row.Component, NoComponent), rel}} {
			c := want[k]
			c.Add(result.Outcome(row.Outcome))
			want[k] = c
		}
	}
	if len(releases) < 2 {
		t.Fatalf("generated runs of %d releases (%v), want several for a trend; runs %d", len(releases), releases, len(infos))
	}
	slices.SortFunc(releases, compareReleases)

	sum, err := Summarize(context.Background(), []string{out}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := sum.Trends()
	if !slices.Equal(tr.Axis, releases) {
		t.Errorf("axis %v, want the releases oldest first %v", tr.Axis, releases)
	}
	got := map[at]report.TrendCounts{}
	kinds := map[string]int{}
	for _, s := range tr.Series {
		kinds[s.Kind]++
		if len(s.Points) != len(tr.Axis) {
			t.Errorf("%s %s: %d points for %d releases", s.Kind, s.Name, len(s.Points), len(tr.Axis))
			continue
		}
		for i, p := range s.Points {
			if p != (report.TrendCounts{}) {
				got[at{s.Kind, s.Name, tr.Axis[i]}] = p
			}
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s %s at %s: %+v, the rows say %+v", k.kind, k.name, k.release, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d non-empty points, the rows give %d", len(got), len(want))
	}
	if kinds["check"] == 0 || kinds["component"] == 0 {
		t.Errorf("series by kind %v, want checks and components", kinds)
	}

	page, err := os.ReadFile(filepath.Join(out, SummaryHTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	text := string(page)
	if strings.Contains(text, "http://") || strings.Contains(text, "https://") {
		t.Error("the page links outside: it must open offline")
	}
	for _, s := range tr.Series {
		label := `aria-label="pass rate of ` + html.EscapeString(s.Name) + `"`
		if strings.Count(text, label) != 1 {
			t.Errorf("summary.html has %d charts for %s %q, want 1", strings.Count(text, label), s.Kind, s.Name)
		}
	}
	if n := strings.Count(text, `<svg class="trend"`); n != len(tr.Series) {
		t.Errorf("%d charts for %d series", n, len(tr.Series))
	}
}

// TestReleasesInVersionOrder: the axis runs oldest first, 4.9 before 4.10,
// with what is not a release after.
func TestReleasesInVersionOrder(t *testing.T) {
	got := []string{"unknown", "4.10", "4.9", "4.18", "5.0"}
	slices.SortFunc(got, compareReleases)
	want := []string{"4.9", "4.10", "4.18", "5.0", "unknown"}
	if !slices.Equal(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}

package batch

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/report"
)

// Trends is the summary as the trend page draws it: one point per release
// that has results, oldest first (a release whose runs were all unreadable
// would be an empty column in every chart; summary.md still counts its
// runs), and one series per check, then one per component, each sorted by
// name. Like Markdown it depends only on the rows.
func (s *Summary) Trends() report.Trends {
	t := report.Trends{Title: fmt.Sprintf("HA compliance across %d job runs", s.Runs)}
	var releases []*ReleaseStats
	for _, r := range s.Releases {
		if r.Results != (report.TrendCounts{}) {
			releases = append(releases, r)
			t.Axis = append(t.Axis, r.Release)
		}
	}
	series := func(kind string, of func(*ReleaseStats) map[string]report.TrendCounts) {
		var names []string
		for _, r := range releases {
			for name := range of(r) {
				if !slices.Contains(names, name) {
					names = append(names, name)
				}
			}
		}
		slices.Sort(names)
		for _, name := range names {
			ts := report.TrendSeries{Name: name, Kind: kind}
			for _, r := range releases {
				ts.Points = append(ts.Points, of(r)[name]) // zero where not judged: a gap
			}
			t.Series = append(t.Series, ts)
		}
	}
	series("check", func(r *ReleaseStats) map[string]report.TrendCounts { return r.ByCheck })
	series("component", func(r *ReleaseStats) map[string]report.TrendCounts { return r.ByComponent })
	return t
}

// HTML writes the summary's trend page: a pass-rate chart per check and
// per component across releases, drawn as SVG with no outside service.
func (s *Summary) HTML(w io.Writer) error { return report.TrendsHTML(w, s.Trends()) }

// compareReleases orders releases as versions (4.9 before 4.10), with
// names that are not X.Y (such as "unknown") after them, by name.
func compareReleases(a, b string) int {
	va, okA := releaseNumbers(a)
	vb, okB := releaseNumbers(b)
	switch {
	case okA && okB:
		return cmp.Or(slices.Compare(va, vb), cmp.Compare(a, b))
	case okA != okB:
		if okA {
			return -1
		}
		return 1
	}
	return cmp.Compare(a, b)
}

// releaseNumbers are the numbers of a release such as 4.18, ok only when every
// part is one.
func releaseNumbers(s string) ([]int, bool) {
	var v []int
	for _, p := range strings.Split(s, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, false
		}
		v = append(v, n)
	}
	return v, true
}

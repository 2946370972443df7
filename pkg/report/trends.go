package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	_ "embed"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// Trends is the data of the batch page: pass rates of checks and
// components across runs or releases. The batch package fills it from its
// rows; this package only draws it.
type Trends struct {
	// Title heads the page, e.g. "HA compliance across 1,200 job runs".
	Title string
	// Axis are the points in time, oldest first: releases ("4.17", "4.18")
	// or run dates. Every series has one point per label.
	Axis   []string
	Series []TrendSeries
}

// TrendSeries is one check or component.
type TrendSeries struct {
	Name string
	// Kind is "check" or "component": the page filters on it.
	Kind   string
	Points []TrendCounts
}

// TrendCounts are the outcomes of one series at one point of the axis. The
// batch summary counts with it too, so its tables and this page share one
// pass rate.
type TrendCounts struct {
	Pass, Flake, Fail, Skip int
}

// Add counts one outcome; an outcome it does not know is not counted.
func (c *TrendCounts) Add(o result.Outcome) {
	switch o {
	case result.Pass:
		c.Pass++
	case result.Flake:
		c.Flake++
	case result.Fail:
		c.Fail++
	case result.Skip:
		c.Skip++
	}
}

// PassRate is Sippy's: (pass + flake) / (pass + flake + fail). A flake is
// a pass that needed an exception, and skips are left out, as Sippy leaves
// them out. ok is false when nothing was judged.
func (c TrendCounts) PassRate() (rate float64, ok bool) {
	n := c.Pass + c.Flake + c.Fail
	if n == 0 {
		return 0, false
	}
	return float64(c.Pass+c.Flake) / float64(n), true
}

var (
	//go:embed html/trends.html
	trendsHTML string
	trendsPage = template.Must(template.New("trends").Parse(trendsHTML))
)

// TrendsHTML writes the batch page: one SVG chart of pass rate per series
// (no script or service draws them: the page opens offline and prints), with
// filters by kind and name. Charts are drawn here so that the same data
// always gives the same page.
func TrendsHTML(w io.Writer, t Trends) error {
	type row struct {
		Name, Kind, Last string
		Chart            template.HTML
	}
	var rows []row
	for _, s := range t.Series {
		last := "no data"
		for i := len(s.Points) - 1; i >= 0; i-- {
			if r, ok := s.Points[i].PassRate(); ok {
				last = fmt.Sprintf("%.0f%% at %s", r*100, t.Axis[i])
				break
			}
		}
		rows = append(rows, row{Name: s.Name, Kind: s.Kind, Last: last, Chart: chart(t.Axis, s)})
	}
	return trendsPage.Execute(w, struct {
		Title string
		CSS   template.CSS
		Rows  []row
	}{t.Title, template.CSS(pageCSS), rows})
}

// Chart geometry, in SVG user units.
const (
	chartW, chartH = 360.0, 90.0
	chartPad       = 24.0
)

// chart draws a series' pass rate as a polyline over the axis, with a dot
// and a tooltip per judged point; points with nothing judged are gaps.
func chart(axis []string, s TrendSeries) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="trend" viewBox="0 0 %.0f %.0f" role="img" aria-label="pass rate of %s">`,
		chartW, chartH+chartPad, template.HTMLEscapeString(s.Name))
	fmt.Fprintf(&b, `<line class="axis" x1="0" y1="%.0f" x2="%.0f" y2="%.0f"/>`, chartH, chartW, chartH)
	x := func(i int) float64 {
		if len(axis) < 2 {
			return chartW / 2
		}
		return chartPad + float64(i)*(chartW-2*chartPad)/float64(len(axis)-1)
	}
	var line []string
	flush := func() {
		if len(line) > 1 {
			fmt.Fprintf(&b, `<polyline class="rate" points="%s"/>`, strings.Join(line, " "))
		}
		line = nil
	}
	for i, c := range s.Points {
		r, ok := c.PassRate()
		if !ok {
			flush()
			continue
		}
		y := chartH - r*(chartH-8) - 4
		line = append(line, fmt.Sprintf("%.1f,%.1f", x(i), y))
		label := ""
		if i < len(axis) {
			label = axis[i]
		}
		fmt.Fprintf(&b, `<circle class="point" cx="%.1f" cy="%.1f" r="3"><title>%s: %.0f%% (%d pass, %d flake, %d fail, %d skip)</title></circle>`,
			x(i), y, template.HTMLEscapeString(label), r*100, c.Pass, c.Flake, c.Fail, c.Skip)
	}
	flush()
	for i, label := range axis {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`, x(i), chartH+chartPad-6, template.HTMLEscapeString(label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // built from escaped text and numbers only
}

package report

import (
	_ "embed"
	"encoding/json"
	"html/template"
	"io"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// HTMLFile is the page analyze writes beside the other reports.
const HTMLFile = "ha-compliance.html"

var (
	//go:embed html/page.html
	pageHTML string
	//go:embed html/page.css
	pageCSS string
	//go:embed html/page.js
	pageJS string

	page = template.Must(template.New("page").Parse(pageHTML))
)

// HTML writes ha-compliance.html: one self-contained page (inline CSS and
// script, no network) with the brief on top, the namespace x check matrix
// with filters (component, outcome, blocking or informing, text), and a
// drill-down from each cell to its violations with the fix and the
// exception stanza. The page renders from the data embedded in it, so that
// it opens from a CI artifact or an attachment as it is.
func HTML(w io.Writer, a Analysis, o MarkdownOptions) error {
	data, err := json.Marshal(pageData(a, o.Checks)) // escapes <, > and &: safe in a script
	if err != nil {
		return err
	}
	return page.Execute(w, struct {
		Title       string
		CSS         template.CSS
		Script      template.JS
		Data        template.JS
		GeneratedBy string
	}{
		Title:  "HA compliance: " + known("version unknown", a.Input.Cluster.Version),
		CSS:    template.CSS(pageCSS),
		Script: template.JS(pageJS),
		Data:   template.JS(data),
		// The tool's version, when known, says which catalogue judged.
		GeneratedBy: "ha-compliance " + a.Tool.Version,
	})
}

// The page's data: field names are read by page.js only.
type (
	htmlData struct {
		Facts      []htmlFact  `json:"facts"`
		Brief      htmlBrief   `json:"brief"`
		Checks     []htmlCheck `json:"checks"`
		Namespaces []htmlRow   `json:"namespaces"`
	}
	htmlFact struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	htmlBrief struct {
		Verdict string   `json:"verdict"`
		Risks   []string `json:"risks"`
		Gaps    []string `json:"gaps"`
	}
	htmlCheck struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Informing bool   `json:"informing"`
		Fix       string `json:"fix"`
	}
	htmlRow struct {
		Namespace string              `json:"namespace"`
		Component string              `json:"component"`
		Cells     map[string]htmlCell `json:"cells"`
	}
	htmlCell struct {
		Outcome    result.Outcome  `json:"outcome"`
		Reason     string          `json:"reason,omitempty"`
		Violations []htmlViolation `json:"violations,omitempty"`
	}
	htmlViolation struct {
		Workload  string `json:"workload"`
		Container string `json:"container,omitempty"`
		Message   string `json:"message"`
		Exception string `json:"exception,omitempty"`
		Stanza    string `json:"stanza,omitempty"`
	}
)

func pageData(a Analysis, catalogue []checks.Check) htmlData {
	t := newTable(a.Results, catalogue)
	f := a.Input.Cluster
	d := htmlData{Facts: []htmlFact{
		{"Version", known("unknown", f.Version)},
		{"Platform", known("unknown", f.Platform)},
		{"Topology", "control plane " + orDefault(f.ControlPlaneTopology, "not set") + ", infrastructure " + orDefault(f.InfrastructureTopology, "not set")},
		{"Nodes", nodesText(f.Nodes, f.ControlPlaneNodes, f.Zones)},
		{"Namespaces", namespacesText(a.Input.Namespaces)},
	}}
	if n := len(a.Input.Problems); n > 0 {
		d.Facts = append(d.Facts, htmlFact{"Unreadable", count(n, "file") + " (listed in ha-compliance.json); the checks that needed that data are skipped"})
	}
	br := NewBrief(a, catalogue)
	d.Brief.Verdict = br.Verdict
	for _, r := range br.Risks {
		d.Brief.Risks = append(d.Brief.Risks, riskLine(r, plainMarkup))
	}
	for _, g := range br.Gaps {
		d.Brief.Gaps = append(d.Brief.Gaps, gapLine(g, plainMarkup))
	}
	for _, id := range t.checks {
		c := findCheck(catalogue, id)
		d.Checks = append(d.Checks, htmlCheck{ID: id, Title: c.Title, Informing: t.informing[id], Fix: c.Fix})
	}
	for _, ns := range t.namespaces {
		row := htmlRow{Namespace: ns, Component: t.component[ns], Cells: map[string]htmlCell{}}
		for _, id := range t.checks {
			r, ok := t.cell[[2]string{ns, id}]
			if !ok {
				continue
			}
			c := htmlCell{Outcome: r.Outcome, Reason: r.Reason}
			for _, v := range r.Violations {
				hv := htmlViolation{Workload: v.Kind + "/" + v.Name, Container: v.Container, Message: v.Message, Exception: v.Exception}
				if v.Exception == "" && r.Outcome == result.Fail {
					hv.Stanza = exceptions.Stanza(ns, id, v)
				}
				c.Violations = append(c.Violations, hv)
			}
			row.Cells[id] = c
		}
		d.Namespaces = append(d.Namespaces, row)
	}
	return d
}

package report

import (
	"fmt"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// The overview sections are shared by ha-compliance.md and `-o jira`: the
// same tables, spelt by each format's markup.

// writeRisks lists every risk specific to this cluster, the brief's first
// list in full (up to maxListed rows).
func writeRisks(b *strings.Builder, risks []Risk, m markup) {
	if len(risks) == 0 {
		return
	}
	b.WriteString(m.section("Risks on this cluster"))
	b.WriteString(m.text("Where pods run, what budgets allow and what was not ready when the data was gathered: "+
		"other clusters of the release may not share these.") + "\n\n")
	b.WriteString(m.header("", "namespace", "workload", "what", "check", "component"))
	for i, r := range risks {
		if i == maxListed {
			b.WriteString(m.row(" ", m.text(fmt.Sprintf("… and %d more (see %s)", len(risks)-maxListed, DetailsFile)), " ", " ", " ", " "))
			break
		}
		sym, check := m.symbol(result.Fail), m.code(r.Check)
		switch {
		case r.Check == "":
			sym, check = m.symbol(observed), m.text("observed")
		case !r.Blocking:
			check += m.text(" (informing)")
		}
		b.WriteString(m.row(sym, m.text(r.Namespace), m.code(r.Workload),
			m.text(strings.TrimPrefix(r.What, r.Workload+": ")), check, m.text(orDefault(r.Component, "—"))))
	}
}

// observed is the symbol of an observation: not an outcome of a check.
const observed result.Outcome = "observed"

// writeComponents is the matrix folded by Jira component: what fails in each
// component's namespaces, blocking and informing apart. Every failure is
// here, the cluster's risks too.
func writeComponents(b *strings.Builder, gaps []Gap, t *table, m markup) {
	b.WriteString(m.section("Results by component"))
	quiet := 0
	for _, ns := range t.namespaces {
		if !t.hasUnexcepted(ns) {
			quiet++
		}
	}
	if len(gaps) > 0 {
		b.WriteString(m.header("component", "namespaces", "blocking checks failing", "informing checks failing", "unexcepted violations"))
	}
	ids := func(list []string) string {
		out := make([]string, len(list))
		for i, id := range list {
			out[i] = m.code(id)
		}
		return orDefault(strings.Join(out, ", "), "—")
	}
	for i, g := range gaps {
		if i == maxListed*2 {
			b.WriteString(m.row(m.text(fmt.Sprintf("… and %d more (see %s)", len(gaps)-i, DetailsFile)), " ", " ", " ", " "))
			break
		}
		b.WriteString(m.row(m.text(orDefault(g.Component, "—")), m.text(namespaceList(g.Namespaces)),
			ids(g.Blocking), ids(g.Informing), fmt.Sprint(g.Violations)))
	}
	switch {
	case len(t.namespaces) == 0:
		b.WriteString(m.text("No namespace was judged.") + "\n")
	case quiet > 0:
		b.WriteString("\n" + m.text(fmt.Sprintf("%s of %d with no failure (the matrix is in %s).",
			count(quiet, "namespace"), len(t.namespaces), DetailsFile)) + "\n")
	}
}

// writeChecks is one row per failing check: where it fails, how often, and
// the general fix.
func writeChecks(b *strings.Builder, t *table, catalogue []checks.Check, m markup) {
	type row struct{ namespaces, open int }
	rows := map[string]*row{}
	for _, id := range t.checks {
		for _, ns := range t.namespaces {
			r, ok := t.cell[[2]string{ns, id}]
			if !ok || !r.Unexcepted() {
				continue
			}
			if rows[id] == nil {
				rows[id] = &row{}
			}
			rows[id].namespaces++
			rows[id].open += len(r.UnexceptedViolations())
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString(m.section("Failing checks"))
	b.WriteString(m.header("check", "lifecycle", "namespaces", "unexcepted violations", "how to fix"))
	for _, id := range t.checks {
		r := rows[id]
		if r == nil {
			continue
		}
		lifecycle := "blocking"
		if t.informing[id] {
			lifecycle = "informing"
		}
		b.WriteString(m.row(m.code(id), lifecycle, fmt.Sprint(r.namespaces), fmt.Sprint(r.open),
			m.text(orDefault(findCheck(catalogue, id).Fix, "—"))))
	}
}

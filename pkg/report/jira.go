package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// JiraLimit is the most characters a Jira text field (a description or a
// comment) holds.
const JiraLimit = 32767

// Jira writes the report in Jira wiki markup, to paste into a bug or a
// comment: cluster facts, the brief, the risks of this cluster, failures by
// component and by check. Jira renders none of markdown's tables, folded
// blocks or fenced code, so this is its own format; it stays under
// JiraLimit characters, pointing to the details report for the rest.
func Jira(w io.Writer, a Analysis, o MarkdownOptions) error {
	t := newTable(a.Results, o.Checks)
	br := NewBrief(a, o.Checks)
	m := jiraMarkup
	sections := []func(*strings.Builder){
		func(b *strings.Builder) { writeJiraFacts(b, a) },
		func(b *strings.Builder) { b.WriteString(m.section("Summary")); writeBrief(b, br, m) },
		func(b *strings.Builder) { writeRisks(b, br.Risks, m) },
		func(b *strings.Builder) { writeComponents(b, byComponent(a.Results, o.Checks, keepAll), t, m) },
		func(b *strings.Builder) { writeChecks(b, t, o.Checks, m) },
	}
	footer := "\n----\n" + m.text("Every violation with its fix: ") + m.code(DetailsFile) +
		m.text("; exception stanzas ready to edit: ") + m.code(ExceptionsFile) + "\n"
	_, err := io.WriteString(w, bounded(sections, JiraLimit-len(footer),
		"\n"+m.text("The rest of this report did not fit: see "+DetailsFile+".")+"\n")+footer)
	return err
}

func writeJiraFacts(b *strings.Builder, a Analysis) {
	m := jiraMarkup
	in, f := a.Input, a.Input.Cluster
	b.WriteString("h2. HA compliance report\n\n")
	row := func(k, v string) { b.WriteString("||" + k + "|" + v + "|\n") }
	row("Version", m.text(known("unknown", f.Version)))
	row("Platform", m.text(known("unknown", f.Platform)))
	row("Topology", m.text(fmt.Sprintf("control plane %s, infrastructure %s",
		orDefault(f.ControlPlaneTopology, "not set"), orDefault(f.InfrastructureTopology, "not set"))))
	row("Nodes", m.text(nodesText(f.Nodes, f.ControlPlaneNodes, f.Zones)))
	var inputs []string
	for _, i := range in.Inputs {
		inputs = append(inputs, m.code(i.Path)+m.text(" ("+inputKind(i.Format, i.Archive)+")"))
	}
	row("Input", orDefault(strings.Join(inputs, "; "), "none"))
	if n := len(in.Problems); n > 0 {
		row("Unreadable", m.text(count(n, "file")+" (listed in ha-compliance.json); the checks that needed that data are skipped"))
	}
	s := result.Summarize(a.Results)
	fmt.Fprintf(b, "\n*Outcome:* (x) %d fail, (!) %d flake, (/) %d pass, %d skip\n", s.Fail, s.Flake, s.Pass, s.Skip)
}

// jiraEscaper escapes the characters Jira reads as markup. A hyphen starts
// a strike-through only after a space or at the start, so only those are.
var jiraEscaper = strings.NewReplacer(`\`, `\\`, "{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, "|", `\|`,
	"*", `\*`, "_", `\_`, "+", `\+`, "^", `\^`, "~", `\~`, "!", `\!`, "??", `\?\?`, " -", ` \-`)

// jiraText makes s safe as Jira text on one line.
func jiraText(s string) string {
	s = jiraEscaper.Replace(lineFolder.Replace(s))
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "h") && len(s) > 2 && s[2] == '.' {
		s = `\` + s
	}
	return s
}

// jiraSymbols are Jira's emoticons for the outcomes.
var jiraSymbols = map[result.Outcome]string{
	result.Pass: "(/)", result.Flake: "(!)", result.Fail: "(x)", result.Skip: "(-)", observed: "(i)",
}

// jiraMarkup is Jira wiki markup.
var jiraMarkup = markup{
	section: func(s string) string { return "\nh3. " + jiraText(s) + "\n\n" },
	heading: func(s string) string { return "\n*" + jiraText(s) + "*\n" },
	item:    func(s string) string { return "* " + s + "\n" },
	code:    func(s string) string { return "{{" + jiraText(s) + "}}" },
	text:    jiraText,
	header: func(cols ...string) string {
		for i, c := range cols {
			if c == "" {
				cols[i] = " "
			}
		}
		return "||" + strings.Join(cols, "||") + "||\n"
	},
	row:    func(cells ...string) string { return "|" + strings.Join(cells, "|") + "|\n" },
	symbol: func(o result.Outcome) string { return jiraSymbols[o] },
}

package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// JSON writes the report, indented.
func (r *Report) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// section is one kind of difference, as the text and markdown forms show it.
type section struct {
	title   string
	changes []Change
}

func (r *Report) sections() []section {
	return []section{
		{"New failures", r.NewFailures},
		{"Fixed", r.Fixed},
		{"Flake changes", r.FlakeChanges},
		{"Violations added or removed, same outcome", r.Violations},
		{"Coverage changes (not regressions)", r.Coverage},
	}
}

// headline sums the report up in one line.
func (r *Report) headline() string {
	return fmt.Sprintf("%d new failures, %d fixed, %d flake changes, %d with other violations, %d coverage changes, %d appeared, %d vanished, %d unchanged",
		len(r.NewFailures), len(r.Fixed), len(r.FlakeChanges), len(r.Violations), len(r.Coverage),
		len(r.Appeared)+len(r.AppearedNamespaces), len(r.Vanished)+len(r.VanishedNamespaces), r.Unchanged)
}

// Text writes the report for a terminal.
func (r *Report) Text(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("old: %s\nnew: %s\n%s\n", r.Old, r.New, r.headline())
	for _, s := range r.sections() {
		if len(s.changes) == 0 {
			continue
		}
		p("\n%s:\n", s.title)
		for _, c := range s.changes {
			p("  %s/%s: %s -> %s%s\n", c.Namespace, c.Check, c.From, c.To, informing(c))
			if c.From == "skip" || c.To == "skip" {
				p("    %s\n", reasonChange(c))
			}
			for _, v := range c.Added {
				p("    + %s: %s\n", v.RuleKey, v.Message)
			}
			for _, v := range c.Removed {
				p("    - %s\n", v.RuleKey)
			}
		}
	}
	keysText(p, "Appeared", r.Appeared, r.AppearedNamespaces)
	keysText(p, "Vanished", r.Vanished, r.VanishedNamespaces)
	return bw.Flush()
}

func keysText(p func(string, ...any), title string, ks []Key, nss []string) {
	if len(ks)+len(nss) == 0 {
		return
	}
	p("\n%s:\n", title)
	for _, ns := range nss {
		p("  namespace %s (every check)\n", ns)
	}
	for _, k := range ks {
		p("  %s/%s\n", k.Namespace, k.Check)
	}
}

func informing(c Change) string {
	if c.Informing {
		return " (informing: does not gate)"
	}
	return ""
}

func reasonChange(c Change) string {
	from, to := c.FromReason, c.ToReason
	if from == "" {
		from = "judged"
	}
	if to == "" {
		to = "judged"
	}
	return fmt.Sprintf("was: %s; now: %s", from, to)
}

// Markdown writes the report for a PR comment or a bug.
func (r *Report) Markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# HA compliance diff\n\n- old: `%s`\n- new: `%s`\n\n%s.\n", r.Old, r.New, r.headline())
	for _, s := range r.sections() {
		if len(s.changes) == 0 {
			continue
		}
		p("\n## %s\n\n| Namespace | Check | Component | Old | New | rule_keys |\n|---|---|---|---|---|---|\n", s.title)
		for _, c := range s.changes {
			var keys []string
			for _, v := range c.Added {
				keys = append(keys, "+ `"+v.RuleKey+"`")
			}
			for _, v := range c.Removed {
				keys = append(keys, "- `"+v.RuleKey+"`")
			}
			if c.From == "skip" || c.To == "skip" {
				keys = append(keys, cell(reasonChange(c)))
			}
			p("| %s | %s | %s | %s | %s%s | %s |\n", cell(c.Namespace), cell(c.Check), cell(c.Component), c.From, c.To,
				cell(informing(c)), strings.Join(keys, "<br>"))
		}
	}
	keysMarkdown(p, "Appeared", r.Appeared, r.AppearedNamespaces)
	keysMarkdown(p, "Vanished", r.Vanished, r.VanishedNamespaces)
	return bw.Flush()
}

func keysMarkdown(p func(string, ...any), title string, ks []Key, nss []string) {
	if len(ks)+len(nss) == 0 {
		return
	}
	p("\n## %s\n\n", title)
	for _, ns := range nss {
		p("- namespace `%s` (every check)\n", ns)
	}
	for _, k := range ks {
		p("- `%s` / %s\n", k.Namespace, k.Check)
	}
}

func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

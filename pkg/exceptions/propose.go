package exceptions

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Propose applies the verdicts that change an exception file to data, the
// file's bytes, and returns the new content: an exception to Remove is
// deleted with the comments above it; one to MakePermanent becomes type
// permanent with the verdict's reason and approvedBy(v), its targetVersion
// dropped (no fix is planned). changed says whether any verdict applied.
//
// The file is read as a YAML node tree, whose positions say which lines
// each exception and each of its keys span, and those lines alone are
// edited: every other byte, comments and order included, stays as it was.
// An exception written in flow style ({id: a, ...}) has no lines of its own;
// then the node tree is edited and encoded again, which keeps comments and
// order but not the layout.
func Propose(data []byte, verdicts []Verdict, approvedBy func(Verdict) string) (out []byte, changed bool, err error) {
	doc, err := parseTree(data)
	if err != nil {
		return nil, false, err
	}
	root := doc.Content[0]
	list := value(root, "exceptions")
	if list == nil || list.Kind != yaml.SequenceNode {
		return data, false, nil
	}
	byID := map[string]Verdict{}
	for _, v := range verdicts {
		if v.Action == Remove || v.Action == MakePermanent {
			byID[v.ID] = v
		}
	}
	var todo []int // indexes of the items to change
	for i, item := range list.Content {
		if id := value(item, "id"); id != nil {
			if _, ok := byID[id.Value]; ok {
				todo = append(todo, i)
			}
		}
	}
	if len(todo) == 0 {
		return data, false, nil
	}
	p := &proposal{lines: splitLines(data), root: root, list: list, byID: byID, approvedBy: approvedBy}
	if out, ok := p.byLines(todo); ok {
		return out, true, nil
	}
	out, err = p.byNodes(doc, todo)
	return out, err == nil, err
}

type proposal struct {
	lines      []string // with their line endings
	root, list *yaml.Node
	byID       map[string]Verdict
	approvedBy func(Verdict) string
}

// edit replaces lines [from, to) (0-based) with repl.
type edit struct {
	from, to int
	repl     []string
}

// byLines edits the lines of block-style items; ok is false when an item
// to change is not laid out one key per line.
func (p *proposal) byLines(todo []int) ([]byte, bool) {
	if p.list.Style&yaml.FlowStyle != 0 {
		return nil, false
	}
	var edits []edit
	for _, i := range todo {
		item := p.list.Content[i]
		if item.Kind != yaml.MappingNode || item.Style&yaml.FlowStyle != 0 {
			return nil, false
		}
		v := p.byID[value(item, "id").Value]
		start, end := p.itemSpan(i)
		if v.Action == Remove {
			edits = append(edits, edit{from: start, to: end})
			continue
		}
		es, ok := p.makePermanent(item, v, end)
		if !ok {
			return nil, false
		}
		edits = append(edits, es...)
	}
	// Bottom up, so that earlier lines keep their numbers; at the same line
	// the edit that spans lines goes first, then an insertion lands before
	// what remains there.
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Or(b.from-a.from, b.to-a.to) })
	lines := slices.Clone(p.lines)
	for _, e := range edits {
		lines = slices.Replace(lines, e.from, e.to, e.repl...)
	}
	return []byte(strings.Join(lines, "")), true
}

// itemSpan is the lines of item i, from the comments right above it to the
// comments above what follows it (the next item or the next top-level key),
// 0-based and end exclusive.
func (p *proposal) itemSpan(i int) (start, end int) {
	start = p.commentsAbove(p.list.Content[i].Line - 1)
	end = len(p.lines)
	if i+1 < len(p.list.Content) {
		end = p.commentsAbove(p.list.Content[i+1].Line - 1)
	} else if k := p.nextTopKey(); k != nil {
		end = p.commentsAbove(k.Line - 1)
	}
	return start, end
}

// commentsAbove returns the first line of the comment lines directly above
// line (0-based), or line itself when there are none.
func (p *proposal) commentsAbove(line int) int {
	for line > 0 && strings.HasPrefix(strings.TrimSpace(p.lines[line-1]), "#") {
		line--
	}
	return line
}

// nextTopKey is the top-level key after exceptions, if any.
func (p *proposal) nextTopKey() *yaml.Node {
	for i := 0; i+1 < len(p.root.Content); i += 2 {
		if p.root.Content[i+1] == p.list && i+2 < len(p.root.Content) {
			return p.root.Content[i+2]
		}
	}
	return nil
}

// makePermanent edits item's lines: type becomes permanent, reason is
// replaced (or added) with approvedBy after it, targetVersion goes.
func (p *proposal) makePermanent(item *yaml.Node, v Verdict, itemEnd int) ([]edit, bool) {
	keySpan := func(key string) (int, int, bool) {
		for i := 0; i+1 < len(item.Content); i += 2 {
			if item.Content[i].Value != key {
				continue
			}
			from := item.Content[i].Line - 1
			to := itemEnd
			if i+2 < len(item.Content) {
				to = item.Content[i+2].Line - 1
			}
			// Trailing blank and comment-only lines belong to what follows.
			for to > from+1 && strings.TrimSpace(p.lines[to-1]) == "" {
				to--
			}
			return from, to, true
		}
		return 0, 0, false
	}
	typ := value(item, "type")
	if typ == nil || typ.Kind != yaml.ScalarNode || typ.Line != value(item, "id").Line && typ.Line == item.Line {
		return nil, false
	}
	// Keys must each start their own line, in the item's column.
	col := item.Content[0].Column
	for i := 0; i < len(item.Content); i += 2 {
		if item.Content[i].Column != col {
			return nil, false
		}
	}
	indent := strings.Repeat(" ", col-1)
	line := p.lines[typ.Line-1]
	at := typ.Column - 1
	if at+len(typ.Value) > len(line) || line[at:at+len(typ.Value)] != typ.Value {
		return nil, false
	}
	edits := []edit{{typ.Line - 1, typ.Line, []string{line[:at] + string(Permanent) + line[at+len(typ.Value):]}}}
	added := []string{indent + "reason: " + scalar(v.Reason) + "\n", indent + "approvedBy: " + scalar(p.approvedBy(v)) + "\n"}
	if from, to, ok := keySpan("approvedBy"); ok {
		edits = append(edits, edit{from, to, nil})
	}
	if from, to, ok := keySpan("targetVersion"); ok {
		edits = append(edits, edit{from, to, nil})
	}
	if from, to, ok := keySpan("reason"); ok {
		edits = append(edits, edit{from, to, added})
	} else {
		// After the item's last key and its lines.
		last := item.Content[len(item.Content)-2].Value
		_, to, _ := keySpan(last)
		edits = append(edits, edit{to, to, added})
	}
	// The prefix of "- id: x" holds the first key: an edit of it would drop
	// the dash, so such items go the node way.
	for _, e := range edits[1:] {
		if e.from == item.Line-1 {
			return nil, false
		}
	}
	return edits, true
}

// byNodes edits the node tree and encodes it again.
func (p *proposal) byNodes(doc *yaml.Node, todo []int) ([]byte, error) {
	var kept []*yaml.Node
	for i, item := range p.list.Content {
		if !slices.Contains(todo, i) {
			kept = append(kept, item)
			continue
		}
		v := p.byID[value(item, "id").Value]
		if v.Action == Remove {
			continue
		}
		set(item, "type", string(Permanent))
		set(item, "reason", v.Reason)
		set(item, "approvedBy", p.approvedBy(v))
		del(item, "targetVersion")
		kept = append(kept, item)
	}
	p.list.Content = kept
	if len(kept) == 0 {
		p.list.Style = yaml.FlowStyle // "exceptions: []", not a null the loader refuses
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// parseTree reads an exception file as a YAML node tree whose top is a mapping.
func parseTree(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("want a mapping with apiVersion, kind and exceptions")
	}
	return &doc, nil
}

// splitLines splits data after each newline.
//
// A last line without a line break is given one: lines are inserted after
// any line, and one inserted after it would join it (FuzzPropose found
// "namespace: x    reason: ..." from a file that ended at "namespace: x").
func splitLines(data []byte) []string {
	s := string(data)
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s+"\n")
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// value returns the value node of key in mapping m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// set gives key the string s in mapping m, in place when the key exists,
// else after the last key, quoted when YAML would not read it back as s.
func set(m *yaml.Node, key, s string) {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if scalar(s) != s {
		n.Style = yaml.DoubleQuotedStyle
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			n.LineComment = m.Content[i+1].LineComment
			m.Content[i+1] = n
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, n)
}

// del removes key from mapping m.
func del(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = slices.Delete(m.Content, i, i+2)
			return
		}
	}
}

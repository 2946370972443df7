package fastyaml

import "bytes"

// skipBlock passes over the block value of a skipped key at column col
// without decoding it: every following line indented deeper than col, or
// at col when the value is an indentless sequence. Such a line can only
// belong elsewhere if a multi-line quoted scalar or flow collection spills
// out of the indentation, so lines that open one are refused (see
// checkSkipped). Beyond that, skipped content is not validated: a subtree
// go-yaml would reject can pass unnoticed, which is the price of not
// reading it.
func (p *parser) skipBlock(col int) error {
	if p.eof || p.col < col {
		return nil
	}
	indentless := p.col == col
	if indentless && !p.isEntry(p.pos) {
		return nil
	}
	for !p.eof && (p.col > col || (indentless && p.col == col && p.isEntry(p.pos))) {
		next, err := p.checkSkipped(p.pos)
		if err != nil {
			return err
		}
		if err := p.seek(next); err != nil {
			return err
		}
	}
	return nil
}

// checkSkipped looks at one skipped line from its first content byte i and
// returns the start of the next line. It refuses what could make the block
// end somewhere other than where indentation says: quoted scalars not
// closed on their line, flow collections with content, and anchors,
// aliases and tags.
func (p *parser) checkSkipped(i int) (int, error) {
	if next, ok := p.plainSkippedLine(i); ok {
		return next, nil
	}
	src := p.src
	// Entries, and the "? key" / ": value" lines go-yaml writes for keys
	// longer than 128 characters, open a node further along the line.
	for i < len(src) && (src[i] == '-' || src[i] == '?' || src[i] == ':') && p.blankOrEnd(i+1) {
		i++
		for i < len(src) && src[i] == ' ' {
			i++
		}
	}
	if i >= len(src) || src[i] == '\n' {
		return p.nextLine(i), nil
	}
	if src[i] != '"' && src[i] != '\'' {
		if _, after, isKey, err := p.scanKey(i); err != nil {
			return 0, err
		} else if isKey {
			i = after
			for i < len(src) && src[i] == ' ' {
				i++
			}
			if i >= len(src) {
				return i, nil
			}
		}
	} else if _, after, isKey, err := p.scanQuotedKey(i); err != nil {
		return 0, err
	} else if isKey {
		i = after
		for i < len(src) && src[i] == ' ' {
			i++
		}
		if i >= len(src) {
			return i, nil
		}
	}
	switch src[i] {
	case '"', '\'':
		end, _ := p.quoteEnd(i)
		if end < 0 {
			return 0, unsupported(i, "multi-line quoted scalar in a skipped value")
		}
		return p.endLine(end+1, false)
	case '{', '[':
		if !p.emptyFlowAt(i) {
			return 0, unsupported(i, "flow collection with content in a skipped value")
		}
		return p.endLine(i+2, false)
	case '&', '*', '!', '%', '@', '`':
		return 0, unsupported(i, "unsupported indicator in a skipped value")
	}
	return p.nextLine(i), nil
}

// skipStart marks the bytes that, starting a key or a value, need the
// careful look of checkSkipped.
var skipStart = func() (t [256]bool) {
	for _, c := range "\"'&*!%@`{[?|>#" {
		t[c] = true
	}
	return t
}()

// plainSkippedLine is checkSkipped's quick answer for the lines that make
// up nearly all of managedFields: "f:name: {}", "k:{...}:", "manager: x".
// ok is false when the line needs the careful look.
func (p *parser) plainSkippedLine(i int) (next int, ok bool) {
	src := p.src
	e := p.lineEnd(i)
	for i+1 < e && (src[i] == '-' || src[i] == ':') && src[i+1] == ' ' {
		i += 2
		for i < e && src[i] == ' ' {
			i++
		}
	}
	if i >= e || skipStart[src[i]] {
		return 0, false
	}
	k := bytes.Index(src[i:e], []byte(": "))
	if k >= 0 {
		v := i + k + 2
		for v < e && src[v] == ' ' {
			v++
		}
		if v < e && skipStart[src[v]] {
			if !p.emptyFlowAt(v) || !blankTail(src[v+2:e]) {
				return 0, false
			}
		}
	}
	if e < len(src) {
		e++
	}
	return e, true
}

func blankTail(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

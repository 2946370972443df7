package fastyaml

import (
	"bytes"
	"encoding/binary"
)

// parser walks a block-style YAML document line by line and appends its JSON
// form to out. Between nodes it is always positioned on the first non-space
// byte of a content line (pos, at column col) or at the end (eof); blank and
// comment-only lines are never seen by the node functions.
type parser struct {
	src   []byte
	out   []byte
	pos   int
	col   int
	eof   bool
	skip  [][]string
	prune map[string][][]string
	lay   *Layout // nil when the caller does not want it

	lastKind, lastAPIVersion string // see keep

	markerOK bool // the first content line may be "---"

	path  [][]byte   // keys of the enclosing mappings, outermost first
	ppath []pathElem // path with the sequence entries between them, for Prune
	keys  [][]byte   // keys of every open mapping, for duplicate detection
}

// lineEnd returns the index of the '\n' ending the line holding i, or
// len(src).
func (p *parser) lineEnd(i int) int {
	if j := bytes.IndexByte(p.src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(p.src)
}

// nextLine returns the start of the line after the one holding i.
func (p *parser) nextLine(i int) int {
	e := p.lineEnd(i)
	if e < len(p.src) {
		e++
	}
	return e
}

// blankOrEnd reports whether i is past the end, a space, a tab or a line
// break: what must follow ':' and '-' for them to be indicators.
func (p *parser) blankOrEnd(i int) bool {
	if i >= len(p.src) {
		return true
	}
	c := p.src[i]
	return c == ' ' || c == '\t' || c == '\n'
}

// skipSpaces returns the first index from i that does not hold a space.
// Indentation is deep in Lists (managedFields lines start with 10 to 20
// spaces): it is read eight bytes at a time.
func skipSpaces(src []byte, i int) int {
	for i+8 <= len(src) && binary.LittleEndian.Uint64(src[i:]) == 0x2020202020202020 {
		i += 8
	}
	for i < len(src) && src[i] == ' ' {
		i++
	}
	return i
}

// seek moves from the line starting at i to the next content line.
func (p *parser) seek(i int) error {
	src := p.src
	for i < len(src) {
		k := skipSpaces(src, i)
		if k == len(src) {
			break
		}
		switch src[k] {
		case '\n':
			i = k + 1
			continue
		case '#':
			i = p.nextLine(k)
			continue
		case '\t':
			return unsupported(k, "tab in indentation")
		}
		if k == i && p.docMarker(k) && !(p.markerOK && src[k] == '-') {
			return unsupported(k, "document marker")
		}
		p.pos, p.col, p.eof = k, k-i, false
		return nil
	}
	p.pos, p.col, p.eof = len(src), -1, true
	return nil
}

// docMarker reports whether "---" or "..." starts at i and stands alone.
func (p *parser) docMarker(i int) bool {
	s := p.src[i:]
	return len(s) >= 3 && (string(s[:3]) == "---" || string(s[:3]) == "...") && p.blankOrEnd(i+3)
}

// endLine checks that only blanks and a comment follow position i on its
// line, and returns the start of the next line. blank says whether the
// byte before i was a blank, which a comment needs.
func (p *parser) endLine(i int, blank bool) (int, error) {
	src := p.src
	for ; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t':
			blank = true
		case '\n':
			return i + 1, nil
		case '#':
			if !blank {
				return 0, unsupported(i, "comment not preceded by a blank")
			}
			return p.nextLine(i), nil
		default:
			return 0, unsupported(i, "unexpected content after a value")
		}
	}
	return i, nil
}

// isEntry reports whether a block sequence entry ("- " or a lone "-")
// starts at i.
func (p *parser) isEntry(i int) bool {
	return p.src[i] == '-' && p.blankOrEnd(i+1)
}

// document parses the whole input as one document.
func (p *parser) document() error {
	p.markerOK = true
	err := p.seek(0)
	p.markerOK = false
	if err != nil {
		return err
	}
	if !p.eof && p.col == 0 && string(p.src[p.pos:min(p.pos+3, len(p.src))]) == "---" && p.blankOrEnd(p.pos+3) {
		next, err := p.endLine(p.pos+3, false)
		if err != nil {
			return unsupported(p.pos, "content after ---")
		}
		if err := p.seek(next); err != nil {
			return err
		}
	}
	if p.eof {
		if p.lay != nil {
			p.lay.Root.Start = len(p.out)
		}
		p.out = append(p.out, "null"...)
		if p.lay != nil {
			p.lay.Root.End = len(p.out)
		}
		return nil
	}
	if !p.isEntry(p.pos) {
		if _, _, isKey, err := p.scanKey(p.pos); err != nil || !isKey {
			return unsupported(p.pos, "document root is not a mapping or sequence")
		}
	}
	start := len(p.out)
	if err := p.node(p.col, -1, nodeCtx{role: roleDoc}); err != nil {
		return err
	}
	if p.lay != nil && !p.lay.Root.Mapping {
		p.lay.Root.Start, p.lay.Root.End = start, len(p.out)
	}
	if !p.eof {
		return unsupported(p.pos, "content after the document root")
	}
	return nil
}

package fastyaml

// skipBlock passes over the block value of a skipped or pruned key at
// column col without converting it: every following line indented deeper
// than col, or at col when the value is an indentless sequence. Lines are
// read only as far as needed to tell where scalars end (see checkSkipped),
// because a multi-line quoted scalar or flow collection could spill out of
// the indentation; what could not be followed safely is refused. Beyond
// that, skipped content is not validated: a subtree go-yaml would reject
// can pass unnoticed, which is the price of not reading it.
func (p *parser) skipBlock(col int) error {
	if p.eof || p.col < col {
		return nil
	}
	indentless := p.col == col
	if indentless && !p.isEntry(p.pos) {
		return nil
	}
	// The skipped key's value may be a scalar on the next line, belonging
	// to the key's mapping at col.
	st := skipState{opaque: -1, pending: col}
	for !p.eof && (p.col > col || (indentless && p.col == col && p.isEntry(p.pos))) {
		next, err := p.checkSkipped(p.pos, &st)
		if err != nil {
			return err
		}
		if st.opaque >= 0 {
			next = p.skipOpaque(next, st.opaque)
			st.opaque = -1
		}
		if err := p.seek(next); err != nil {
			return err
		}
	}
	return nil
}

// skipState carries from one skipped line to the next what decides how
// the next line reads.
type skipState struct {
	// opaque, when not -1, says that the line just read opened a plain or
	// block scalar in a collection at that column: the following lines
	// indented deeper are its text, passed over unread.
	opaque int
	// pending, when not -1, says that the line just read ended with a key
	// or an entry whose value starts on a later line, in a collection at
	// that column.
	pending int
}

// skipOpaque returns the start of the first line from i, a line start,
// that is neither blank nor indented deeper than n.
func (p *parser) skipOpaque(i, n int) int {
	src := p.src
	for i < len(src) {
		k := skipSpaces(src, i)
		switch {
		case k >= len(src):
			return len(src)
		case src[k] == '\n':
			i = k + 1
		case k-i <= n:
			return i
		default:
			i = p.nextLine(k)
		}
	}
	return i
}

// checkSkipped reads one skipped line from its first content byte i and
// returns the start of the next line, recording in st what the line
// opened. It follows quoted scalars over lines, notes plain and block
// scalars whose text may go on, and refuses what it cannot follow: flow
// collections with content, anchors, aliases and tags, and lines where
// no node can start.
func (p *parser) checkSkipped(i int, st *skipState) (int, error) {
	src := p.src
	lineStart := i - p.col
	parent := st.pending
	st.pending = -1
	// Entries, and the "? key" / ": value" lines go-yaml writes for keys
	// longer than 128 characters, open a node further along the line.
	for i < len(src) && (src[i] == '-' || src[i] == '?' || src[i] == ':') && p.blankOrEnd(i+1) {
		parent = i - lineStart
		i++
		for i < len(src) && src[i] == ' ' {
			i++
		}
	}
	if i >= len(src) || src[i] == '\n' || src[i] == '#' {
		st.pending = parent // "-" alone: the entry's node is on a later line
		return p.nextLine(i), nil
	}
	switch src[i] {
	case '"', '\'':
		if _, after, isKey, err := p.scanQuotedKey(i); err != nil {
			return 0, err
		} else if isKey {
			return p.skippedValue(after, i-lineStart, st)
		}
		return p.skippedQuoted(i, parent)
	case '\t':
		return 0, unsupported(i, "tab after an indicator in a skipped value")
	}
	if after, isKey := p.skippedKey(i); isKey {
		return p.skippedValue(after, i-lineStart, st)
	}
	return p.skippedScalar(i, parent, st)
}

// skippedKey finds the ':' of a plain key starting at i: the first ':'
// followed by a blank or the line end, before any comment. A plain scalar
// cannot hold ": ", so on a node's first line this is exact.
func (p *parser) skippedKey(i int) (after int, isKey bool) {
	src := p.src
	for j := i; j < len(src); j++ {
		if !keyStop[src[j]] {
			continue
		}
		switch src[j] {
		case '\n':
			return 0, false
		case ':':
			if p.blankOrEnd(j + 1) {
				return j + 1, true
			}
		case '#':
			if j > i && (src[j-1] == ' ' || src[j-1] == '\t') {
				return 0, false
			}
		}
	}
	return 0, false
}

// skippedValue reads what follows a skipped key's ':' at after, the key
// being at column keyCol.
func (p *parser) skippedValue(after, keyCol int, st *skipState) (int, error) {
	src := p.src
	j := after
	for j < len(src) && src[j] == ' ' {
		j++
	}
	switch {
	case j < len(src) && src[j] == '\t':
		return 0, unsupported(j, "tab after ':' in a skipped value")
	case j >= len(src) || src[j] == '\n' || src[j] == '#':
		st.pending = keyCol
		return p.nextLine(j), nil
	case src[j] == '"' || src[j] == '\'':
		return p.skippedQuoted(j, keyCol)
	case (src[j] == '-' || src[j] == '?' || src[j] == ':') && p.blankOrEnd(j+1):
		return 0, unsupported(j, "indicator where a scalar was expected in a skipped value")
	}
	return p.skippedScalar(j, keyCol, st)
}

// skippedScalar reads a node at i that is not a key, nor quoted, in a
// collection at column parent (-1 when none can start here).
func (p *parser) skippedScalar(i, parent int, st *skipState) (int, error) {
	src := p.src
	if parent < 0 {
		return 0, unsupported(i, "unexpected line in a skipped value")
	}
	switch src[i] {
	case '{', '[':
		if !p.emptyFlowAt(i) {
			return 0, unsupported(i, "flow collection with content in a skipped value")
		}
		return p.endLine(i+2, false)
	case '&', '*', '!', '%', '@', '`':
		return 0, unsupported(i, "unsupported indicator in a skipped value")
	}
	// A plain scalar, or a block scalar after "|" or ">": either way, its
	// text is on the lines indented deeper than its collection.
	st.opaque = parent
	return p.nextLine(i), nil
}

// skippedQuoted follows the quoted scalar opened at i, in a collection at
// column parent, to its closing quote, and returns the start of the next
// line. Continuation lines must be indented deeper than parent, as
// quoted() demands.
func (p *parser) skippedQuoted(i, parent int) (int, error) {
	src := p.src
	if parent < 0 {
		return 0, unsupported(i, "unexpected quoted scalar in a skipped value")
	}
	double := src[i] == '"'
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\' && double:
			if j+1 < len(src) && src[j+1] != '\n' {
				j++ // the escaped byte; an escaped line break is a line break below
			}
		case c == '"' && double, c == '\'' && !double:
			if !double && j+1 < len(src) && src[j+1] == '\'' {
				j++
				continue
			}
			return p.endLine(j+1, false)
		case c == '\n':
			k, err := p.continued(j+1, parent)
			if err != nil {
				return 0, err
			}
			j = k - 1
		}
	}
	return 0, unsupported(i, "unterminated quoted scalar")
}

// continued returns the first content byte of the line continuing a
// quoted scalar from the line start i, past blank lines, refusing a line
// not indented deeper than parent.
func (p *parser) continued(i, parent int) (int, error) {
	src := p.src
	for i < len(src) {
		k := i
		for k < len(src) && src[k] == ' ' {
			k++
		}
		switch {
		case k >= len(src):
			return k, nil
		case src[k] == '\t':
			return 0, unsupported(k, "tab in indentation")
		case src[k] == '\n':
			i = k + 1
		case k-i <= parent:
			return 0, unsupported(k, "quoted scalar continued without indentation")
		default:
			return k, nil
		}
	}
	return i, nil
}

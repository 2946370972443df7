package fastyaml

// node parses the node that starts at p.pos (column col) at the beginning
// of a line or after "- ": a block sequence, a block mapping or a scalar.
// parent is the column of the innermost enclosing block collection, which
// bounds where multi-line scalars may continue (-1 at the root). nc is
// what the node is to the Layout and to pruning.
func (p *parser) node(col, parent int, nc nodeCtx) error {
	if p.isEntry(p.pos) {
		return p.sequence(col, false, nc)
	}
	key, after, isKey, err := p.scanKey(p.pos)
	if err != nil {
		return err
	}
	if isKey {
		return p.mapping(col, key, after, nc)
	}
	return p.inlineValue(p.pos, parent)
}

// mapping parses a block mapping at column col whose first key has been
// scanned already; after is the position just past its ':'.
func (p *parser) mapping(col int, key []byte, after int, nc nodeCtx) error {
	start := len(p.out)
	p.out = append(p.out, '{')
	keysStart := len(p.keys)
	root := nc.role == roleDoc || nc.role == roleItem
	st := rootState{keysStart: keysStart}
	paths := nc.paths
	first := true
	for {
		if err := p.addKey(keysStart, key); err != nil {
			return err
		}
		skip := p.skipped(key) || (paths != nil && p.prunedHere(paths, nc.depth, key))
		mark := len(p.out)
		var child nodeCtx
		if !skip {
			if !first {
				p.out = append(p.out, ',')
			}
			p.out = appendQuoted(p.out, key)
			p.out = append(p.out, ':')
			if paths != nil {
				child = p.below(paths, nc.depth, key)
			}
			if nc.role == roleDoc && string(key) == "items" {
				child.role = roleItems
			}
		}
		valueStart := len(p.out)
		p.path = append(p.path, key)
		p.ppath = append(p.ppath, pathElem{key: key})
		err := p.mappingValue(col, after, skip, child)
		p.path = p.path[:len(p.path)-1]
		p.ppath = p.ppath[:len(p.ppath)-1]
		if err != nil {
			return err
		}
		if skip {
			p.out = p.out[:mark]
		} else {
			first = false
			if root {
				paths = p.rootKey(&st, key, valueStart, paths)
			}
			if child.role == roleItems && p.lay != nil && p.out[valueStart] == '[' {
				p.lay.HasItems, p.lay.ItemsStart, p.lay.ItemsEnd = true, valueStart, len(p.out)
			}
		}
		if p.eof || p.col < col {
			break
		}
		if p.col > col {
			return unsupported(p.pos, "line indented deeper than its mapping")
		}
		var isKey bool
		key, after, isKey, err = p.scanKey(p.pos)
		if err != nil {
			return err
		}
		if !isKey {
			return unsupported(p.pos, "expected a mapping key")
		}
	}
	p.keys = p.keys[:keysStart]
	p.out = append(p.out, '}')
	if root && p.lay != nil {
		p.record(nc.role, start, st.obj)
	}
	return nil
}

// mappingValue parses the value of a key of the mapping at column col,
// starting just past the key's ':'.
func (p *parser) mappingValue(col, after int, skip bool, nc nodeCtx) error {
	src := p.src
	j := after
	for j < len(src) && src[j] == ' ' {
		j++
	}
	if j < len(src) && src[j] == '\t' {
		return unsupported(j, "tab after ':'")
	}
	if j < len(src) && src[j] != '\n' && src[j] != '#' {
		return p.inlineValue(j, col)
	}
	// The value, if any, is on the following lines.
	if err := p.seek(p.nextLine(after)); err != nil {
		return err
	}
	if skip {
		return p.skipBlock(col)
	}
	switch {
	case !p.eof && p.col > col:
		return p.node(p.col, col, nc)
	case !p.eof && p.col == col && p.isEntry(p.pos):
		return p.sequence(col, true, nc)
	}
	p.out = append(p.out, "null"...)
	return nil
}

// sequence parses a block sequence whose entries start at column col. An
// indentless sequence (the value of a mapping key written at the key's own
// column, as kubectl does) ends at the first line that is not an entry.
// nc is what the sequence is: the document root's items, whose entries
// are objects, or a node the pruned paths go through by AnyEntry.
func (p *parser) sequence(col int, indentless bool, nc nodeCtx) error {
	src := p.src
	items := nc.role == roleItems
	var entries nodeCtx
	if !items && nc.paths != nil {
		entries = p.belowEntry(nc.paths, nc.depth)
	}
	// An error ends the conversion, so only the way out below pops this.
	p.ppath = append(p.ppath, pathElem{entry: true})
	p.out = append(p.out, '[')
	for first := true; ; first = false {
		if !first {
			p.out = append(p.out, ',')
		}
		entry := entries
		if items {
			entry.role = roleItem
			p.openItem()
		}
		dash := p.pos
		j := dash + 1
		for j < len(src) && src[j] == ' ' {
			j++
		}
		if j < len(src) && src[j] == '\t' {
			return unsupported(j, "tab after '-'")
		}
		if j < len(src) && src[j] != '\n' && src[j] != '#' {
			p.pos = j
			if err := p.node(col+j-dash, col, entry); err != nil {
				return err
			}
		} else {
			if err := p.seek(p.nextLine(dash)); err != nil {
				return err
			}
			if !p.eof && p.col > col {
				if err := p.node(p.col, col, entry); err != nil {
					return err
				}
			} else {
				p.out = append(p.out, "null"...)
			}
		}
		if items {
			p.closeItem()
		}
		if p.eof || p.col < col {
			break
		}
		if p.col > col {
			return unsupported(p.pos, "line indented deeper than its sequence")
		}
		if !p.isEntry(p.pos) {
			if indentless {
				break
			}
			return unsupported(p.pos, "expected a sequence entry")
		}
	}
	p.ppath = p.ppath[:len(p.ppath)-1]
	p.out = append(p.out, ']')
	return nil
}

// inlineValue parses a scalar (or an empty flow collection) starting at i,
// then moves to the next content line. parent is the column of the
// enclosing block collection.
func (p *parser) inlineValue(i, parent int) error {
	src := p.src
	var next int
	var err error
	switch c := src[i]; c {
	case '"', '\'':
		next, err = p.quoted(i, parent)
	case '|':
		next, err = p.literal(i, parent)
	case '{', '[':
		next, err = p.emptyFlow(i)
	case '-', '?', ':':
		if p.blankOrEnd(i + 1) {
			return unsupported(i, "indicator where a scalar was expected")
		}
		next, err = p.plain(i, parent)
	case '>', '&', '*', '!', '%', '@', '`', ',', ']', '}', '#':
		return unsupported(i, "unsupported node indicator "+string(c))
	default:
		next, err = p.plain(i, parent)
	}
	if err != nil {
		return err
	}
	return p.seek(next)
}

// emptyFlow accepts the empty flow collections "{}" and "[]" only.
func (p *parser) emptyFlow(i int) (int, error) {
	if !p.emptyFlowAt(i) {
		return 0, unsupported(i, "flow collection with content")
	}
	p.out = append(p.out, p.src[i], p.src[i+1])
	return p.endLine(i+2, false)
}

// emptyFlowAt reports whether "{}" or "[]" starts at i.
func (p *parser) emptyFlowAt(i int) bool {
	src := p.src
	return i+1 < len(src) && ((src[i] == '{' && src[i+1] == '}') || (src[i] == '[' && src[i+1] == ']'))
}

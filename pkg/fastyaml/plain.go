package fastyaml

// plainStop marks the bytes at which a plain scalar's line needs a closer
// look: the line end, a possible ": " and a possible " #".
var plainStop = func() (t [256]bool) {
	t['\n'], t[':'], t['#'] = true, true, true
	return t
}()

// plain parses a plain scalar starting at i. A scalar on one line is typed
// (bool, number, null or string); one continued on more-indented lines is
// folded into a string, as go-yaml does.
func (p *parser) plain(i, parent int) (int, error) {
	src := p.src
	end, next, comment, err := p.plainLine(i)
	if err != nil {
		return 0, err
	}
	more, breaks, k := false, 0, 0
	if !comment {
		if more, breaks, k, err = p.continuation(next, parent); err != nil {
			return 0, err
		}
	}
	if !more {
		p.out, err = appendPlain(p.out, src[i:end], i)
		return next, err
	}
	out := append(p.out, '"')
	out = appendEscaped(out, src[i:end])
	for more {
		if breaks == 0 {
			out = append(out, ' ')
		}
		for ; breaks > 0; breaks-- {
			out = append(out, '\\', 'n')
		}
		if end, next, comment, err = p.plainLine(k); err != nil {
			return 0, err
		}
		out = appendEscaped(out, src[k:end])
		if comment {
			break
		}
		if more, breaks, k, err = p.continuation(next, parent); err != nil {
			return 0, err
		}
	}
	p.out = append(out, '"')
	return next, nil
}

// plainLine scans one line of a plain scalar from i. It returns the end of
// the content (trailing blanks dropped), the start of the next line and
// whether a comment ended the line. ": " inside is refused: go-yaml would
// either fail or start a mapping there.
func (p *parser) plainLine(i int) (end, next int, comment bool, err error) {
	src := p.src
	j := i
	for ; j < len(src); j++ {
		if !plainStop[src[j]] {
			continue
		}
		switch src[j] {
		case '\n':
			return trimBlanks(src, i, j), j + 1, false, nil
		case ':':
			if p.blankOrEnd(j + 1) {
				return 0, 0, false, unsupported(j, "': ' inside a plain scalar")
			}
		case '#':
			if j > i && (src[j-1] == ' ' || src[j-1] == '\t') {
				return trimBlanks(src, i, j), p.nextLine(j), true, nil
			}
		}
	}
	return trimBlanks(src, i, j), j, false, nil
}

// continuation looks past the line break ending a plain scalar's line,
// starting at the line start j: it reports whether the scalar goes on, how
// many empty lines come first and where the next content starts.
func (p *parser) continuation(j, parent int) (more bool, breaks, k int, err error) {
	src := p.src
	for j < len(src) {
		k = j
		for k < len(src) && src[k] == ' ' {
			k++
		}
		if k == len(src) {
			return false, 0, 0, nil
		}
		switch src[k] {
		case '\n':
			breaks++
			j = k + 1
			continue
		case '\t':
			return false, 0, 0, unsupported(k, "tab in indentation")
		case '#':
			return false, 0, 0, nil
		}
		return k-j > parent, breaks, k, nil
	}
	return false, 0, 0, nil
}

func trimBlanks(src []byte, i, j int) int {
	for j > i && (src[j-1] == ' ' || src[j-1] == '\t') {
		j--
	}
	return j
}

package fastyaml

import "unicode/utf8"

// quoted parses a single- or double-quoted scalar starting at i, possibly
// spread over several lines, and writes it as a JSON string. Line folding
// follows go-yaml: blanks before a line break are dropped, a single break
// becomes a space, n empty lines become n newlines, the next line's leading
// blanks are dropped, and in double quotes "\" before a break joins the
// lines. Continuation lines must be indented past the enclosing collection
// (go-yaml does not insist; kubectl always does it).
func (p *parser) quoted(i, parent int) (int, error) {
	src := p.src
	double := src[i] == '"'
	stop := &singleStop
	if double {
		stop = &doubleStop
	}
	out := append(p.out, '"')
	j := i + 1
	for {
		seg := j
		escapedBreak := false
	line:
		for {
			for j < len(src) && !stop[src[j]] {
				j++
			}
			if j >= len(src) {
				return 0, unsupported(i, "unterminated quoted scalar")
			}
			switch c := src[j]; {
			case c == '"' && double:
				out = appendEscaped(out, src[seg:j])
				p.out = append(out, '"')
				return p.endLine(j+1, false)
			case c == '\'' && !double:
				if j+1 < len(src) && src[j+1] == '\'' {
					out = appendEscaped(out, src[seg:j+1])
					j += 2
					seg = j
					continue
				}
				out = appendEscaped(out, src[seg:j])
				p.out = append(out, '"')
				return p.endLine(j+1, false)
			case c == '\\' && double:
				out = appendEscaped(out, src[seg:j])
				if j+1 < len(src) && src[j+1] == '\n' {
					j += 2
					escapedBreak = true
					break line
				}
				r, n, err := p.escape(j)
				if err != nil {
					return 0, err
				}
				if r < utf8.RuneSelf {
					out = appendEscapedByte(out, byte(r))
				} else {
					out = utf8.AppendRune(out, r)
				}
				j += n
				seg = j
			case c == '\n':
				end := j
				for end > seg && (src[end-1] == ' ' || src[end-1] == '\t') {
					end--
				}
				out = appendEscaped(out, src[seg:end])
				j++
				break line
			default:
				j++
			}
		}
		breaks := 0
		for {
			k := j
			for k < len(src) && src[k] == ' ' {
				k++
			}
			if k >= len(src) {
				return 0, unsupported(i, "unterminated quoted scalar")
			}
			if src[k] == '\t' {
				return 0, unsupported(k, "tab in indentation")
			}
			if src[k] == '\n' {
				breaks++
				j = k + 1
				continue
			}
			if k-j <= parent {
				return 0, unsupported(k, "quoted scalar continued without indentation")
			}
			j = k
			break
		}
		if breaks == 0 && !escapedBreak {
			out = append(out, ' ')
		}
		for ; breaks > 0; breaks-- {
			out = append(out, '\\', 'n')
		}
	}
}

// doubleStop and singleStop mark the bytes a quoted scalar's scan stops at.
var doubleStop, singleStop = func() (d, s [256]bool) {
	d['"'], d['\\'], d['\n'] = true, true, true
	s['\''], s['\n'] = true, true
	return d, s
}()

// quoteEnd returns the index of the quote closing the scalar opened at i
// when it closes on the same line, else -1, and whether the content holds
// escapes.
func (p *parser) quoteEnd(i int) (end int, escaped bool) {
	src := p.src
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\n':
			return -1, false
		case '\\':
			if q == '"' {
				if j+1 < len(src) && src[j+1] == '\n' {
					return -1, false
				}
				escaped = true
				j++
			}
		case q:
			if q == '\'' && j+1 < len(src) && src[j+1] == '\'' {
				escaped = true
				j++
				continue
			}
			return j, escaped
		}
	}
	return -1, false
}

// unescapeLine decodes the one-line quoted scalar src[i:end+1] into new
// storage.
func (p *parser) unescapeLine(i, end int) ([]byte, error) {
	src := p.src
	out := make([]byte, 0, end-i)
	for j := i + 1; j < end; j++ {
		c := src[j]
		switch {
		case c == '\'' && src[i] == '\'':
			out = append(out, '\'')
			j++
		case c == '\\' && src[i] == '"':
			r, n, err := p.escape(j)
			if err != nil {
				return nil, err
			}
			out = utf8.AppendRune(out, r)
			j += n - 1
		default:
			out = append(out, c)
		}
	}
	return out, nil
}

// escape decodes the double-quoted escape sequence at src[i] == '\\' and
// returns the character and the number of bytes it spans. The set is
// go-yaml's: no "\/".
func (p *parser) escape(i int) (rune, int, error) {
	src := p.src
	if i+1 >= len(src) {
		return 0, 0, unsupported(i, "escape at end of input")
	}
	digits := 0
	var r rune
	switch src[i+1] {
	case '0':
		r = 0
	case 'a':
		r = '\a'
	case 'b':
		r = '\b'
	case 't', '\t':
		r = '\t'
	case 'n':
		r = '\n'
	case 'v':
		r = '\v'
	case 'f':
		r = '\f'
	case 'r':
		r = '\r'
	case 'e':
		r = 0x1B
	case ' ', '"', '\'', '\\':
		r = rune(src[i+1])
	case 'N':
		r = 0x85
	case '_':
		r = 0xA0
	case 'L':
		r = 0x2028
	case 'P':
		r = 0x2029
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		return 0, 0, unsupported(i, "unknown escape")
	}
	if digits == 0 {
		return r, 2, nil
	}
	if i+2+digits > len(src) {
		return 0, 0, unsupported(i, "short hexadecimal escape")
	}
	v := 0
	for _, c := range src[i+2 : i+2+digits] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return 0, 0, unsupported(i, "bad hexadecimal escape")
		}
	}
	if (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF {
		return 0, 0, unsupported(i, "escape of an invalid code point")
	}
	return rune(v), 2 + digits, nil
}

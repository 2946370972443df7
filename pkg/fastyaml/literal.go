package fastyaml

// literal parses a literal block scalar ("|", "|-", "|+", optionally with an
// indentation digit) whose indicator is at i. kubectl writes every string
// holding a line break this way. The content indentation is the digit past
// the enclosing collection's column, else that of the first non-empty line;
// chomping keeps one final line break ("|"), none ("|-") or all ("|+").
func (p *parser) literal(i, parent int) (int, error) {
	src := p.src
	chomp, increment := 0, 0
	j := i + 1
	for n := 0; n < 2 && j < len(src); n++ {
		switch c := src[j]; {
		case (c == '-' || c == '+') && chomp == 0:
			chomp = 1
			if c == '-' {
				chomp = -1
			}
			j++
		case c >= '1' && c <= '9' && increment == 0:
			increment = int(c - '0')
			j++
		}
	}
	next, err := p.endLine(j, false)
	if err != nil {
		return 0, err
	}
	indent := increment
	if increment > 0 && parent >= 0 {
		indent = parent + increment
	}
	out := append(p.out, '"')
	// Leading empty lines, and the indentation when it is not given.
	j = next
	breaks := 0
	maxIndent := 0
	for j < len(src) {
		k := j
		for k < len(src) && src[k] == ' ' && (indent == 0 || k-j < indent) {
			k++
		}
		maxIndent = max(maxIndent, k-j)
		if k < len(src) && src[k] == '\t' && (indent == 0 || k-j < indent) {
			return 0, unsupported(k, "tab in block scalar indentation")
		}
		if k < len(src) && src[k] == '\n' {
			breaks++
			j = k + 1
			continue
		}
		if indent == 0 {
			indent = max(maxIndent, parent+1, 1)
			if k < len(src) && k-j < indent && maxIndent > k-j {
				return 0, unsupported(k, "blank lines indented deeper than the block scalar")
			}
		}
		break
	}
	if indent == 0 {
		indent = max(maxIndent, parent+1, 1)
	}
	lineBreak := false
	for j < len(src) {
		if !p.indented(j, indent) {
			break
		}
		if lineBreak {
			out = append(out, '\\', 'n')
		}
		for ; breaks > 0; breaks-- {
			out = append(out, '\\', 'n')
		}
		e := p.lineEnd(j)
		out = appendEscaped(out, src[j+indent:e])
		lineBreak = e < len(src)
		j = e
		if lineBreak {
			j++
		}
		// Empty lines after it: up to indent spaces and a break.
		for j < len(src) {
			k := j
			for k < len(src) && src[k] == ' ' && k-j < indent {
				k++
			}
			if k < len(src) && src[k] == '\t' && k-j < indent {
				return 0, unsupported(k, "tab in block scalar indentation")
			}
			if k >= len(src) || src[k] != '\n' {
				break
			}
			breaks++
			j = k + 1
		}
	}
	if chomp >= 0 && lineBreak {
		out = append(out, '\\', 'n')
	}
	if chomp > 0 {
		for ; breaks > 0; breaks-- {
			out = append(out, '\\', 'n')
		}
	}
	p.out = append(out, '"')
	return j, nil
}

// indented reports whether the line starting at j has at least indent
// leading spaces and something after them: a line of the block scalar.
func (p *parser) indented(j, indent int) bool {
	src := p.src
	if j+indent >= len(src) {
		return false
	}
	for k := j; k < j+indent; k++ {
		if src[k] != ' ' {
			return false
		}
	}
	return true
}

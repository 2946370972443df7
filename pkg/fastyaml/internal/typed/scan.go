package typed

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// strStop marks the bytes that end the fast scan of a string.
var strStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// str reads a JSON string value.
func (d *decoder) str() (string, error) {
	b, err := d.strBytes()
	if err != nil {
		return "", err
	}
	return intern(b), nil
}

// strBytes reads the JSON string at d.pos. The result aliases the input
// unless the string held escapes.
func (d *decoder) strBytes() ([]byte, error) {
	start := d.pos + 1
	i := start
	high := false
	for i < len(d.data) {
		c := d.data[i]
		if !strStop[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			d.pos = i + 1
			s := d.data[start:i]
			if high && !utf8.Valid(s) {
				return nil, d.refuse("invalid UTF-8")
			}
			return s, nil
		case c == '\\':
			return d.unescape(start)
		case c >= 0x80:
			high = true
			i++
		default:
			return nil, d.refuse("control character in a string")
		}
	}
	return nil, d.refuse("unterminated string")
}

// skipString passes over the string at d.pos without decoding it: a
// quote ends it unless an odd number of backslashes precede it.
func (d *decoder) skipString() error {
	first := d.pos + 1
	for i := first; ; {
		j := bytes.IndexByte(d.data[i:], '"')
		if j < 0 {
			return d.refuse("unterminated string")
		}
		q := i + j
		n := 0
		for q-1-n >= first && d.data[q-1-n] == '\\' {
			n++
		}
		if n%2 == 0 {
			d.pos = q + 1
			return nil
		}
		i = q + 1
	}
}

// unescape decodes a string holding escapes, from its first byte start.
func (d *decoder) unescape(start int) ([]byte, error) {
	d.pos = start - 1
	if err := d.skipString(); err != nil {
		return nil, err
	}
	out := make([]byte, 0, d.pos-start)
	i := start
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			if !utf8.Valid(out) {
				return nil, d.refuse("invalid UTF-8")
			}
			return out, nil
		case c < 0x20:
			return nil, d.refuse("control character in a string")
		case c != '\\':
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= len(d.data) {
			break
		}
		switch e := d.data[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if i+6 > len(d.data) {
				return nil, d.refuse("short \\u escape")
			}
			r, err := strconv.ParseUint(string(d.data[i+2:i+6]), 16, 32)
			if err != nil || (r >= 0xD800 && r <= 0xDFFF) {
				return nil, d.refuse("\\u escape this package does not decode")
			}
			out = utf8.AppendRune(out, rune(r))
			i += 6
			continue
		default:
			return nil, d.refuse("bad escape")
		}
		i += 2
	}
	return nil, d.refuse("unterminated string")
}

// skip passes over one value of any kind.
func (d *decoder) skip() error {
	if d.pos >= len(d.data) {
		return d.refuse("unexpected end")
	}
	switch d.data[d.pos] {
	case '"':
		return d.skipString()
	case '{', '[':
		depth := 0
		for d.pos < len(d.data) {
			switch d.data[d.pos] {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					d.pos++
					return nil
				}
			case '"':
				if err := d.skipString(); err != nil {
					return err
				}
				continue
			}
			d.pos++
		}
		return d.refuse("unterminated value")
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	}
	start := d.pos
	for d.pos < len(d.data) && numberByte[d.data[d.pos]] {
		d.pos++
	}
	if !validNumber(d.data[start:d.pos]) {
		return d.refuse("bad number")
	}
	return nil
}

// generic decodes any value the way encoding/json fills an empty
// interface: map[string]any, []any, string, float64, bool or nil.
func (d *decoder) generic() (any, error) {
	if d.pos >= len(d.data) {
		return nil, d.refuse("unexpected end")
	}
	switch d.data[d.pos] {
	case '{':
		d.pos++
		m := map[string]any{}
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
			return m, nil
		}
		for {
			k, err := d.key()
			if err != nil {
				return nil, err
			}
			v, err := d.generic()
			if err != nil {
				return nil, err
			}
			m[string(k)] = v
			if done, err := d.next('}'); done || err != nil {
				return m, err
			}
		}
	case '[':
		d.pos++
		a := []any{}
		if d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			return a, nil
		}
		for {
			v, err := d.generic()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
			if done, err := d.next(']'); done || err != nil {
				return a, err
			}
		}
	case '"':
		return d.str()
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	case 'n':
		return nil, d.literal("null")
	}
	start := d.pos
	for d.pos < len(d.data) && numberByte[d.data[d.pos]] {
		d.pos++
	}
	s := d.data[start:d.pos]
	if !validNumber(s) {
		return nil, d.refuse("bad number")
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		return nil, d.refuse("number out of float64 range")
	}
	return f, nil
}

// validNumber checks the JSON number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(s []byte) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

package fastyaml

import (
	"math"
	"strconv"
)

// needsEscape marks the bytes a JSON string cannot hold as they are. After
// checkChars only '\t' and '\n' remain among the control characters, but
// escape sequences in double-quoted YAML can produce any of them.
var needsEscape = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

const hexDigits = "0123456789abcdef"

// appendEscaped appends s to dst with JSON string escaping, without quotes.
// HTML characters are left alone: the bytes differ from encoding/json's, the
// decoded strings do not.
func appendEscaped(dst, s []byte) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !needsEscape[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	return append(dst, s[start:]...)
}

// appendEscapedByte appends one byte of decoded string content.
func appendEscapedByte(dst []byte, c byte) []byte {
	if !needsEscape[c] {
		return append(dst, c)
	}
	return appendEscaped(dst, []byte{c})
}

// appendQuoted appends s as a JSON string.
func appendQuoted(dst, s []byte) []byte {
	dst = append(dst, '"')
	dst = appendEscaped(dst, s)
	return append(dst, '"')
}

// appendFloat writes f the way encoding/json writes a float64, so that a
// number reaching a typed field (resource.Quantity keeps the text it sees)
// reads the same as it does after sigs.k8s.io/yaml's json.Marshal step.
// The caller has already rejected NaN and infinities.
func appendFloat(dst []byte, f float64) []byte {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// encoding/json prints e-07 as e-7.
		n := len(dst)
		if n-start >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

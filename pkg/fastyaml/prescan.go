package fastyaml

import "unicode/utf8"

// checkChars rejects input holding characters that go-yaml's reader refuses
// or treats specially: control characters, CR (a line break to YAML), NEL,
// LS and PS (line breaks too), the byte order mark and invalid UTF-8. After
// this pass the parser only ever sees '\n' as a line break and '\t' as the
// only control character, which keeps every later loop byte-oriented.
func checkChars(src []byte) error {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if asciiOK[c] {
				i++
				continue
			}
			return unsupported(i, "control character")
		}
		r, n := utf8.DecodeRune(src[i:])
		if !printableRune(r) || (r == utf8.RuneError && n == 1) {
			return unsupported(i, "non-printable or invalid UTF-8 character")
		}
		i += n
	}
	return nil
}

// printableRune is the reader's printable set minus the characters YAML
// treats as line breaks or byte order marks.
func printableRune(r rune) bool {
	switch {
	case r == 0x2028 || r == 0x2029 || r == 0xFEFF:
		return false
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

var asciiOK = func() (t [utf8.RuneSelf]bool) {
	t['\t'], t['\n'] = true, true
	for c := 0x20; c <= 0x7E; c++ {
		t[c] = true
	}
	return t
}()

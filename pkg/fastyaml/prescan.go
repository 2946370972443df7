package fastyaml

import (
	"encoding/binary"
	"unicode/utf8"
)

// checkChars rejects input holding characters that go-yaml's reader refuses
// or treats specially: control characters, CR (a line break to YAML), NEL,
// LS and PS (line breaks too), the byte order mark and invalid UTF-8. After
// this pass the parser only ever sees '\n' as a line break and '\t' as the
// only control character, which keeps every later loop byte-oriented.
//
// It looks at eight bytes at a time: a word of printable ASCII passes
// with a few arithmetic operations, a word with line breaks or tabs with a
// few more, and only words holding another control character or a
// non-ASCII byte are looked at byte by byte.
func checkChars(src []byte) error {
	i := 0
	for i+8 <= len(src) {
		w := binary.LittleEndian.Uint64(src[i:])
		if maybeBad(w) != 0 && badBytes(w) != 0 {
			var err error
			if i, err = checkSlow(src, i, i+8); err != nil {
				return err
			}
			continue
		}
		i += 8
	}
	_, err := checkSlow(src, i, len(src))
	return err
}

const (
	ones  = 0x0101010101010101
	lows  = 0x7F7F7F7F7F7F7F7F
	highs = 0x8080808080808080
)

// maybeBad flags, in the high bits, the bytes of w below 0x20 or from
// 0x7F up, and perhaps some bytes next to those: a quick first look.
func maybeBad(w uint64) uint64 {
	return ((w-0x20*ones)&^w | (w&^highs + ones | w)) & highs
}

// zeroBytes flags, exactly, the bytes of x that are 0: adding 0x7F to the low
// seven bits carries into the high bit of that byte only.
func zeroBytes(x uint64) uint64 { return ^((x&lows + lows) | x) & highs }

// badBytes flags, in the high bits, the bytes of w that are control
// characters other than line breaks and tabs, or from 0x7F up.
func badBytes(w uint64) uint64 {
	control := ^((w&lows + 0x60*ones) | w) & highs // a byte below 0x20
	control &^= zeroBytes(w^0x0A*ones) | zeroBytes(w^0x09*ones)
	return control | ((w&^highs)+ones|w)&highs
}

// checkSlow checks src from i byte by byte up to end, or past it when a
// multi-byte character starts before end, and returns where it stopped.
func checkSlow(src []byte, i, end int) (int, error) {
	for i < end {
		c := src[i]
		if c < utf8.RuneSelf {
			if !asciiOK[c] {
				return i, unsupported(i, "control character")
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if !printableRune(r) || (r == utf8.RuneError && n == 1) {
			return i, unsupported(i, "non-printable or invalid UTF-8 character")
		}
		i += n
	}
	return i, nil
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

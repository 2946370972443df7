package fastyaml

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// TestCheckCharsMatchesTheByteRule compares the word-at-a-time check with
// the plain per-character rule at every position of every byte value, and
// on multi-byte characters straddling word boundaries.
func TestCheckCharsMatchesTheByteRule(t *testing.T) {
	slow := func(src []byte) bool { _, err := checkSlow(src, 0, len(src)); return err == nil }
	base := []byte("apiVersion: v1\nkind: Pod\n")
	for c := 0; c < 256; c++ {
		for pos := range base {
			src := append([]byte(nil), base...)
			src[pos] = byte(c)
			if got, want := checkChars(src) == nil, slow(src); got != want {
				t.Fatalf("byte %#x at %d: word check says %v, byte rule %v", c, pos, got, want)
			}
		}
	}
	for _, r := range []rune{0x85, 0xA0, 0xE9, 0x2028, 0x2029, 0xFEFF, 0xFFFD, 0x1F600, 0xD7FF, 0xE000} {
		for pad := 0; pad < 9; pad++ {
			src := append(make([]byte, 0, 32), "         "[:pad]...)
			src = utf8.AppendRune(src, r)
			src = append(src, " tail text\n"...)
			if got, want := checkChars(src) == nil, slow(src); got != want {
				t.Fatalf("rune %U after %d bytes: word check says %v, byte rule %v", r, pad, got, want)
			}
		}
	}
	if err := checkChars([]byte("a: b\r\n")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("CR passed: %v", err)
	}
}

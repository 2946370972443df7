package fastyaml

import (
	"bytes"
	"strconv"
	"strings"
)

// Plain scalars are typed the way go.yaml.in/yaml/v2 (inside sigs.k8s.io/yaml
// v1.6.0) types them when decoding into interface{}: YAML 1.1 booleans
// (yes/no/on/off/y/n in three cases), null/~, integers through
// strconv.ParseInt with base 0 after dropping '_', then uint64, then floats
// of a restricted form, then 0b binary; timestamps stay strings. The first
// byte decides whether any of that can apply, as it does in go-yaml.
const (
	hintNone  = 0
	hintWord  = 'M' // may be a bool or null word
	hintSign  = 'S'
	hintDigit = 'D'
	hintDot   = '.'
)

var hintTable = func() (t [256]byte) {
	t['+'], t['-'] = hintSign, hintSign
	for c := '0'; c <= '9'; c++ {
		t[c] = hintDigit
	}
	for _, c := range "yYnNtTfFoO~" {
		t[c] = hintWord
	}
	t['.'] = hintDot
	return t
}()

// numberChar marks bytes that can occur in something go-yaml reads as a
// number. A scalar with any other byte is a string without calling strconv,
// which allocates an error on every failed parse.
var numberChar = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEF+-_.xXoO" {
		t[c] = true
	}
	return t
}()

type word int

const (
	notWord word = iota
	wordTrue
	wordFalse
	wordNull
	wordSpecialFloat // .nan, .inf: encoding/json refuses them
	wordMerge
)

func lookupWord(s []byte) word {
	switch string(s) {
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		return wordTrue
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		return wordFalse
	case "", "~", "null", "Null", "NULL":
		return wordNull
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return wordSpecialFloat
	case "<<":
		return wordMerge
	}
	return notWord
}

// appendPlain appends the JSON value of the one-line plain scalar s (not
// empty). off is s's offset, for errors.
func appendPlain(dst, s []byte, off int) ([]byte, error) {
	hint := hintTable[s[0]]
	if hint == hintNone {
		return appendQuoted(dst, s), nil
	}
	switch lookupWord(s) {
	case wordTrue:
		return append(dst, "true"...), nil
	case wordFalse:
		return append(dst, "false"...), nil
	case wordNull:
		return append(dst, "null"...), nil
	case wordSpecialFloat:
		return dst, unsupported(off, "NaN or infinity")
	}
	switch hint {
	case hintDot:
		if f, err := strconv.ParseFloat(string(s), 64); err == nil {
			return appendFloat(dst, f), nil
		}
	case hintDigit, hintSign:
		if out, ok := appendNumber(dst, s); ok {
			return out, nil
		}
	}
	return appendQuoted(dst, s), nil
}

// appendNumber appends s as a JSON number if go-yaml reads it as one.
func appendNumber(dst, s []byte) ([]byte, bool) {
	if out, ok := appendSimpleInt(dst, s); ok {
		return out, true
	}
	for _, c := range s {
		if !numberChar[c] {
			return dst, false
		}
	}
	// A failed strconv call allocates its error, and so does the string
	// it needs: rule out first, on the bytes, what cannot be a number (IP
	// addresses and versions are the usual visitors here). go-yaml's
	// binary fallback parses what follows "0b" with strconv's base 2, which
	// takes a sign: "0b+1" and "0b-1" are the integers 1 and -1 to it, so a
	// binary prefix always goes on to the parse.
	if bytes.IndexByte(s, '_') < 0 && !intChars(s) && !yamlFloatForm(s) && !binaryPrefix(s) {
		return dst, false
	}
	plain := strings.ReplaceAll(string(s), "_", "")
	if intChars(plain) {
		if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return strconv.AppendInt(dst, i, 10), true
		}
		if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return strconv.AppendUint(dst, u, 10), true
		}
	}
	if yamlFloatForm(plain) {
		if f, err := strconv.ParseFloat(plain, 64); err == nil {
			return appendFloat(dst, f), true
		}
	}
	switch {
	case strings.HasPrefix(plain, "0b"):
		if i, err := strconv.ParseInt(plain[2:], 2, 64); err == nil {
			return strconv.AppendInt(dst, i, 10), true
		}
		if u, err := strconv.ParseUint(plain[2:], 2, 64); err == nil {
			return strconv.AppendUint(dst, u, 10), true
		}
	case strings.HasPrefix(plain, "-0b"):
		if i, err := strconv.ParseInt("-"+plain[3:], 2, 64); err == nil {
			return strconv.AppendInt(dst, i, 10), true
		}
	}
	return dst, false
}

// binaryPrefix reports whether s starts the way go-yaml's 0b fallback
// looks for.
func binaryPrefix(s []byte) bool {
	return bytes.HasPrefix(s, []byte("0b")) || bytes.HasPrefix(s, []byte("-0b"))
}

// intChars reports whether s could be an integer to strconv with base 0:
// after a sign, only digits of some base and base prefixes. It only rules
// out strings strconv would refuse.
func intChars[T string | []byte](s T) bool {
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F', c == 'x', c == 'X', c == 'o', c == 'O':
		default:
			return false
		}
	}
	return true
}

// appendSimpleInt handles the common case, an optionally signed decimal
// without leading zeros that cannot overflow, with no strconv call.
func appendSimpleInt(dst, s []byte) ([]byte, bool) {
	neg := false
	digits := s
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		digits = s[1:]
	}
	if len(digits) == 0 || len(digits) > 18 || (digits[0] == '0' && len(digits) > 1) {
		return dst, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return dst, false
		}
	}
	if neg && digits[0] != '0' {
		dst = append(dst, '-')
	}
	return append(dst, digits...), true
}

// yamlFloatForm reports whether s is [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?,
// the only float spelling go-yaml accepts after a sign or digit.
func yamlFloatForm[T string | []byte](s T) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
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
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// plainKeyIsString reports whether a plain mapping key stays a string. Keys
// that go-yaml types as bool, number or null are turned into strings by
// sigs.k8s.io/yaml with its own formatting; the fast path leaves them to it.
func plainKeyIsString(s []byte) bool {
	if string(s) == "<<" {
		return false
	}
	hint := hintTable[s[0]]
	if hint == hintNone {
		return true
	}
	if lookupWord(s) != notWord {
		return false
	}
	var scratch [32]byte
	switch hint {
	case hintDot:
		_, err := strconv.ParseFloat(string(s), 64)
		return err != nil
	case hintDigit, hintSign:
		_, isNumber := appendNumber(scratch[:0], s)
		return !isNumber
	}
	return true
}

package decode

import (
	"encoding/json"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
)

// pruneJSON returns the JSON object raw without the values at paths (see
// PrunedPaths): keys are matched exactly, once unescaped, from raw's top
// level down through objects, and through arrays where a path says
// fastyaml.AnyEntry. raw itself is returned when nothing is
// cut, or when it is not valid JSON, which the decode then reports.
func pruneJSON(raw []byte, paths [][]string) []byte {
	if len(paths) == 0 {
		return raw
	}
	out, _, cut, ok := pruneObject(make([]byte, 0, len(raw)), raw, skipSpace(raw, 0), paths)
	if !ok || !cut {
		return raw
	}
	return out
}

// pruneObject appends to out the object starting at raw[i] without the
// values at paths, which are relative to that object, and returns where
// the object ends. cut says whether anything was left out; ok is false on
// invalid JSON.
func pruneObject(out, raw []byte, i int, paths [][]string) (_ []byte, end int, cut, ok bool) {
	if i >= len(raw) || raw[i] != '{' {
		return out, 0, false, false
	}
	out = append(out, '{')
	first := true
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != '}'; {
		keyEnd := skipValue(raw, i)
		if keyEnd < 0 || raw[i] != '"' {
			return out, 0, false, false
		}
		var key string
		if err := json.Unmarshal(raw[i:keyEnd], &key); err != nil {
			return out, 0, false, false
		}
		colon := skipSpace(raw, keyEnd)
		if colon >= len(raw) || raw[colon] != ':' {
			return out, 0, false, false
		}
		vStart := skipSpace(raw, colon+1)
		vEnd := skipValue(raw, vStart)
		if vEnd < 0 {
			return out, 0, false, false
		}
		drop, below := false, [][]string(nil)
		for _, p := range paths {
			switch {
			case p[0] == fastyaml.AnyEntry || p[0] != key:
			case len(p) == 1:
				drop = true
			default:
				below = append(below, p[1:])
			}
		}
		if drop {
			cut = true
		} else {
			if !first {
				out = append(out, ',')
			}
			first = false
			out = append(out, raw[i:keyEnd]...)
			out = append(out, ':')
			var c bool
			if out, c, ok = pruneNode(out, raw, vStart, vEnd, below); !ok {
				return out, 0, false, false
			}
			cut = cut || c
		}
		i = skipSpace(raw, vEnd)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	if i >= len(raw) {
		return out, 0, false, false
	}
	return append(out, '}'), i + 1, cut, true
}

// pruneNode appends to out the value at raw[i:end] without the values at
// paths, which are relative to it: objects go on by key, arrays by
// fastyaml.AnyEntry, and anything else is copied.
func pruneNode(out, raw []byte, i, end int, paths [][]string) (_ []byte, cut, ok bool) {
	if paths != nil {
		switch raw[i] {
		case '{':
			out, _, cut, ok = pruneObject(out, raw, i, paths)
			return out, cut, ok
		case '[':
			return pruneArray(out, raw, i, paths)
		}
	}
	return append(out, raw[i:end]...), false, true
}

// pruneArray appends to out the array starting at raw[i] with the values
// at paths cut from each element, which a path goes through by
// fastyaml.AnyEntry. Elements themselves are never cut: a path ends with a
// key.
func pruneArray(out, raw []byte, i int, paths [][]string) (_ []byte, cut, ok bool) {
	var each [][]string
	for _, p := range paths {
		if len(p) > 1 && p[0] == fastyaml.AnyEntry {
			each = append(each, p[1:])
		}
	}
	end := skipValue(raw, i)
	if end < 0 {
		return out, false, false
	}
	if each == nil {
		return append(out, raw[i:end]...), false, true
	}
	out = append(out, '[')
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != ']'; {
		vEnd := skipValue(raw, i)
		if vEnd < 0 {
			return out, false, false
		}
		var c bool
		if out, c, ok = pruneNode(out, raw, i, vEnd, each); !ok {
			return out, false, false
		}
		cut = cut || c
		i = skipSpace(raw, vEnd)
		if i < len(raw) && raw[i] == ',' {
			out = append(out, ',')
			i = skipSpace(raw, i+1)
		}
	}
	if i >= len(raw) {
		return out, false, false
	}
	return append(out, ']'), cut, true
}

// skipSpace returns the first index from i that is not JSON white space.
func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value starting at raw[i], or -1.
// It only delimits the value: the decode that follows validates it.
func skipValue(raw []byte, i int) int {
	if i >= len(raw) {
		return -1
	}
	switch raw[i] {
	case '"':
		for j := i + 1; j < len(raw); j++ {
			switch raw[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return -1
	case '{', '[':
		depth := 0
		for j := i; j < len(raw); j++ {
			switch raw[j] {
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			case '"':
				if j = skipValue(raw, j); j < 0 {
					return -1
				}
				j--
			}
		}
		return -1
	}
	j := i
	for j < len(raw) && !isDelimiter(raw[j]) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ':', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

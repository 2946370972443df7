package decode

import "bytes"

var (
	bom           = []byte("\xef\xbb\xbf")
	dashes        = []byte("---")
	newlineDashes = []byte("\n---")
	kindKey       = []byte("kind:")
	newlineKind   = []byte("\nkind:")
)

// looksLikeJSON reports whether data starts, after white space, with an
// object or an array. YAML flow style can start the same way; the caller
// falls back to YAML when JSON parsing fails.
func looksLikeJSON(data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	return len(data) > 0 && (data[0] == '{' || data[0] == '[')
}

// splitDocuments cuts a YAML stream at "---" separator lines. A separator is
// only recognised at column 0, where block scalars cannot reach; text after
// the marker on the same line stays with the document it opens.
func splitDocuments(data []byte) [][]byte {
	data = bytes.TrimPrefix(data, bom)
	var docs [][]byte
	start := 0
	for pos := 0; pos < len(data); {
		// Only lines starting with "---" can separate: jump to the next one.
		at := pos
		if !bytes.HasPrefix(data[pos:], dashes) {
			j := bytes.Index(data[pos:], newlineDashes)
			if j < 0 {
				break
			}
			at = pos + j + 1
		}
		end := bytes.IndexByte(data[at:], '\n')
		next := len(data)
		if end >= 0 {
			next = at + end + 1
		}
		line := data[at:next]
		if rest, ok := separator(line); ok {
			docs = append(docs, data[start:at])
			start = next - len(rest)
		}
		pos = next
	}
	docs = append(docs, data[start:])
	out := docs[:0]
	for _, d := range docs {
		if !blank(d) {
			out = append(out, d)
		}
	}
	return out
}

// separator reports whether line is a document separator and returns what
// follows the marker on that line.
func separator(line []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(line, []byte("---"))
	if !ok {
		return nil, false
	}
	trimmed := bytes.TrimLeft(rest, " \t")
	if len(rest) > 0 && len(trimmed) == len(rest) && rest[0] != '\n' && rest[0] != '\r' {
		return nil, false // "----" or "---x" is content, not a separator
	}
	if len(bytes.TrimSpace(trimmed)) == 0 || trimmed[0] == '#' {
		return nil, true
	}
	return trimmed, true
}

// blank reports whether a document holds nothing but white space and comments.
func blank(doc []byte) bool {
	for len(doc) > 0 {
		line := doc
		if i := bytes.IndexByte(doc, '\n'); i >= 0 {
			line, doc = doc[:i], doc[i+1:]
		} else {
			doc = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) > 0 && line[0] != '#' {
			return false
		}
	}
	return true
}

// peekKind returns the value of a top-level "kind:" line of a YAML document,
// or "" when there is none. It lets the decoder skip documents of kinds it
// does not keep without parsing them.
func peekKind(doc []byte) string {
	for len(doc) > 0 {
		// Jump to the next line starting with "kind:" (in a List it is near
		// the end: reading line by line cost a scan of the whole document).
		if !bytes.HasPrefix(doc, kindKey) {
			i := bytes.Index(doc, newlineKind)
			if i < 0 {
				return ""
			}
			doc = doc[i+1:]
		}
		line := doc
		if i := bytes.IndexByte(doc, '\n'); i >= 0 {
			line, doc = doc[:i], doc[i+1:]
		} else {
			doc = nil
		}
		if v, ok := bytes.CutPrefix(line, kindKey); ok {
			v = bytes.TrimSpace(v)
			if i := bytes.Index(v, []byte(" #")); i >= 0 {
				v = bytes.TrimSpace(v[:i])
			}
			v = bytes.Trim(v, `"'`)
			if !identifier(v) {
				return "" // let the parser say what is wrong
			}
			return string(v)
		}
	}
	return ""
}

func identifier(b []byte) bool {
	for _, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return len(b) > 0
}

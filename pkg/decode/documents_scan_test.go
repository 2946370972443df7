package decode

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lineSplit and linePeekKind are the line-by-line forms of
// splitDocuments and peekKind, which jump from candidate to candidate
// instead. FuzzDocumentScanning holds the fast forms to them.
func lineSplit(data []byte) [][]byte {
	data = bytes.TrimPrefix(data, bom)
	var docs [][]byte
	start := 0
	for pos := 0; pos < len(data); {
		end := bytes.IndexByte(data[pos:], '\n')
		next := len(data)
		if end >= 0 {
			next = pos + end + 1
		}
		if rest, ok := separator(data[pos:next]); ok {
			docs = append(docs, data[start:pos])
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

func linePeekKind(doc []byte) string {
	for _, line := range bytes.Split(doc, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("kind:")); ok {
			v = bytes.TrimSpace(v)
			if i := bytes.Index(v, []byte(" #")); i >= 0 {
				v = bytes.TrimSpace(v[:i])
			}
			v = bytes.Trim(v, `"'`)
			if !identifier(v) {
				return ""
			}
			return string(v)
		}
	}
	return ""
}

func FuzzDocumentScanning(f *testing.F) {
	for _, s := range []string{"", "---\nkind: Pod\n", "a: 1\n---\nkind: List\n--- x\n----\n", "kind:\nkind: Pod", "x\nkind: 'Pod' # c\n", "\xef\xbb\xbf---\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if diff := cmp.Diff(lineSplit(data), splitDocuments(data)); diff != "" {
			t.Fatalf("splitDocuments(%q) (-line by line +fast):\n%s", data, diff)
		}
		if got, want := peekKind(data), linePeekKind(data); got != want {
			t.Fatalf("peekKind(%q) = %q, line by line %q", data, got, want)
		}
	})
}

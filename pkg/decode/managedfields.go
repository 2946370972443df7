package decode

import "bytes"

var managedFieldsKey = []byte("managedFields:")

// stripManagedFields removes every block-style "managedFields:" entry from a
// YAML document before it is parsed. From about 4.10 these entries are as
// large as the rest of an object, so dropping them as text halves the YAML
// parsing, which is the slowest stage of loading.
//
// The block is the key's line plus every following line that is blank, more
// indented than the key, or a "- " sequence entry at the key's indentation
// (the style Go YAML encoders write). A document where the cut would go wrong
// (an odd layout) fails to parse; the caller then parses the original text.
func stripManagedFields(doc []byte) []byte {
	if !bytes.Contains(doc, managedFieldsKey) {
		return doc
	}
	out := make([]byte, 0, len(doc))
	skipIndent := -1 // indentation of the key being skipped; -1 when not skipping
	for len(doc) > 0 {
		line := doc
		if i := bytes.IndexByte(doc, '\n'); i >= 0 {
			line, doc = doc[:i+1], doc[i+1:]
		} else {
			doc = nil
		}
		body := bytes.TrimLeft(line, " ")
		indent := len(line) - len(body)
		if skipIndent >= 0 {
			if len(bytes.TrimSpace(body)) == 0 || indent > skipIndent ||
				(indent == skipIndent && bytes.HasPrefix(body, []byte("- "))) {
				continue
			}
			skipIndent = -1
		}
		if rest, ok := bytes.CutPrefix(body, managedFieldsKey); ok && len(bytes.TrimSpace(rest)) == 0 {
			skipIndent = indent
			continue
		}
		out = append(out, line...)
	}
	return out
}

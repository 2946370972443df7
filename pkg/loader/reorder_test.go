package loader

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"testing"
)

// reorder rewrites a tar so that the entries for which first is true come
// before all others, as an archiver may store them.
func reorder(t testing.TB, data []byte, first func(name string) bool) []byte {
	t.Helper()
	type entry struct {
		hdr  *tar.Header
		body []byte
	}
	var head, tail []entry
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if first(hdr.Name) {
			head = append(head, entry{hdr, body})
		} else {
			tail = append(tail, entry{hdr, body})
		}
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range append(head, tail...) {
		if err := tw.WriteHeader(e.hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

package loader

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"

	"github.com/openshift-eng/ha-compliance/pkg/inputfile"
)

// readFile reads a file source: an archive of any layout, or a YAML/JSON file
// of objects (possibly compressed). The first bytes decide.
// A symlink is followed only when the user named it (follow).
func (r *run) readFile(in *input, name string, loc location, topLevel, follow bool) {
	f, st, err := inputfile.Open(name, follow)
	if err != nil {
		r.problem(name, err)
		return
	}
	defer f.Close() //nolint:errcheck // read-only
	if topLevel {
		in.seen.bytes = st.Size()
	}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		r.problem(name, fmt.Errorf("read: %w", err))
		return
	}
	if sniff(head[:n]) == formatZip {
		if topLevel {
			in.archive = formatZip
		}
		r.readZip(in, f, st.Size(), loc, 1)
		return
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		r.problem(name, err)
		return
	}
	r.readStream(in, f, name, loc, topLevel)
}

// readStdin reads standard input like a file. A zip cannot be streamed: it
// is buffered, within the one-file limit.
func (r *run) readStdin(in *input, stdin io.Reader, loc location) {
	if stdin == nil {
		r.problem(loc.display, fmt.Errorf("standard input is not available"))
		return
	}
	br := bufio.NewReaderSize(stdin, 64<<10)
	head, err := peek(br)
	if err != nil {
		r.problem(loc.display, fmt.Errorf("read: %w", err))
		return
	}
	if sniff(head) == formatZip {
		in.archive = formatZip
		data, err := readCapped(br, -1, r.lim.MaxFileBytes)
		if err != nil {
			r.problem(loc.display, fmt.Errorf("read zip: %w", err))
			return
		}
		in.seen.bytes = int64(len(data))
		r.readZip(in, bytes.NewReader(data), int64(len(data)), loc, 1)
		return
	}
	r.readStream(in, br, loc.display, loc, true)
}

// readStream reads a stream that is a tar (possibly compressed) or one
// object file (possibly compressed).
func (r *run) readStream(in *input, src io.Reader, name string, loc location, topLevel bool) {
	s, err := openStream(src)
	if err != nil {
		r.problem(loc.display, err)
		return
	}
	defer s.close()
	if s.tar {
		if topLevel {
			in.archive = s.kind
		}
		r.readTar(in, s, loc, 1)
		return
	}
	data, err := readCapped(&budget{r: s.r, compressed: s.compressed, lim: r.lim}, -1, r.lim.MaxFileBytes)
	if err != nil {
		r.problem(loc.display, fmt.Errorf("read: %w", err))
		return
	}
	// The path may say what the objects are (an Insights file) when they
	// do not say it themselves.
	at := classify(filepath.ToSlash(name))
	rt := in.root(LayoutFile, loc.display, loc.rel)
	in.seen.entry(filepath.Base(name))
	in.seen.needed++
	r.emit(rt, place{role: roleFile, kind: at.kind}, loc.display, data)
}

package loader

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/inputfile"
	"github.com/openshift-eng/ha-compliance/pkg/loader/internal/stream"
)

// readFile reads a file source: an archive of any layout, or a YAML/JSON file
// of objects (possibly compressed). Its first bytes decide. A symlink is
// followed only when the user named it (follow).
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
	r.readSource(in, f, name, loc, topLevel)
}

// readStdin reads standard input like a file.
func (r *run) readStdin(in *input, stdin io.Reader, loc location) {
	if stdin == nil {
		r.problem(loc.display, errors.New("standard input is not available"))
		return
	}
	r.readSource(in, stdin, loc.display, loc, true)
}

// readSource reads a source that is an archive or one object file, either
// possibly compressed.
func (r *run) readSource(in *input, src io.Reader, name string, loc location, topLevel bool) {
	s, err := stream.Open(src, stream.Options{Name: loc.display, Budget: in.budget})
	if err != nil {
		r.problem(loc.display, err)
		return
	}
	defer s.Close() //nolint:errcheck // what went wrong was reported by a read
	if s.IsArchive() {
		if topLevel {
			in.archive = s.Kind()
		}
		r.readArchive(in, s, loc, 1)
		return
	}
	if ext := archiveExtension(name); ext != "" && s.Kind() == stream.None {
		// Bytes no magic names (lzma, brotli): the name says what they are.
		r.problem(loc.display, fmt.Errorf("unsupported archive format %s: extract it first", ext))
		return
	}
	data, err := readCapped(s, -1, r.lim.MaxFileBytes)
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

// archiveExtension returns the archive suffix of a file name, when it has
// one of archiveSuffixes.
func archiveExtension(name string) string {
	base := filepath.Base(name)
	ext := ""
	for _, s := range archiveSuffixes {
		if strings.HasSuffix(base, s) && len(s) > len(ext) {
			ext = s
		}
	}
	return ext
}

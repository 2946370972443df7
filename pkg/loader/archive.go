package loader

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxNesting bounds archives inside archives: a CI tree packed as a tar may
// hold must-gather.tar, which is as deep as real inputs go.
const maxNesting = 2

// readTar streams the entries of a tar archive. Entries that are not needed
// are never read: the tar reader discards them on Next, so only the
// decompressor sees their bytes (an external one does not even hand them
// over: skip.go). A read error stops this archive and keeps
// what was loaded from it.
func (r *run) readTar(in *input, s *stream, loc location, depth int) {
	tr := tar.NewReader(&budget{r: s.r, compressed: s.compressed, skip: s.skip, lim: r.lim})
	for n := 0; ; n++ {
		if r.ctx.Err() != nil {
			return
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			if n == 0 {
				r.problem(loc.display, errors.New("empty tar archive"))
			}
			return
		}
		if err != nil {
			r.problem(loc.display, archiveError(n, err))
			return
		}
		if hdr.Typeflag == tar.TypeDir {
			r.noteNamespace(in, loc, hdr.Name+"/x")
			continue
		}
		regular := hdr.Typeflag == tar.TypeReg // the reader turns old tars' TypeRegA into TypeReg
		if err := r.entry(in, loc, hdr.Name, regular, hdr.Size, tr, depth); err != nil {
			r.problem(loc.join(hdr.Name).display, archiveError(n, err))
			return
		}
	}
}

// archiveError words a failure to read an archive stream.
func archiveError(entries int, err error) error {
	switch {
	case errors.Is(err, errBomb):
		return fmt.Errorf("stopped reading the archive after %d entries: %w", entries, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("truncated archive: unexpected end after %d entries", entries)
	default:
		return fmt.Errorf("corrupt archive after %d entries: %w", entries, err)
	}
}

// readZip reads the entries of a zip archive in their stored order.
func (r *run) readZip(in *input, ra io.ReaderAt, size int64, loc location, depth int) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		r.problem(loc.display, fmt.Errorf("open zip: %w", err))
		return
	}
	// Zip entries that are not needed are never decompressed, so only the
	// bytes of needed entries count against the archive's budget.
	var total int64
	for n, f := range zr.File {
		if r.ctx.Err() != nil {
			return
		}
		if f.Mode().IsDir() {
			continue
		}
		size := int64(f.UncompressedSize64)
		if size < 0 {
			size = r.lim.MaxFileBytes + 1 // over 8 EiB declared: refused as too large
		}
		body := &lazyReader{open: func() (io.Reader, error) { return f.Open() }}
		err := r.entry(in, loc, f.Name, f.Mode().IsRegular(), size, body, depth)
		body.Close()
		if err != nil {
			r.problem(loc.join(f.Name).display, fmt.Errorf("read: %w", err))
		}
		if total += body.n; total > r.lim.MaxArchiveBytes {
			r.problem(loc.display, archiveError(n+1, fmt.Errorf("%w: more than %d bytes decompressed", errBomb, r.lim.MaxArchiveBytes)))
			return
		}
	}
}

// lazyReader opens a zip entry only when a needed file is read from it.
type lazyReader struct {
	open func() (io.Reader, error)
	r    io.Reader
	n    int64
}

func (l *lazyReader) Read(p []byte) (int, error) {
	if l.r == nil {
		r, err := l.open()
		if err != nil {
			return 0, err
		}
		l.r = r
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

// Close releases the entry's decompressor, if it was opened. Closing a zip
// entry reader cannot fail.
func (l *lazyReader) Close() {
	if c, ok := l.r.(io.Closer); ok {
		c.Close() //nolint:errcheck
	}
}

// entry handles one file of an archive: classify its name, and read it only
// when needed. It returns an error only when the archive stream itself
// failed; a bad entry is a problem and reading goes on.
func (r *run) entry(in *input, loc location, name string, regular bool, size int64, body io.Reader, depth int) error {
	at := classify(name)
	in.seen.entry(name)
	r.noteNamespace(in, loc, name)
	if at.role == roleSkip {
		return nil
	}
	here := loc.join(name)
	if !regular {
		if at.role != roleVersion {
			r.problem(here.display, errNotRegular)
		}
		return nil
	}
	switch at.role {
	case roleVersion:
		if size <= 4096 {
			data, err := readCapped(body, size, 4096)
			if err != nil {
				return err
			}
			in.versions[loc.join(at.root).display] = firstLine(data)
		}
		return nil
	case roleArchive:
		if depth >= maxNesting {
			r.problem(here.display, errors.New("archive nested too deep; not opened"))
			return nil
		}
		// CI's gather-must-gather step is what makes an archive of archives
		// a job run; a must-gather.tar.gz zipped for a support case is not.
		in.ci = in.ci || strings.Contains("/"+name, "/gather-must-gather/")
		return r.nested(in, here, size, body, depth+1)
	}
	top := loc.join(at.root)
	rt := in.root(layoutOf(at.role), top.display, top.rel)
	r.present(rt, at)
	in.seen.needed++
	// A per-pod copy is read only if its namespace's pods.yaml may turn out
	// unusable: while that decodes, a decoder takes the copy and drops it
	// once the List has decoded cleanly (pipeline.go).
	whileListDecodes := false
	if at.role == rolePodCopy {
		ok, decoding := r.podsListState(rt, at.ns)
		if ok {
			return nil
		}
		whileListDecodes = decoding
	}
	if size > r.lim.MaxFileBytes {
		if whileListDecodes && r.podsListDecoded(rt, at.ns) {
			return nil // unread, as if the List had decoded before
		}
		r.lose(rt, at, here.display, fmt.Errorf("%d bytes is over the %d-byte limit for one file", size, r.lim.MaxFileBytes))
		return nil
	}
	data, err := readCapped(body, size, r.lim.MaxFileBytes)
	if err != nil {
		r.markLost(rt, at, here.display, "cut short: "+err.Error()) // the caller lists the problem
		return err
	}
	if at.role == roleGatherExtra || at.role == roleInsights {
		if data, err = r.unwrap(data); err != nil {
			r.lose(rt, at, here.display, err)
			return nil
		}
	}
	if at.role == rolePodCopy && !whileListDecodes {
		r.keepAside(rt, at, here.display, data, "")
		return nil
	}
	if !r.emit(rt, at, here.display, data) {
		return r.ctx.Err()
	}
	return nil
}

func layoutOf(ro role) Layout {
	switch ro {
	case roleGatherExtra:
		return LayoutGatherExtra
	case roleInsights:
		return LayoutInsights
	default:
		return LayoutMustGather
	}
}

// nested opens a must-gather archive found inside a tree or an archive.
func (r *run) nested(in *input, loc location, size int64, body io.Reader, depth int) error {
	s, err := openStream(body)
	if err != nil {
		r.problem(loc.display, err)
		return nil
	}
	defer s.close()
	head, err := peek(s.r)
	if err != nil {
		r.problem(loc.display, err)
		return nil
	}
	switch {
	case s.tar:
		r.readTar(in, s, loc, depth)
	case sniff(head) == formatZip:
		data, err := readCapped(s.r, size, r.lim.MaxFileBytes)
		if err != nil {
			r.problem(loc.display, fmt.Errorf("read zip: %w", err))
			return nil
		}
		r.readZip(in, bytes.NewReader(data), int64(len(data)), loc, depth)
	default:
		r.problem(loc.display, fmt.Errorf("not an archive (%s)", s.kind))
	}
	return nil
}

// unwrap decompresses a gather-extra file that is gzip (or xz, zstd) inside,
// whatever its name says, within the one-file limit.
func (r *run) unwrap(data []byte) ([]byte, error) {
	switch sniff(data) {
	case formatGzip, formatXZ, formatZstd:
	default:
		return data, nil
	}
	s, err := openStream(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer s.close()
	if s.tar {
		return nil, fmt.Errorf("holds a %s archive, not a JSON file", s.kind)
	}
	out, err := readCapped(s.r, -1, r.lim.MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("decompress %s: %w", s.kind, err)
	}
	return out, nil
}

// noteNamespace records the namespace folder an archive entry sits in, so
// that a namespace holding only skipped files still shows as partial.
func (r *run) noteNamespace(in *input, loc location, name string) {
	if root, ns, ok := namespaceDir(name); ok {
		top := loc.join(root)
		in.root(LayoutMustGather, top.display, top.rel).nsDir[ns] = true
	}
}

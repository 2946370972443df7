package stream

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Entry is one file or folder of an archive.
type Entry struct {
	Name    string
	Size    int64 // as the archive declares it
	Dir     bool
	Regular bool // a regular file: not a link, device or folder
	// Sparse is a tar entry stored as a sparse file: its holes come out as
	// zeros that no byte of the archive stands for.
	Sparse bool
	// Body reads the file; valid only during the call that is given it.
	// What it does not read is read and dropped after the call (a tar
	// entry of an uncompressed tar file is passed over by seeking).
	Body io.Reader
}

// Error is a failure to read an archive after Entries entries: of the
// archive itself, or, when Entry is set, while reading that entry.
type Error struct {
	Entry   string
	Entries int
	Err     error
}

func (e *Error) Error() string {
	switch {
	case IsLimit(e.Err):
		return fmt.Sprintf("stopped reading the archive after %d entries: %v", e.Entries, e.Err)
	case errors.Is(e.Err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("truncated archive: unexpected end after %d entries", e.Entries)
	default:
		return fmt.Sprintf("corrupt archive after %d entries: %v", e.Entries, e.Err)
	}
}

func (e *Error) Unwrap() error { return e.Err }

// errEmpty is the Error of a tar with no entry at all.
var errEmpty = errors.New("empty tar archive")

// Entries calls fn for every entry of the archive, in stored order. An
// error from fn stops the walk and comes back as an *Error naming the
// entry, as does a failure of the archive itself (without an entry). An
// entry that fails its own check (a zip entry's CRC) is given to bad, and
// the walk goes on: the entries of a zip, 7z or rar do not depend on each
// other.
func (r *Reader) Entries(ctx context.Context, fn func(Entry) error, bad func(name string, err error)) error {
	switch r.kind {
	case Zip:
		return r.zipEntries(ctx, fn, bad)
	case SevenZip, Rar:
		return r.extract(ctx, fn, bad)
	}
	if !r.IsArchive() {
		return &Error{Err: fmt.Errorf("not an archive (%s)", r.kind)}
	}
	tr := tar.NewReader(r)
	for n := 0; ; n++ {
		if err := ctx.Err(); err != nil {
			return &Error{Entries: n, Err: err}
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			if n == 0 {
				return errEmpty
			}
			if err := r.Finish(); err != nil {
				return &Error{Entries: n, Err: err}
			}
			return nil
		}
		if err != nil {
			return &Error{Entries: n, Err: err}
		}
		e := Entry{Name: hdr.Name, Size: hdr.Size, Dir: hdr.Typeflag == tar.TypeDir,
			Regular: hdr.Typeflag == tar.TypeReg, // the reader turns old tars' TypeRegA into TypeReg
			Sparse:  isSparse(hdr)}
		// The declared size is checked before the entry is skipped or read.
		if err := r.b.check(hdr.Size); err != nil {
			return &Error{Entry: hdr.Name, Entries: n, Err: err}
		}
		if !e.Dir {
			e.Body = &tarBody{tr: tr, r: r}
		}
		if err := fn(e); err != nil {
			return &Error{Entry: hdr.Name, Entries: n, Err: err}
		}
	}
}

// isSparse says whether a tar header is a sparse file's: an old GNU one,
// or one with GNU's PAX sparse records (formats 0.0 to 1.0), which
// archive/tar expands without saying so.
func isSparse(hdr *tar.Header) bool {
	if hdr.Typeflag == tar.TypeGNUSparse {
		return true
	}
	for k := range hdr.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return true
		}
	}
	return false
}

// tarBody reads a tar entry, counting what the tar reader makes up on top
// of what it reads: the holes of a sparse file, which come out as zeros
// without a byte of the stream behind them.
type tarBody struct {
	tr *tar.Reader
	r  *Reader
}

func (t *tarBody) Read(p []byte) (int, error) {
	before := t.r.pos
	n, err := t.tr.Read(p)
	if expanded := int64(n) - (t.r.pos - before); expanded > 0 {
		if aerr := t.r.b.account(expanded); aerr != nil {
			return n, aerr
		}
	}
	return n, err
}

// random returns the whole source for an archive that needs random
// access: the file itself, or its bytes read into memory within
// MaxFileBytes (standard input, an entry of another archive).
func (r *Reader) random() (readerAtSeeker, int64, error) {
	if f, size, ok := regularFile(r.src); ok {
		return f, size, nil
	}
	data, err := io.ReadAll(io.LimitReader(r.br, r.lim.MaxFileBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("read %s: %w", r.kind, err)
	}
	if int64(len(data)) > r.lim.MaxFileBytes {
		return nil, 0, fmt.Errorf("a %s archive must be held in memory to be read here, and this one is over the %d-byte limit; extract it first", r.kind, r.lim.MaxFileBytes)
	}
	return bytes.NewReader(data), int64(len(data)), nil
}

type readerAtSeeker interface {
	io.Reader
	io.ReaderAt
	io.Seeker
}

// zipEntries reads a zip through archive/zip, every entry to its end, so
// that every entry's CRC is checked.
func (r *Reader) zipEntries(ctx context.Context, fn func(Entry) error, bad func(string, error)) error {
	ra, size, err := r.random()
	if err != nil {
		return &Error{Err: err}
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return &Error{Err: fmt.Errorf("open zip: %w", err)}
	}
	if err := overlapping(zr.File); err != nil {
		return &Error{Err: err}
	}
	for n, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return &Error{Entries: n, Err: err}
		}
		e := Entry{Name: f.Name, Size: int64(f.UncompressedSize64), Dir: f.Mode().IsDir(), Regular: f.Mode().IsRegular()}
		if e.Size < 0 {
			e.Size = 1<<63 - 1 // over 8 EiB declared: refused as too large
		}
		// archive/zip fails an entry that yields more than it declares, so
		// the declared size is a bound, checked before the entry is read.
		if err := r.b.check(e.Size); err != nil {
			return &Error{Entry: f.Name, Entries: n, Err: err}
		}
		if err := r.entry(e, f.Open, fn, bad); err != nil {
			return &Error{Entry: f.Name, Entries: n, Err: err}
		}
	}
	return nil
}

// overlapping refuses a zip whose entries share compressed bytes: the
// trick of the smallest zip bombs (many entries, one deflate stream), which
// no zip writer produces.
func overlapping(files []*zip.File) error {
	type span struct {
		name       string
		start, end int64
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			return fmt.Errorf("entry %s: %w", f.Name, err)
		}
		spans = append(spans, span{f.Name, off, off + int64(f.CompressedSize64)})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for i := 1; i < len(spans); i++ {
		if prev := spans[i-1]; spans[i].start < prev.end {
			return fmt.Errorf("%w: entries %s and %s share compressed bytes (overlapping entries)", ErrBomb, prev.name, spans[i].name)
		}
	}
	return nil
}

// entry gives one entry of a zip, 7z or rar to fn, then reads what fn left
// of it, so that the archive's library checks it whole.
func (r *Reader) entry(e Entry, open func() (io.ReadCloser, error), fn func(Entry) error, bad func(string, error)) error {
	if e.Dir {
		return fn(e)
	}
	body := &lazyEntry{open: open, b: r.b}
	defer body.close()
	e.Body = body
	if err := fn(e); err != nil {
		if body.err != nil && errors.Is(err, body.err) && !IsLimit(err) {
			bad(e.Name, err) // this entry is broken, not the archive
			return nil
		}
		return err
	}
	if body.err != nil {
		return nil // fn met the entry's error and said so
	}
	if _, err := io.Copy(io.Discard, body); err != nil {
		if IsLimit(err) {
			return err
		}
		bad(e.Name, err)
	}
	return nil
}

// lazyEntry opens an entry when it is first read, and counts what comes out
// of it against the archive's budget.
type lazyEntry struct {
	open func() (io.ReadCloser, error)
	b    *Budget
	r    io.ReadCloser
	err  error
}

func (l *lazyEntry) Read(p []byte) (int, error) {
	if l.r == nil && l.err == nil {
		l.r, l.err = l.open()
	}
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	if berr := l.b.account(int64(n)); berr != nil {
		l.err = berr
		return n, berr
	}
	if err != nil && !errors.Is(err, io.EOF) {
		l.err = err // a checked entry that failed fails again, not reads as empty
	}
	return n, err
}

func (l *lazyEntry) close() {
	if l.r != nil {
		l.r.Close() //nolint:errcheck // reading is over; its errors were Read's
	}
}

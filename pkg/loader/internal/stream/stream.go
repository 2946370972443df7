// Package stream turns the bytes of an input (a file, standard input, an
// archive inside an archive) into what they hold: a stream of decompressed
// bytes, or the entries of an archive. It alone knows the container formats
// (tar, zip, 7z, rar; gzip, xz, zstd, bzip2, lz4), which decompressor reads
// each (a program on PATH, or a Go decoder, and why: -v says it), how bytes
// are passed over, and what an input may cost (limits.go).
//
// Its face is small: Open a Reader over a source, then Read, Skip n, Close,
// ask its Kind and the bytes Consumed; or walk the Entries of an archive.
//
// Every path reads every byte: a skip on a decompressed stream decompresses
// and drops, never jumps (a decoder's history and checksum need the whole
// stream), and every compressed stream and zip, 7z or rar entry is read to
// its end, so that its checksum and anything after it are verified.
// Only an uncompressed tar file skips by seeking: there is nothing to
// verify in it.
package stream

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// Options say how to open a source.
type Options struct {
	// Name is the source as the user knows it, for -v.
	Name string
	// Limits bound what the source may cost; zero fields take defaults.
	// Ignored when Budget is set: the budget's limits apply.
	Limits Limits
	// Budget is the input's, shared by every source read for it; nil
	// starts one for this source alone.
	Budget *Budget
	// Nested says the source is inside another source of the same budget
	// (an archive in an archive): its bytes were counted as they came out
	// of the outer one, and are not compressed bytes of the input.
	Nested bool
}

// Reader is an opened source: its decompressed bytes, or, for an archive,
// the way to its entries. It is for one goroutine.
type Reader struct {
	kind Kind
	via  string // the decompressor that runs, for -v and tests; "" for none
	why  string // why it was chosen
	src  io.Reader
	raw  *counter // the source's bytes read
	br   *bufio.Reader
	// skip passes over bytes of br; nil when they must be read and dropped.
	skip  func(n int64) (int64, error)
	dec   io.Closer // the decompressor, closed with the Reader
	b     *Budget
	pos   int64 // decompressed bytes read or skipped
	lim   Limits
	name  string
	ended bool // Read returned the end of the stream
}

// Open sniffs the first bytes of src and unwraps one layer of compression.
// A file (an *os.File) is read by a decompressor program itself, and an
// uncompressed tar file skips by seeking. The error says why the source
// cannot be read at all: a broken compressed header, or a format this
// package does not read ("unsupported archive format X: extract it first").
func Open(src io.Reader, opts Options) (*Reader, error) {
	b := opts.Budget
	if b == nil {
		b = NewBudget(opts.Limits)
	}
	lim := b.lim
	c := &counter{r: src}
	if !opts.Nested {
		size := int64(-1)
		if _, n, ok := regularFile(src); ok {
			size = n
		}
		b.addSource(c, size)
	}
	br := bufio.NewReaderSize(c, 64<<10)
	head, err := peek(br)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	r := &Reader{kind: Sniff(head), src: src, raw: c, br: br, lim: lim, name: opts.Name, b: b}
	if f := Unsupported(head); f != "" {
		return nil, unsupportedError(f)
	}
	if r.kind == Tar {
		r.skip = seekSkip(br, src)
		r.log("read as is", "an uncompressed tar")
		return r, nil
	}
	if !IsCompressed(r.kind) {
		if r.IsArchive() {
			r.log("its library", "a "+r.kind+" archive")
		}
		return r, nil
	}
	outer := r.kind
	if err := r.decompress(outer); err != nil {
		return nil, err
	}
	inner, err := peek(r.br)
	if err != nil {
		r.Close() //nolint:errcheck // the error that matters is the read's
		return nil, fmt.Errorf("decompress %s: %w", outer, err)
	}
	switch k := Sniff(inner); {
	case k == Tar:
		r.kind = Tar + "." + outer
	case k == Zip || k == SevenZip || k == Rar || IsCompressed(k):
		r.Close() //nolint:errcheck // nothing was read
		return nil, unsupportedError(fmt.Sprintf("%s inside %s", k, outer))
	case Unsupported(inner) != "":
		r.Close() //nolint:errcheck // nothing was read
		return nil, unsupportedError(fmt.Sprintf("%s inside %s", Unsupported(inner), outer))
	}
	r.log(r.via, r.why)
	return r, nil
}

func unsupportedError(format string) error {
	return fmt.Errorf("unsupported archive format %s: extract it first", format)
}

// decompress puts the decompressor of format between the source and br.
func (r *Reader) decompress(format Kind) error {
	ch := choose(format)
	var out io.Reader
	if ch.program != "" {
		in := io.Reader(r.br)
		if f, size, ok := regularFile(r.src); ok {
			// The program reads the file itself: its bytes do not pass
			// through this process. Only now is the file rewound: the
			// program reads it from its start.
			if _, err := f.Seek(0, io.SeekStart); err == nil {
				in = f
				r.raw.n.Store(size)
			}
		}
		p, err := ch.start(format, in)
		if err != nil {
			return fmt.Errorf("open %s: %w", format, err)
		}
		out = p
	} else {
		d, err := decompressors[format].open(r.br)
		if err != nil {
			return fmt.Errorf("open %s: %w", format, err)
		}
		out = d
	}
	r.via, r.why = ch.name, ch.why
	a := newAhead(out)
	r.dec = a
	// A buffer of one tar block, enough to sniff: reads from ahead cost no
	// system call, and a larger buffer would copy the start of every
	// skipped entry out of the chunks after each header.
	r.br = bufio.NewReaderSize(a, SniffLen)
	r.skip = bufferedSkip(r.br, a.skip)
	return nil
}

func (r *Reader) log(by, why string) {
	slog.Debug("input opened", "input", r.name, "format", r.kind, "decompressor", by, "why", why)
}

// regularFile returns src as a regular file with its size.
func regularFile(src io.Reader) (*os.File, int64, bool) {
	f, ok := src.(*os.File)
	if !ok {
		return nil, 0, false
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, 0, false
	}
	return f, st.Size(), true
}

// peek returns the first bytes of br without consuming them. A stream
// shorter than SniffLen is not an error: Sniff handles a short head.
func peek(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(SniffLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return head, err
	}
	return head, nil
}

// Kind says what the source holds: "tar", "tar.xz", "zip", "7z", "gz" (one
// compressed file), "none" (a plain file) ...
func (r *Reader) Kind() Kind { return r.kind }

// IsArchive says whether the source holds entries (Entries) rather than
// one file's bytes (Read).
func (r *Reader) IsArchive() bool {
	switch r.kind {
	case Zip, SevenZip, Rar:
		return true
	}
	return r.kind == Tar || strings.HasPrefix(r.kind, Tar+".")
}

// Decompressor names what decompresses the source ("xz program
// /usr/bin/xz", "Go decoder klauspost/compress/zstd"); "" when nothing does.
func (r *Reader) Decompressor() string { return r.via }

// Consumed is how many bytes of the source were read so far (by the
// decompressor program, when it reads a file itself: the whole file).
func (r *Reader) Consumed() int64 { return r.raw.n.Load() }

// Read reads decompressed bytes.
func (r *Reader) Read(p []byte) (int, error) {
	n, err := r.br.Read(p)
	if errors.Is(err, io.EOF) {
		r.ended = true
	}
	if aerr := r.account(int64(n)); aerr != nil {
		return n, aerr
	}
	return n, err
}

// Skip passes over up to n decompressed bytes. It returns how many; fewer
// than n, with a nil error, means the stream ended, and the next Read says
// how. It goes in chunks of skipChunk with the limits checked after each,
// so that a limit stops a skip of any length within one chunk.
func (r *Reader) Skip(n int64) (int64, error) {
	var done int64
	for done < n {
		chunk := min(n-done, skipChunk)
		var skipped int64
		var err error
		if r.skip != nil {
			skipped, err = r.skip(chunk)
		} else {
			skipped, err = io.CopyN(io.Discard, r.br, chunk)
			if errors.Is(err, io.EOF) {
				err = nil
			}
		}
		done += skipped
		if aerr := r.account(skipped); aerr != nil {
			return done, aerr
		}
		if err != nil || skipped < chunk {
			return done, err
		}
	}
	return done, nil
}

// Budget is the budget this source draws on, for the sources nested in it.
func (r *Reader) Budget() *Budget { return r.b }

// account is where every decompressed byte, read or skipped, is counted.
func (r *Reader) account(n int64) error {
	r.pos += n
	return r.b.account(n)
}

// Seek is how archive/tar passes over an entry it does not need: only a
// forward move from the current position. Skip does the work.
func (r *Reader) Seek(offset int64, whence int) (int64, error) {
	if whence != io.SeekCurrent || offset < 0 {
		return r.pos, errors.New("stream: only forward seeks from the current position")
	}
	if offset == 0 {
		return r.pos, nil
	}
	_, err := r.Skip(offset)
	return r.pos, err
}

// Finish reads the rest of a compressed stream to its end, so that its
// decompressor verifies the checksums and that nothing but padding follows.
// Its error is the decompressor's, nil for an uncompressed source.
func (r *Reader) Finish() error {
	if r.dec == nil || r.ended {
		return nil
	}
	for {
		n, err := r.Skip(1 << 30)
		if err != nil {
			return err
		}
		if n < 1<<30 {
			break
		}
	}
	var one [1]byte
	n, err := r.Read(one[:])
	switch {
	case n > 0:
		return errors.New("data after the end") // cannot happen: Skip stopped at the end
	case errors.Is(err, io.EOF):
		return nil
	}
	return err
}

// Close releases the decompressor: a program still running is stopped.
func (r *Reader) Close() error {
	if r.dec != nil {
		return r.dec.Close()
	}
	return nil
}

// bufferedSkip is the skip of br reading from a source that can skip: the
// bytes br already holds are dropped first, then src passes over the rest.
func bufferedSkip(br *bufio.Reader, src func(int64) (int64, error)) func(int64) (int64, error) {
	return func(n int64) (int64, error) {
		dropped, _ := br.Discard(int(min(n, int64(br.Buffered())))) // never fails within Buffered
		if rest := n - int64(dropped); rest > 0 {
			skipped, err := src(rest)
			return int64(dropped) + skipped, err
		}
		return int64(dropped), nil
	}
}

// seekSkip is the skip of br over src when src is a regular file, as an
// uncompressed tar file is: it seeks forward, stopping at the end. It is
// nil otherwise (standard input from a pipe, an entry of an archive).
func seekSkip(br *bufio.Reader, src io.Reader) func(int64) (int64, error) {
	f, size, ok := regularFile(src)
	if !ok {
		return nil
	}
	return bufferedSkip(br, func(n int64) (int64, error) {
		at, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			return 0, err
		}
		n = min(n, max(size-at, 0))
		if _, err := f.Seek(n, io.SeekCurrent); err != nil {
			return 0, err
		}
		return n, nil
	})
}

package loader

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/mikelolasagasti/xz"
)

// Container formats recognised by their first bytes (spec/inputs.md: never
// by name: CI's must-gather.tar is gzip, old *.json.gz files are plain).
const (
	formatNone = "none"
	formatGzip = "gz"
	formatXZ   = "xz"
	formatZstd = "zst"
	formatZip  = "zip"
	formatTar  = "tar"
)

// sniffLen is how many leading bytes sniff needs: the tar magic sits at 257.
const sniffLen = 512

var magics = []struct {
	format string
	magic  []byte
}{
	{formatGzip, []byte{0x1f, 0x8b}},
	{formatXZ, []byte{0xfd, '7', 'z', 'X', 'Z', 0x00}},
	{formatZstd, []byte{0x28, 0xb5, 0x2f, 0xfd}},
	{formatZip, []byte{'P', 'K', 0x03, 0x04}},
	{formatZip, []byte{'P', 'K', 0x05, 0x06}}, // an empty zip
}

// sniff names the container format of a stream from its first bytes.
func sniff(head []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(head, m.magic) {
			return m.format
		}
	}
	if len(head) >= 262 && string(head[257:262]) == "ustar" {
		return formatTar
	}
	if len(head) >= sniffLen && allZero(head[:sniffLen]) {
		return formatTar // a tar's end marker: an empty tar
	}
	return formatNone
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// peek returns the first bytes of br without consuming them. A stream
// shorter than sniffLen is not an error: sniff handles a short head.
func peek(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return head, err
	}
	return head, nil
}

// stream is a decompressed view of an input, with what it was.
type stream struct {
	// kind is how the Input record names it: tar, tar.gz, tar.xz, tar.zst,
	// or gz/xz/zst/none for a compressed or plain single file.
	kind string
	tar  bool
	r    *bufio.Reader
	// compressed counts the raw bytes read; nil when not compressed.
	compressed *counter
	// skip passes over bytes of r without reading them; nil when r can only
	// be read.
	skip  skipFunc
	close func()
}

// programInput is what a decompressor program reads: the file itself when
// r is one that can be read again from its start, so that its bytes do not
// pass through this process (the compressed side then counts as the whole
// file), and br, the stream as read so far, otherwise.
func programInput(r io.Reader, br *bufio.Reader, c *counter) io.Reader {
	f, ok := r.(*os.File)
	if !ok {
		return br
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return br
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return br
	}
	c.n.Store(st.Size())
	return f
}

// inProcess reads s from src, a decompressor in this process, which runs
// on a goroutine of its own (ahead.go) and is closed with s.
func (s *stream) inProcess(src io.Reader) { s.readAhead(newAhead(src)) }

// readAhead reads s from ar, which is closed with s.
func (s *stream) readAhead(ar aheadReader) {
	// A buffer of one tar block, enough to sniff: reads from ahead cost no
	// system call, and a larger buffer would copy the start of every
	// skipped entry out of the chunks after each header.
	s.r = bufio.NewReaderSize(ar, sniffLen)
	s.skip = bufferedSkip(s.r, ar.skip)
	s.close = func() { ar.Close() } //nolint:errcheck // neither reader's Close can fail
}

// external reads s from the decompressor program for format, reading src
// (external.go). ok is false when there is none to use.
func (s *stream) external(format string, src io.Reader) (ok bool, err error) {
	cr, ok, err := startExternal(format, src)
	if !ok || err != nil {
		if err != nil {
			err = fmt.Errorf("open %s: %w", format, err)
		}
		return ok, err
	}
	s.r = bufio.NewReaderSize(cr, 8<<10)
	s.skip = bufferedSkip(s.r, cr.skip)
	s.close = func() { cr.Close() } //nolint:errcheck // a killed program's status says nothing
	return true, nil
}

// openStream looks at the first bytes of r and unwraps one layer of
// compression. Zip is not handled here: it needs random access.
func openStream(r io.Reader) (*stream, error) {
	c := &counter{r: r}
	br := bufio.NewReaderSize(c, 64<<10)
	head, err := peek(br)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	outer := sniff(head)
	s := &stream{kind: outer, r: br, close: func() {}}
	switch outer {
	case formatGzip:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("open gzip: %w", err)
		}
		s.inProcess(zr)
	case formatZstd:
		if zr, ok := nativeZstd(br); ok {
			s.readAhead(zr)
			break
		}
		if ok, err := s.external(outer, programInput(r, br, c)); ok {
			if err != nil {
				return nil, err
			}
			break
		}
		// 256 MiB of window is more than any real archive uses and bounds the
		// memory a hostile header can claim.
		zr, err := zstd.NewReader(br, zstd.WithDecoderMaxWindow(256<<20), zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, fmt.Errorf("open zstd: %w", err)
		}
		s.inProcess(zr.IOReadCloser())
	case formatXZ:
		if ok, err := s.external(outer, programInput(r, br, c)); ok {
			if err != nil {
				return nil, err
			}
			break
		}
		xr, err := xz.NewReader(br, 0)
		if err != nil {
			return nil, fmt.Errorf("open xz: %w", err)
		}
		s.inProcess(xr)
	case formatTar:
		s.kind, s.tar = formatTar, true
		if skip := seekSkip(r); skip != nil {
			s.skip = bufferedSkip(br, skip)
		}
		return s, nil
	default:
		return s, nil
	}
	s.compressed = c
	inner, err := peek(s.r)
	if err != nil {
		s.close()
		return nil, fmt.Errorf("decompress %s: %w", outer, err)
	}
	if sniff(inner) == formatTar {
		s.tar = true
		s.kind = "tar." + outer
	}
	return s, nil
}

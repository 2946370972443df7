package loader

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"
)

// Limits bound what one input may cost in memory and time. Zero fields take
// the defaults.
type Limits struct {
	// MaxFileBytes caps one file or archive entry that is read into memory
	// (a resource List, a gather-extra file). Default 512 MiB.
	MaxFileBytes int64
	// MaxArchiveBytes caps the bytes decompressed from one archive, skipped
	// entries included. Default 32 GiB: a must-gather with logs unpacks to a
	// few GiB.
	MaxArchiveBytes int64
	// MaxRatio caps decompressed/compressed bytes of an archive once more
	// than 1 GiB came out of it. Default 500: real must-gathers compress 5 to
	// 100 times; a decompression bomb does thousands.
	MaxRatio int64
	// RatioAfter is how many decompressed bytes pass before MaxRatio is
	// checked. Default 1 GiB.
	RatioAfter int64
}

func (l Limits) withDefaults() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = 512 << 20
	}
	if l.MaxArchiveBytes <= 0 {
		l.MaxArchiveBytes = 32 << 30
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = 500
	}
	if l.RatioAfter <= 0 {
		l.RatioAfter = 1 << 30
	}
	return l
}

// errBomb marks an archive that decompressed past its limits.
var errBomb = errors.New("decompression bomb")

// counter counts the bytes read through it: the compressed side of an archive.
// It is atomic because an external decompressor's feeder reads it on its own
// goroutine (external.go).
type counter struct {
	r io.Reader
	n atomic.Int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// budget wraps the decompressed side of an archive and fails with errBomb
// when it yields more than the limits allow. Stopping there keeps what was
// loaded so far. Skipped bytes count as read.
type budget struct {
	r          io.Reader
	compressed *counter // nil for an archive that is not compressed
	skip       skipFunc // nil when r can only be read
	n          int64
	lim        Limits
}

func (b *budget) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	if berr := b.check(); berr != nil {
		return n, berr
	}
	return n, err
}

// Seek is how archive/tar passes over an entry it does not need: it seeks
// when its reader can. Only a forward move from the current position is
// possible, and only when the stream can skip; otherwise Seek fails and the
// tar reader reads the entry and drops it.
func (b *budget) Seek(offset int64, whence int) (int64, error) {
	if b.skip == nil || whence != io.SeekCurrent || offset < 0 {
		return -1, errNoSeek
	}
	if offset == 0 {
		return b.n, nil
	}
	n, err := b.skip(offset)
	b.n += n
	if berr := b.check(); berr != nil {
		return b.n, berr
	}
	return b.n, err
}

// check fails once the stream has yielded more than the limits allow.
func (b *budget) check() error {
	if b.n > b.lim.MaxArchiveBytes {
		return fmt.Errorf("%w: more than %d bytes decompressed", errBomb, b.lim.MaxArchiveBytes)
	}
	if c := b.compressed; c != nil && b.n > b.lim.RatioAfter && c.n.Load() > 0 && b.n/c.n.Load() > b.lim.MaxRatio {
		return fmt.Errorf("%w: %d bytes decompressed from %d (ratio over %d)", errBomb, b.n, c.n.Load(), b.lim.MaxRatio)
	}
	return nil
}

// readCapped reads all of r, or fails once it passes max bytes. A file of
// known size is read into a recycled buffer, which the caller may release.
func readCapped(r io.Reader, size, max int64) ([]byte, error) {
	if size > max {
		return nil, fmt.Errorf("%d bytes is over the %d-byte limit for one file", size, max)
	}
	if size >= 0 {
		buf := getBuffer(int(size))
		if _, err := io.ReadFull(r, buf); err != nil {
			releaseBuffer(buf)
			return nil, err
		}
		return buf, nil
	}
	buf, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(buf)) > max {
		return nil, fmt.Errorf("over the %d-byte limit for one file", max)
	}
	return buf, nil
}

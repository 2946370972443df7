package stream

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
	// (a resource List, a gather-extra file), and a zip, 7z or rar archive
	// that must be held in memory to be read (from standard input or inside
	// another archive). Default 512 MiB.
	MaxFileBytes int64
	// MaxArchiveBytes caps the bytes decompressed from one archive, skipped
	// entries included. Default 32 GiB: a must-gather with logs unpacks to a
	// few GiB.
	MaxArchiveBytes int64
	// MaxRatio caps decompressed/compressed bytes of an archive once more
	// than RatioAfter came out of it. Default 500: real must-gathers
	// compress 5 to 100 times; a decompression bomb does thousands.
	MaxRatio int64
	// RatioAfter is how many decompressed bytes pass before MaxRatio is
	// checked. Default 1 GiB.
	RatioAfter int64
}

// WithDefaults returns l with its zero fields set to the defaults.
func (l Limits) WithDefaults() Limits {
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

// ErrBomb marks an archive that decompressed past its limits.
var ErrBomb = errors.New("decompression bomb")

// budget is what one opened input has cost so far. Every byte that comes
// out of it, read or skipped, tar stream or zip entry, passes through
// account: the one place where limits on decompressed bytes are enforced.
type budget struct {
	lim Limits
	// out is what came out of the input: decompressed bytes read or
	// skipped.
	out int64
	// in counts the raw bytes read from the source; nil when nothing is
	// decompressed, and the ratio does not apply.
	in *counter
}

// account adds n bytes that came out of the input, read or skipped, and
// fails with ErrBomb once the limits are passed.
func (b *budget) account(n int64) error {
	b.out += n
	if b.out > b.lim.MaxArchiveBytes {
		return fmt.Errorf("%w: more than %d bytes decompressed", ErrBomb, b.lim.MaxArchiveBytes)
	}
	if b.in != nil && b.out > b.lim.RatioAfter {
		if in := b.in.n.Load(); in > 0 && b.out/in > b.lim.MaxRatio {
			return fmt.Errorf("%w: %d bytes decompressed from %d (ratio over %d)", ErrBomb, b.out, in, b.lim.MaxRatio)
		}
	}
	return nil
}

// counter counts the bytes read through it: the compressed side of an
// input. It is atomic because a decompressor program's feeder reads it on
// a goroutine of its own.
type counter struct {
	r io.Reader
	n atomic.Int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

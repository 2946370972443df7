package stream

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// Limits bound what one input may cost in memory and time. Zero fields take
// the defaults. One input is a path given to the loader (a file, standard
// input, a folder): every archive and compressed file read for it, nested
// ones included, draws on one Budget.
type Limits struct {
	// MaxFileBytes caps one file or archive entry that is read into memory
	// (a resource List, a gather-extra file), and a zip, 7z or rar archive
	// that must be held in memory to be read (from standard input or inside
	// another archive). Default 512 MiB.
	MaxFileBytes int64
	// MaxArchiveBytes caps the bytes decompressed for one input, skipped
	// entries and nested archives included. Default 32 GiB: a must-gather
	// with logs unpacks to a few GiB.
	MaxArchiveBytes int64
	// MaxRatio caps decompressed/compressed bytes of an input once more
	// than RatioAfter came out of it. Default 500: real must-gathers
	// compress 5 to 100 times; a decompression bomb does thousands.
	MaxRatio int64
	// RatioAfter is how many decompressed bytes pass before MaxRatio is
	// checked. Default 1 GiB.
	RatioAfter int64
	// MaxDuration caps the wall time spent reading one input: its folders
	// (the loader's walks call CheckTime), archives and compressed files. Default 10 minutes: the largest real
	// must-gathers load in under a minute (docs/performance.md).
	MaxDuration time.Duration
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
	if l.MaxDuration <= 0 {
		l.MaxDuration = 10 * time.Minute
	}
	return l
}

// ErrBomb marks an input that decompressed, or declared it would, past its
// size or ratio limits.
var ErrBomb = errors.New("decompression bomb")

// ErrTimeLimit marks an input that took longer than MaxDuration.
var ErrTimeLimit = errors.New("time limit")

// IsLimit says whether err is an input's limit: the input stops there,
// keeping what was read before, and the rest of the run goes on.
func IsLimit(err error) bool {
	return errors.Is(err, ErrBomb) || errors.Is(err, ErrTimeLimit)
}

// skipChunk bounds one pass over skipped bytes, so that the limits are
// checked between chunks rather than once a skip of any length has ended:
// 16 MiB is a few milliseconds of decompression.
const skipChunk = 16 << 20

// Budget is what one input may still cost. Every byte that comes out of any
// stream opened for it, read or skipped, tar stream or zip entry, outer or
// nested archive, passes through account; every entry's declared size
// passes through check before the entry is skipped or read. It is for one
// goroutine, the one reading the input.
type Budget struct {
	lim Limits
	// out is what came out of the input's streams: decompressed bytes
	// read or skipped, at every level of nesting.
	out int64
	// sources are the input's outermost files and streams: the compressed
	// side that the ratio divides by.
	sources []source
	// known is the sum of the sources' sizes when every one is a file of
	// known size: then a declared size can be checked against the ratio
	// before anything is read.
	known    int64
	unknown  bool
	deadline time.Time
	// nextClock is the output at which account next reads the clock: once
	// a MiB, not at every read of a tar header.
	nextClock int64
}

// source is one outermost file or stream of an input.
type source struct {
	read *counter // bytes read from it
	size int64    // its size when it is a file, else -1
}

// NewBudget starts the budget, and the clock, of one input.
func NewBudget(lim Limits) *Budget {
	lim = lim.WithDefaults()
	return &Budget{lim: lim, deadline: time.Now().Add(lim.MaxDuration)}
}

// addSource makes c (a file of size bytes, or -1) one of the input's
// outermost sources.
func (b *Budget) addSource(c *counter, size int64) {
	b.sources = append(b.sources, source{read: c, size: size})
	if size < 0 {
		b.unknown = true
	} else {
		b.known += size
	}
}

// compressed is the ratio's denominator: what was read from the sources,
// or their size, whichever is larger (a skip by seeking or a program that
// reads the file itself reads nothing through the counter).
func (b *Budget) compressed() int64 {
	var n int64
	for _, s := range b.sources {
		n += max(s.read.n.Load(), s.size)
	}
	return n
}

// account adds n bytes that came out of the input, read or skipped, and
// fails with ErrBomb once the limits are passed, or ErrTimeLimit.
func (b *Budget) account(n int64) error {
	b.out += n
	if b.out > b.lim.MaxArchiveBytes {
		return fmt.Errorf("%w: more than %d bytes decompressed (--max-input-size)", ErrBomb, b.lim.MaxArchiveBytes)
	}
	if b.out > b.lim.RatioAfter {
		if in := b.compressed(); in > 0 && b.out/in > b.lim.MaxRatio {
			return fmt.Errorf("%w: %d bytes decompressed from %d (ratio over %d, --max-ratio)", ErrBomb, b.out, in, b.lim.MaxRatio)
		}
	}
	if b.out < b.nextClock {
		return nil
	}
	b.nextClock = b.out + 1<<20
	return b.CheckTime()
}

// check says, before an entry of declared bytes is skipped or read,
// whether it would pass the limits: a 40 GiB entry in a 2 MB file is
// refused at its header, not after 40 GiB were decompressed. The ratio is
// checked here only when the size of every source is known (files, not
// standard input); otherwise account checks it as the bytes come.
func (b *Budget) check(declared int64) error {
	if declared < 0 || declared > b.lim.MaxArchiveBytes-b.out {
		return fmt.Errorf("%w: an entry declares %d bytes, over the %d left of the %d-byte limit (--max-input-size)",
			ErrBomb, declared, b.lim.MaxArchiveBytes-b.out, b.lim.MaxArchiveBytes)
	}
	if total := b.out + declared; !b.unknown && b.known > 0 && total > b.lim.RatioAfter && total/b.known > b.lim.MaxRatio {
		return fmt.Errorf("%w: an entry declares %d bytes; with the %d already decompressed that is over %d times the %d bytes of the input (--max-ratio)",
			ErrBomb, declared, b.out, b.lim.MaxRatio, b.known)
	}
	return b.CheckTime()
}

// CheckTime fails with ErrTimeLimit once the input has taken longer than
// MaxDuration: the folder walks call it at every file.
func (b *Budget) CheckTime() error {
	if time.Now().After(b.deadline) {
		return fmt.Errorf("%w: reading took longer than %v (--input-timeout)", ErrTimeLimit, b.lim.MaxDuration)
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

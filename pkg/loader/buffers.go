package loader

import (
	"errors"
	"fmt"
	"io"
	"math/bits"
	"sync"
)

// The bytes of the files a load reads are about as much allocation as all
// of decoding (245 MB against 170 MB for the benchmark must-gather,
// docs/performance.md), and each file's buffer is dead once its decode
// returns: the decode.Decoder contract says the data is not kept. So the
// buffers are recycled, pooled by power-of-two capacity from 4 KiB to
// 64 MiB; larger files are rare and left to the collector.
const (
	minBufferShift = 12
	maxBufferShift = 26
)

var bufferPools [maxBufferShift - minBufferShift + 1]sync.Pool

// poisonReleased makes releaseBuffer overwrite what it recycles: tests set
// it to prove that nothing still reads a buffer once it is released.
var poisonReleased = false

// bufferClass returns the pool for a buffer of size bytes, or -1.
func bufferClass(size int) int {
	shift := max(bits.Len(uint(max(size, 1)-1)), minBufferShift)
	if shift > maxBufferShift {
		return -1
	}
	return shift - minBufferShift
}

// getBuffer returns a buffer of length size, recycled when one is free.
func getBuffer(size int) []byte {
	c := bufferClass(size)
	if c < 0 {
		return make([]byte, size)
	}
	if b, ok := bufferPools[c].Get().(*[]byte); ok {
		return (*b)[:size]
	}
	return make([]byte, size, 1<<(c+minBufferShift))
}

// releaseBuffer gives b back for reuse. Nothing may read b afterwards.
func releaseBuffer(b []byte) {
	c := bufferClass(cap(b))
	if c < 0 || cap(b) != 1<<(c+minBufferShift) {
		return // not one of getBuffer's
	}
	if poisonReleased {
		b = b[:cap(b)]
		for i := range b {
			b[i] = 0xff
		}
	}
	b = b[:0]
	bufferPools[c].Put(&b)
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

// firstEntryBuffer is the most readEntry allocates before the bytes of an
// entry arrive: real resource files are mostly smaller, and an entry that
// declares more must deliver what it declares before more is allocated.
const firstEntryBuffer = 1 << 20

// readEntry reads an archive entry of the declared size, then reads on to
// its end: that is where a zip, 7z or rar entry's checksum is checked, so
// that a corrupt entry is a problem rather than objects. Memory follows the
// bytes that arrive, never the declared size alone: a header that lies, or
// an archive cut short, costs what it delivered.
func readEntry(r io.Reader, size, max int64) ([]byte, error) {
	if size > max {
		return nil, fmt.Errorf("%d bytes is over the %d-byte limit for one file", size, max)
	}
	buf := getBuffer(int(min(size, firstEntryBuffer)))
	for filled := 0; ; {
		n, err := io.ReadFull(r, buf[filled:])
		filled += n
		if err != nil {
			releaseBuffer(buf)
			return nil, err
		}
		if int64(filled) == size {
			break
		}
		grown := getBuffer(int(min(2*int64(filled), size)))
		copy(grown, buf[:filled])
		releaseBuffer(buf)
		buf = grown
	}
	var one [1]byte
	for {
		n, err := r.Read(one[:])
		switch {
		case n > 0:
			releaseBuffer(buf)
			return nil, errors.New("longer than its declared size")
		case errors.Is(err, io.EOF):
			return buf, nil
		case err != nil:
			releaseBuffer(buf)
			return nil, err
		}
	}
}

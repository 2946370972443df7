//go:build cgo

package loader

import (
	"errors"
	"io"
	"sync/atomic"
)

// The zstd library decompresses this must-gather 2.5 times as fast as the
// Go decoder and as fast as the zstd program, without the program's copy
// of its output into a pipe (docs/performance.md, section 9). DataDog's
// package builds it from source with cgo; its Reader is not used because
// it copies every block once more and takes a stream that ends inside a
// frame for a clean end, where this reader says it is truncated.
//
// The library decodes block by block straight into a ring that the tar
// reader reads in place, the ring being also the window that later blocks
// refer back to. Its streaming API would decode into a window of its own
// and copy out of it: 1.9 GB copied for this must-gather, 1.5 GB of them
// logs that the reader passes over (section 10).

// Sizes of the ring: zstdRingLag is how far the library may run ahead of
// the reader beyond the frame's window, as much as ahead's chunks hold;
// zstdStepOut bounds the output of one call into C (16 KiB steps and
// 256 KiB steps both made loads slower: more calls, or calls so long
// that the goroutine lost its P). Variables so that tests can make the
// ring wrap often.
var (
	zstdRingLag = aheadChunks * aheadChunk
	zstdStepOut = 64 << 10
)

// zstdMaxWindow is the largest window a frame may ask for, as for the Go
// decoder and the program: more than any real archive uses, and a bound on
// the memory a hostile header can claim.
const zstdMaxWindow = 256 << 20

// zstdRing decompresses a zstd stream with the C library on a goroutine
// of its own (zstd_fill.go), into a ring of C memory that its reader reads
// in place. Read, skip and Close are for one goroutine.
type zstdRing struct {
	full     chan ringPiece // pieces written, in order
	wake     chan struct{}  // the reader released some of the ring
	stop     chan struct{}  // closed by Close
	stopped  chan struct{}  // closed when fill is done
	released atomic.Int64   // the reader is done with the ring before here

	handover             // reads the pieces
	piece    ringPiece   // the piece being read, whole
	filler   *ringFiller // fill's state, freed by Close once fill is done
	// sum checks each frame's checksum on the reader's goroutine, which
	// mostly waits for the library: hashing 1.9 GB was a tenth of the
	// library's time on its own goroutine, the longer half of a load
	// (section 10).
	sum *zstdChecksum
}

// ringPiece is a stretch b of the ring written in one step, from virtual
// position start on, or, last, how the stream ended. The piece that ends
// a frame says so, with the frame's checksum if it has one.
type ringPiece struct {
	b        []byte
	start    int64
	err      error
	frameEnd bool
	hasSum   bool
	sum      uint32
}

// end is the virtual position after the piece.
func (p ringPiece) end() int64 { return p.start + int64(len(p.b)) }

// nativeZstd returns a reader decompressing the zstd stream r with the C
// library; ok is false when useNative is off, and in builds without cgo
// (zstd_nocgo.go).
func nativeZstd(r io.Reader) (rc aheadReader, ok bool) {
	if !useNative {
		return nil, false
	}
	z := &zstdRing{
		full:    make(chan ringPiece, 256),
		wake:    make(chan struct{}, 1),
		stop:    make(chan struct{}),
		stopped: make(chan struct{}),
		sum:     newZstdChecksum(),
	}
	z.handover.next = z.next
	z.filler = newRingFiller(z, r)
	go z.fill()
	return z, true
}

// next gives back the piece read and takes the following one. A frame
// whose checksum differs from what was read ends the stream there.
func (z *zstdRing) next() {
	if err := z.check(); err != nil {
		z.piece, z.cur, z.err = ringPiece{}, nil, err
		return
	}
	z.release(z.piece.end())
	z.piece = <-z.full
	z.cur, z.err = z.piece.b, z.piece.err
	z.release(z.piece.start)
}

// check hashes the piece read, all of it whether read or skipped, and at
// the end of a frame compares the hash with the frame's checksum.
func (z *zstdRing) check() error {
	z.sum.add(z.piece.b)
	if !z.piece.frameEnd {
		return nil
	}
	if got := z.sum.end(); z.piece.hasSum && got != z.piece.sum {
		return errZstdChecksum
	}
	return nil
}

// release tells fill that the ring before at may be written again.
func (z *zstdRing) release(at int64) {
	if at > z.released.Load() {
		z.released.Store(at)
		select {
		case z.wake <- struct{}{}:
		default: // a wake is pending already
		}
	}
}

// Close stops the decompressing goroutine, waits until it has closed the
// source, and frees the ring.
func (z *zstdRing) Close() error {
	select {
	case <-z.stop:
	default:
		close(z.stop)
	}
	<-z.stopped
	z.filler.free()
	z.sum.free()
	z.piece, z.cur, z.err = ringPiece{}, nil, errors.New("zstd: read after close")
	return nil
}

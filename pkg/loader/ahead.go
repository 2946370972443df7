package loader

import "io"

// An in-process decompressor would otherwise run on the goroutine that
// reads the tar, so that decompression, tar headers and copying the needed
// files take turns on one core while the decoders wait. ahead runs the
// decompressor on a goroutine of its own, a few chunks ahead of the reader,
// and passes over skipped bytes (the logs) by dropping them from its chunks
// rather than copying them out (docs/performance.md, section 9).

// Sizes of ahead's chunks: enough for the decompressor to keep going while
// the reader copies a large file or waits for a decoder, small against the
// memory target. Chunks are made as the stream needs them, so a small
// archive costs one.
const (
	aheadChunk  = 1 << 20
	aheadChunks = 16
)

// aheadReader is a decompressed stream made on a goroutine of its own,
// ahead of its reader: ahead, or the zstd library's ring (zstd_cgo.go).
type aheadReader interface {
	io.Reader
	// skip passes over bytes without copying them out (a skipFunc).
	skip(n int64) (int64, error)
	Close() error
}

// ahead reads src ahead of its reader. Read, skip and Close are for one
// goroutine.
type ahead struct {
	full    chan aheadFill // chunks filled, in order
	free    chan []byte    // chunks read, to fill again
	stop    chan struct{}  // closed by Close
	stopped chan struct{}  // closed when fill is done with src

	handover        // reads the chunks
	buf      []byte // the chunk being read, whole, to give back
}

// aheadFill is one filled chunk and, for the last, how the source ended.
type aheadFill struct {
	b   []byte
	err error
}

// newAhead starts reading src on a goroutine that owns it from now on:
// src must not be read elsewhere. It is closed, if it is a Closer, when
// that goroutine is done with it, at its end or on Close.
func newAhead(src io.Reader) *ahead {
	a := &ahead{
		full:    make(chan aheadFill, aheadChunks),
		free:    make(chan []byte, aheadChunks),
		stop:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	a.handover.next = a.next
	go a.fill(src)
	return a
}

func (a *ahead) fill(src io.Reader) {
	defer close(a.stopped)
	if c, ok := src.(io.Closer); ok {
		defer c.Close() //nolint:errcheck // its error reached the reader through Read
	}
	made := 0
	for {
		var buf []byte
		select {
		case buf = <-a.free:
		default:
			if made < aheadChunks {
				made++
				buf = make([]byte, aheadChunk)
				break
			}
			select {
			case buf = <-a.free:
			case <-a.stop:
				return
			}
		}
		// Not io.ReadFull: it would turn a short last chunk into
		// io.ErrUnexpectedEOF, and the source's own ErrUnexpectedEOF (a
		// stream cut inside a frame) must not be taken for that.
		n, err := 0, error(nil)
		for n < len(buf) && err == nil {
			var k int
			k, err = src.Read(buf[n:])
			n += k
		}
		select {
		case a.full <- aheadFill{b: buf[:n], err: err}: // never blocks: full holds every chunk
		case <-a.stop:
			return
		}
		if err != nil {
			return
		}
	}
}

// next moves to the following chunk, giving the current one back.
func (a *ahead) next() {
	if a.buf != nil {
		a.free <- a.buf[:cap(a.buf)] // never blocks: free holds every chunk
	}
	f := <-a.full
	a.buf, a.cur, a.err = f.b, f.b, f.err
}

// Close stops the reading goroutine and waits until it has closed the
// source, so that whatever the source reads from (an entry of an outer
// archive) is free again. The goroutine stops after its current read,
// which is at most one chunk.
func (a *ahead) Close() error {
	select {
	case <-a.stop:
	default:
		close(a.stop)
	}
	<-a.stopped
	return nil
}

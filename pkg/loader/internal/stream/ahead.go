package stream

import "io"

// A decompressor would otherwise run on the goroutine that reads the tar,
// so that decompression, tar headers and copying the needed files take
// turns on one core while the decoders wait. ahead runs it (or reads the
// pipe of a decompressor program) on a goroutine of its own, a few chunks
// ahead of the reader, and passes over skipped bytes (the logs) by dropping
// them from its chunks rather than copying them out. Every byte is still
// decompressed: a decoder's history and checksum see the whole stream.

// Sizes of ahead's chunks: enough for the decompressor to keep going while
// the reader copies a large file or waits for a decoder, small against the
// memory target. Chunks are made as the stream needs them, so a small
// archive costs one. Variables so that tests can make chunks turn over
// often.
var (
	aheadChunk  = 1 << 20
	aheadChunks = 16
)

// ahead reads src ahead of its reader. Read, skip and Close are for one
// goroutine.
type ahead struct {
	full    chan aheadFill // chunks filled, in order
	free    chan []byte    // chunks read, to fill again
	stop    chan struct{}  // closed by Close
	stopped chan struct{}  // closed when fill is done with src

	buf []byte // the chunk being read, whole, to give back
	cur []byte // the unread part of buf
	err error  // how the stream ended, once its last chunk is read
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

// Read copies out of the chunks; how the stream ended follows its last
// byte.
func (a *ahead) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.err != nil {
			return 0, a.err
		}
		a.next()
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

// skip passes over n decompressed bytes without copying them. It returns
// fewer at the end of the stream, and the next Read says how it ended.
func (a *ahead) skip(n int64) (int64, error) {
	var done int64
	for done < n {
		if len(a.cur) == 0 {
			if a.err != nil {
				return done, nil
			}
			a.next()
			continue
		}
		k := min(int64(len(a.cur)), n-done)
		a.cur = a.cur[k:]
		done += k
	}
	return done, nil
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

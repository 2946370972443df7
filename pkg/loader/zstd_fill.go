//go:build cgo

package loader

import (
	"errors"
	"fmt"
	"io"
)

// zstdInput is the compressed bytes held at once: a whole block (the
// library refuses blocks over 128 KiB) and the next unit's header, with
// room to read ahead.
const zstdInput = 512 << 10

// ringFiller is the state of fill: the library's context, the compressed
// input and the ring, addressed by virtual positions that only grow. A
// byte at virtual position v is at ring offset v-base while its lap lasts;
// a lap ends early when a whole block may not fit before the ring's end,
// and the library goes on at offset 0 (zstd.h, "Buffer-less streaming
// decompression", round buffer).
type ringFiller struct {
	z        *zstdRing
	d        *zstdDCtx
	src      io.Reader
	in       []byte
	pos, end int  // in[pos:end] is not consumed yet
	eof      bool // src has ended

	ring     []byte // C memory
	base     int64  // virtual position of ring offset 0 in this lap
	w        int64  // virtual position written up to
	blockMax int64  // of the frame being decoded
}

func newRingFiller(z *zstdRing, src io.Reader) *ringFiller {
	return &ringFiller{z: z, d: newZstdDCtx(), src: src, in: make([]byte, zstdInput)}
}

// errRingStopped ends fill when the reader has closed the stream.
var errRingStopped = errors.New("zstd: reader closed")

// fill decompresses into the ring until the stream ends or Close stops it.
// The ring outlives it: the reader may still be reading the last pieces.
func (z *zstdRing) fill() {
	defer close(z.stopped)
	f := z.filler
	if c, ok := f.src.(io.Closer); ok {
		defer c.Close() //nolint:errcheck // its error reached the reader through Read
	}
	err := f.run()
	select {
	case z.full <- ringPiece{start: f.w, err: err}:
	case <-z.stop:
	}
}

// run decodes frame after frame until the input ends, and returns how it
// ended: io.EOF after the last whole frame.
func (f *ringFiller) run() error {
	for {
		skippable, err := f.startFrame()
		if err != nil {
			return err
		}
		for !skippable {
			done, err := f.step()
			if err != nil {
				return err
			}
			if done {
				break
			}
		}
	}
}

// startFrame reads the next frame's header, makes the ring large enough
// for its window and starts decoding it. A skippable frame is passed over
// here: the library would want its whole content in one piece. It returns
// io.EOF when the input ends between frames.
func (f *ringFiller) startFrame() (skippable bool, err error) {
	var h zstdFrame
	for {
		if f.pos == f.end {
			// Between frames, the input may end.
			if err := f.more(); err != nil {
				return false, err
			}
			if f.pos == f.end {
				return false, io.EOF
			}
		}
		var need int
		h, need, err = f.d.frameHeader(f.in[f.pos:f.end])
		if err != nil {
			return false, err
		}
		if need == 0 {
			break
		}
		if err := f.want(need); err != nil {
			return false, err
		}
	}
	if h.skippable {
		return true, f.discard(h.size)
	}
	if err := f.ringFor(h.window + int64(zstdRingLag)); err != nil {
		return false, err
	}
	f.blockMax = h.blockMax
	return false, f.d.begin()
}

// ringFor makes sure the ring holds size bytes. A ring too small for a
// new frame is replaced once the reader is done with it: nothing in a
// frame refers to an earlier one.
func (f *ringFiller) ringFor(size int64) error {
	if f.ring != nil && int64(len(f.ring)) >= size {
		return nil
	}
	for f.z.released.Load() < f.w {
		if err := f.waitRelease(); err != nil {
			return err
		}
	}
	freeCRing(f.ring)
	if f.ring = cRing(size); f.ring == nil {
		return fmt.Errorf("zstd: no memory for a ring of %d bytes", size)
	}
	f.base = f.w
	return nil
}

// step decodes up to zstdStepOut bytes of the frame into the ring and
// passes them to the reader; done means the frame has ended.
func (f *ringFiller) step() (done bool, err error) {
	size := int64(len(f.ring))
	if f.w-f.base+f.blockMax > size {
		f.base += size // the library goes on at offset 0
		f.w = f.base
	}
	// The reader may still read virtual positions from released on; the
	// ring holds size bytes, so nothing at or past released+size is theirs.
	for f.w+f.blockMax > f.z.released.Load()+size {
		if err := f.waitRelease(); err != nil {
			return false, err
		}
	}
	limit := min(size, f.z.released.Load()+size-f.base)
	p, err := f.d.step(f.ring, f.w-f.base, limit, f.blockMax, zstdStepOut, f.in[f.pos:f.end])
	if err != nil {
		return false, err
	}
	f.pos += p.consumed
	if written := f.base + p.w - f.w; written > 0 || p.need == 0 {
		piece := ringPiece{b: f.ring[f.w-f.base : p.w], start: f.w, frameEnd: p.need == 0, hasSum: p.hasSum, sum: p.sum}
		select {
		case f.z.full <- piece:
		case <-f.z.stop:
			return false, errRingStopped
		}
		f.w += written
	}
	if p.need == 0 {
		return true, nil
	}
	return false, f.want(p.need)
}

// want reads until the input holds n unconsumed bytes, n being at most a
// frame header or a block. Input that ends first is a stream cut inside a
// frame.
func (f *ringFiller) want(n int) error {
	if f.end-f.pos >= n {
		return nil
	}
	if n > len(f.in) {
		return fmt.Errorf("zstd: a unit of %d bytes", n)
	}
	f.end = copy(f.in, f.in[f.pos:f.end])
	f.pos = 0
	for f.end < n {
		if f.eof {
			return io.ErrUnexpectedEOF
		}
		if err := f.more(); err != nil {
			return err
		}
	}
	return nil
}

// more reads once into the free end of the input, noting its end.
func (f *ringFiller) more() error {
	if f.eof {
		return nil
	}
	if f.end == len(f.in) {
		f.end = copy(f.in, f.in[f.pos:f.end])
		f.pos = 0
	}
	k, err := f.src.Read(f.in[f.end:])
	f.end += k
	if errors.Is(err, io.EOF) {
		f.eof = true
		return nil
	}
	return err
}

// discard passes over n bytes of input. Input that ends first is a
// stream cut inside a frame.
func (f *ringFiller) discard(n int64) error {
	held := min(n, int64(f.end-f.pos))
	f.pos += int(held)
	rest := n - held
	if rest == 0 {
		return nil
	}
	skipped, err := copySkip(f.src, rest)
	if err == nil && skipped < rest {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// waitRelease waits until the reader gives some of the ring back.
func (f *ringFiller) waitRelease() error {
	select {
	case <-f.z.wake:
		return nil
	case <-f.z.stop:
		return errRingStopped
	}
}

// free releases the C memory, once neither fill nor the reader use it.
func (f *ringFiller) free() {
	freeCRing(f.ring)
	f.ring = nil
	f.d.free()
}

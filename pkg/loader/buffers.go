package loader

import (
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

//go:build cgo

package loader

/*
#include <stdlib.h>
#include <stddef.h>

// The buffer-less streaming API of the zstd library that
// github.com/DataDog/zstd (v1.5.7, zstd 1.5.7) builds into this program:
// zstd.h, "Buffer-less streaming decompression", declared here because the
// package's header is not on this package's include path. ZSTD_FrameHeader
// mirrors that header's struct; the tests decode real frames through it.
typedef struct ZSTD_DCtx_s ZSTD_DCtx;
typedef struct {
	unsigned long long frameContentSize;
	unsigned long long windowSize;
	unsigned blockSizeMax;
	int frameType; // 0: a frame, 1: a skippable frame
	unsigned headerSize;
	unsigned dictID;
	unsigned checksumFlag;
	unsigned _reserved1;
	unsigned _reserved2;
} ZSTD_FrameHeader;
ZSTD_DCtx* ZSTD_createDCtx(void);
size_t ZSTD_freeDCtx(ZSTD_DCtx* dctx);
size_t ZSTD_getFrameHeader(ZSTD_FrameHeader* zfhPtr, const void* src, size_t srcSize);
size_t ZSTD_decodingBufferSize_min(unsigned long long windowSize, unsigned long long frameContentSize);
size_t ZSTD_decompressBegin(ZSTD_DCtx* dctx);
size_t ZSTD_nextSrcSizeToDecompress(ZSTD_DCtx* dctx);
size_t ZSTD_decompressContinue(ZSTD_DCtx* dctx, void* dst, size_t dstCapacity, const void* src, size_t srcSize);
unsigned ZSTD_isError(size_t code);
const char* ZSTD_getErrorName(size_t code);
size_t ZSTD_DCtx_setParameter(ZSTD_DCtx* dctx, int param, int value);
int ZSTD_nextInputType(ZSTD_DCtx* dctx);

// xxhash.c, built with the names prefixed ZSTD_; the state is opaque.
typedef struct XXH64_state_s XXH64_state_t;
XXH64_state_t* ZSTD_XXH64_createState(void);
int ZSTD_XXH64_freeState(XXH64_state_t* state);
int ZSTD_XXH64_reset(XXH64_state_t* state, unsigned long long seed);
int ZSTD_XXH64_update(XXH64_state_t* state, const void* input, size_t length);
unsigned long long ZSTD_XXH64_digest(const XXH64_state_t* state);

// ZSTD_d_forceIgnoreChecksum and ZSTDnit_checksum, in zstd.h.
#define HAC_ZSTD_D_FORCE_IGNORE_CHECKSUM 1002
#define HAC_ZSTDNIT_CHECKSUM 4

// ZSTD_CONTENTSIZE_UNKNOWN, in zstd.h.
#define HAC_ZSTD_CONTENTSIZE_UNKNOWN (0ULL - 1)

// ZSTD_error_frameParameter_windowTooLarge and ZSTD_error_checksum_wrong,
// in zstd_errors.h.
#define HAC_ZSTD_WINDOW_TOO_LARGE ((size_t)-16)
#define HAC_ZSTD_CHECKSUM_WRONG ((size_t)-22)

typedef struct {
	size_t err;          // a library error code, or 0
	size_t in_pos;       // input consumed up to here
	size_t w;            // ring written up to here
	size_t need;         // input the next unit needs; 0: the frame has ended
	unsigned sum;        // the frame's checksum, when has_sum
	unsigned has_sum;    // the frame's checksum unit was passed over
} ring_progress;

// ring_step decodes the units of a frame into ring at w, block after block,
// while the input holds the next unit whole, the next block fits below
// limit, and fewer than want bytes have come out.
static ring_progress ring_step(ZSTD_DCtx* d, char* ring, size_t w, size_t limit, size_t block_max,
		size_t want, const char* in, size_t in_len, size_t in_pos) {
	ring_progress p = { 0, in_pos, w, 0 };
	size_t start = w;
	for (;;) {
		p.need = ZSTD_nextSrcSizeToDecompress(d);
		if (p.need == 0 || in_len - p.in_pos < p.need || p.w + block_max > limit || p.w - start >= want) {
			return p;
		}
		if (ZSTD_nextInputType(d) == HAC_ZSTDNIT_CHECKSUM) {
			const unsigned char* c = (const unsigned char*)in + p.in_pos;
			p.sum = (unsigned)c[0] | (unsigned)c[1] << 8 | (unsigned)c[2] << 16 | (unsigned)c[3] << 24;
			p.has_sum = 1;
		}
		size_t n = ZSTD_decompressContinue(d, ring + p.w, limit - p.w, in + p.in_pos, p.need);
		if (ZSTD_isError(n)) {
			p.err = n;
			return p;
		}
		p.in_pos += p.need;
		p.w += n;
	}
}

static const char* window_too_large(void) { return ZSTD_getErrorName(HAC_ZSTD_WINDOW_TOO_LARGE); }
static const char* checksum_wrong(void) { return ZSTD_getErrorName(HAC_ZSTD_CHECKSUM_WRONG); }
*/
import "C"

import (
	"fmt"
	"unsafe"

	_ "github.com/DataDog/zstd" // builds and links the zstd library called above
)

// This file is the loader's only contact with the zstd library: a context
// decoding frames block by block into memory the caller manages, a ring of
// C memory to decode into, and the library's XXH64 for checksums. The ring
// protocol built on them is in zstd_fill.go and zstd_ring.go.

// zstdDCtx is a library decompression context, used by one goroutine.
type zstdDCtx struct{ d *C.ZSTD_DCtx }

// zstdFrame is what a frame header says.
type zstdFrame struct {
	skippable bool
	// window is the ring the frame needs, its window and two blocks, for
	// a frame; size is the whole frame's size for a skippable frame.
	window, size int64
	blockMax     int64
}

// zstdStep is how far one call into the library got.
type zstdStep struct {
	consumed int   // input bytes
	w        int64 // ring offset written up to
	need     int   // input the next unit needs; 0: the frame has ended
	sum      uint32
	hasSum   bool // the frame's checksum unit was passed over, holding sum
}

// newZstdDCtx makes a context that leaves checksums to its caller
// (zstdRing checks them on the reader's goroutine).
func newZstdDCtx() *zstdDCtx {
	d := C.ZSTD_createDCtx()
	C.ZSTD_DCtx_setParameter(d, C.HAC_ZSTD_D_FORCE_IGNORE_CHECKSUM, 1)
	return &zstdDCtx{d: d}
}

// frameHeader reads the frame header at the start of in. need > 0 asks
// for at least that many bytes first.
func (z *zstdDCtx) frameHeader(in []byte) (f zstdFrame, need int, err error) {
	var h C.ZSTD_FrameHeader
	ret := C.ZSTD_getFrameHeader(&h, unsafe.Pointer(unsafe.SliceData(in)), C.size_t(len(in)))
	switch {
	case C.ZSTD_isError(ret) != 0:
		return f, 0, zstdError(ret)
	case ret > 0:
		return f, int(ret), nil
	case h.frameType != 0:
		// frameContentSize is the skippable content's size.
		return zstdFrame{skippable: true, size: int64(h.headerSize) + int64(h.frameContentSize)}, 0, nil
	case h.windowSize > zstdMaxWindow:
		return f, 0, fmt.Errorf("zstd: %s", C.GoString(C.window_too_large()))
	}
	// Sized as a ring whatever the content size: a ring sized to a frame's
	// content would have to be written without wrapping, which the room
	// kept for a whole block at every step does not allow.
	window := C.ZSTD_decodingBufferSize_min(h.windowSize, C.HAC_ZSTD_CONTENTSIZE_UNKNOWN)
	return zstdFrame{window: int64(window), blockMax: int64(h.blockSizeMax)}, 0, nil
}

// begin starts decoding a frame.
func (z *zstdDCtx) begin() error {
	if ret := C.ZSTD_decompressBegin(z.d); C.ZSTD_isError(ret) != 0 {
		return zstdError(ret)
	}
	return nil
}

// step decodes units of the frame from in into ring at offset w, while
// in holds the next unit whole, the next block fits below limit and fewer
// than want bytes have come out. in must hold no Go pointers; the library
// keeps no pointer to it past the call.
func (z *zstdDCtx) step(ring []byte, w, limit, blockMax int64, want int, in []byte) (zstdStep, error) {
	p := C.ring_step(z.d, (*C.char)(unsafe.Pointer(unsafe.SliceData(ring))), C.size_t(w), C.size_t(limit),
		C.size_t(blockMax), C.size_t(want), (*C.char)(unsafe.Pointer(unsafe.SliceData(in))), C.size_t(len(in)), 0)
	if C.ZSTD_isError(p.err) != 0 {
		return zstdStep{}, zstdError(p.err)
	}
	return zstdStep{consumed: int(p.in_pos), w: int64(p.w), need: int(p.need), sum: uint32(p.sum), hasSum: p.has_sum != 0}, nil
}

// free releases the context.
func (z *zstdDCtx) free() {
	if z.d != nil {
		C.ZSTD_freeDCtx(z.d)
		z.d = nil
	}
}

// cRing allocates n bytes of C memory, which the garbage collector does
// not see or move: the library keeps pointers into it between calls.
func cRing(n int64) []byte {
	p := C.malloc(C.size_t(n))
	if p == nil {
		return nil
	}
	return unsafe.Slice((*byte)(p), n)
}

// freeCRing frees what cRing allocated.
func freeCRing(b []byte) {
	if b != nil {
		C.free(unsafe.Pointer(unsafe.SliceData(b)))
	}
}

// zstdChecksum is a frame's checksum as the library computes it: the low
// 32 bits of XXH64 with seed 0 over the frame's content.
type zstdChecksum struct{ s *C.XXH64_state_t }

func newZstdChecksum() *zstdChecksum {
	c := &zstdChecksum{s: C.ZSTD_XXH64_createState()}
	C.ZSTD_XXH64_reset(c.s, 0)
	return c
}

// add hashes b, which may be Go or C memory.
func (c *zstdChecksum) add(b []byte) {
	if len(b) > 0 {
		C.ZSTD_XXH64_update(c.s, unsafe.Pointer(unsafe.SliceData(b)), C.size_t(len(b)))
	}
}

// end returns the checksum of what was added and starts again.
func (c *zstdChecksum) end() uint32 {
	sum := uint32(C.ZSTD_XXH64_digest(c.s))
	C.ZSTD_XXH64_reset(c.s, 0)
	return sum
}

func (c *zstdChecksum) free() {
	if c.s != nil {
		C.ZSTD_XXH64_freeState(c.s)
		c.s = nil
	}
}

// errZstdChecksum is the library's own error for a checksum that differs.
var errZstdChecksum = fmt.Errorf("zstd: %s", C.GoString(C.checksum_wrong()))

func zstdError(code C.size_t) error {
	return fmt.Errorf("zstd: %s", C.GoString(C.ZSTD_getErrorName(code)))
}

//go:build cgo

package loader

/*
#include <stddef.h>

// The stable streaming API (zstd.h, "Streaming decompression") of the zstd
// library that github.com/DataDog/zstd builds into this program.
typedef struct ZSTD_DCtx_s ZSTD_DStream;
typedef struct { const void* src; size_t size; size_t pos; } ZSTD_inBuffer;
typedef struct { void* dst; size_t size; size_t pos; } ZSTD_outBuffer;
ZSTD_DStream* ZSTD_createDStream(void);
size_t ZSTD_freeDStream(ZSTD_DStream* zds);
size_t ZSTD_decompressStream(ZSTD_DStream* zds, ZSTD_outBuffer* output, ZSTD_inBuffer* input);
unsigned ZSTD_isError(size_t code);
const char* ZSTD_getErrorName(size_t code);
size_t ZSTD_DStreamInSize(void);
size_t ZSTD_DCtx_setParameter(ZSTD_DStream* dctx, int param, int value);

// ZSTD_d_windowLogMax, in zstd.h's ZSTD_dParameter.
#define HAC_ZSTD_D_WINDOWLOGMAX 100

// decompress_step runs one step of ZSTD_decompressStream and reports how
// far it got through *in_pos and *out_pos, so that no C struct holds a
// pointer to Go memory.
static size_t decompress_step(ZSTD_DStream* zds, void* dst, size_t dst_size, size_t* out_pos,
		const void* src, size_t src_size, size_t* in_pos) {
	ZSTD_outBuffer out = { dst, dst_size, *out_pos };
	ZSTD_inBuffer in = { src, src_size, *in_pos };
	size_t ret = ZSTD_decompressStream(zds, &out, &in);
	*out_pos = out.pos;
	*in_pos = in.pos;
	return ret;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"io"
	"unsafe"

	_ "github.com/DataDog/zstd" // builds and links the zstd library called above
)

// The zstd library decompresses this must-gather 2.5 times as fast as the
// Go decoder and as fast as the zstd program, without the program's copy
// of its output into a pipe (docs/performance.md, section 9). DataDog's
// package builds it from source with cgo; its own Reader is not used
// because it copies every block once more and takes a stream that ends
// inside a frame for a clean end, where this reader says it is truncated.

// zstdStepOut bounds the output of one call into C. 8 to 128 KiB measured
// alike; 1 MiB steps made loads 10% slower, the goroutine losing its P
// during long calls and waiting to get one back.
const zstdStepOut = 32 << 10

// cZstd is a zstd stream decompressed by the C library.
type cZstd struct {
	ds  *C.ZSTD_DStream
	src io.Reader
	in  []byte
	pos int  // start of in's unconsumed bytes
	end int  // end of in's bytes
	eof bool // src has ended
	mid bool // a frame has begun and not ended: src must not end here
}

// nativeZstd returns a reader decompressing the zstd stream r with the C
// library; ok is false when useNative is off, and in builds without cgo
// (zstd_nocgo.go).
func nativeZstd(r io.Reader) (rc io.ReadCloser, ok bool) {
	if !useNative {
		return nil, false
	}
	ds := C.ZSTD_createDStream()
	// 256 MiB of window, as for the Go decoder and the program: more than
	// any real archive uses, and a bound on what a hostile header can claim.
	C.ZSTD_DCtx_setParameter(ds, C.HAC_ZSTD_D_WINDOWLOGMAX, 28)
	return &cZstd{ds: ds, src: r, in: make([]byte, int(C.ZSTD_DStreamInSize()))}, true
}

// Read decompresses into p. A stream that ends inside a frame is
// io.ErrUnexpectedEOF; the library's errors (corrupt data, a window over
// 256 MiB) name themselves.
func (z *cZstd) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if z.ds == nil {
		return 0, errors.New("zstd: read after close")
	}
	for {
		if z.pos == z.end && !z.eof {
			n, err := z.src.Read(z.in)
			z.pos, z.end = 0, n
			switch {
			case errors.Is(err, io.EOF):
				z.eof = true
			case err != nil:
				return 0, err
			}
		}
		if z.pos == z.end && z.eof {
			if z.mid {
				return 0, io.ErrUnexpectedEOF
			}
			return 0, io.EOF
		}
		var outPos, inPos C.size_t = 0, C.size_t(z.pos)
		ret := C.decompress_step(z.ds, unsafe.Pointer(&p[0]), C.size_t(min(len(p), zstdStepOut)), &outPos,
			unsafe.Pointer(&z.in[0]), C.size_t(z.end), &inPos)
		if C.ZSTD_isError(ret) != 0 {
			return 0, fmt.Errorf("zstd: %s", C.GoString(C.ZSTD_getErrorName(ret)))
		}
		z.pos = int(inPos)
		z.mid = ret != 0 // 0: a frame has just been completed and flushed
		if outPos > 0 {
			return int(outPos), nil
		}
	}
}

// Close frees the library's state.
func (z *cZstd) Close() error {
	if z.ds != nil {
		C.ZSTD_freeDStream(z.ds)
		z.ds = nil
	}
	return nil
}

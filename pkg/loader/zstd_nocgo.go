//go:build !cgo

package loader

import "io"

// nativeZstd is unavailable without cgo: the zstd program, or the Go
// decoder, decompresses instead.
func nativeZstd(io.Reader) (rc aheadReader, ok bool) { return nil, false }

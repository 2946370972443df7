package loader

import (
	"bufio"
	"errors"
	"io"
)

// A tar must-gather is mostly logs, which the loader never reads: 1.5 of
// the 1.9 GB of the benchmark must-gather (docs/performance.md). Those
// bytes are not copied out of wherever the tar comes from: archive/tar
// passes over an entry by seeking when its reader can seek, and the budget
// reader (limits.go) turns that seek into a skip of the stream's source.
// A decompressor program's pipe is spliced into /dev/null (on Linux), an
// in-process decompressor drops the bytes from its buffers (handover.go),
// and an uncompressed tar file seeks.

// skipFunc passes over up to n bytes of a stream without returning them.
// It returns how many it passed over; fewer than n, with a nil error, means
// the stream ended, and the next Read reports how.
type skipFunc func(n int64) (int64, error)

// errNoSeek tells archive/tar that this stream cannot seek, so that it
// reads and drops what it does not need instead.
var errNoSeek = errors.New("stream cannot skip")

// bufferedSkip is the skipFunc of br reading from a source that can skip:
// the bytes br already holds are dropped first, then src passes over the
// rest.
func bufferedSkip(br *bufio.Reader, src skipFunc) skipFunc {
	return func(n int64) (int64, error) {
		dropped, _ := br.Discard(int(min(n, int64(br.Buffered())))) // never fails within Buffered
		if rest := n - int64(dropped); rest > 0 {
			skipped, err := src(rest)
			return int64(dropped) + skipped, err
		}
		return int64(dropped), nil
	}
}

// copySkip passes over n bytes of r by reading and dropping them: the way
// to skip when nothing better is possible.
func copySkip(r io.Reader, n int64) (int64, error) {
	skipped, err := io.CopyN(io.Discard, r, n)
	if errors.Is(err, io.EOF) {
		err = nil // the next Read reports the end, with the source's error
	}
	return skipped, err
}

// seekSkip is the skipFunc of r when r can seek, as an uncompressed tar
// file can: it seeks forward, stopping at the end. It is nil otherwise
// (standard input from a pipe).
func seekSkip(r io.Reader) skipFunc {
	sk, ok := r.(io.Seeker)
	if !ok {
		return nil
	}
	pos, err := sk.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil
	}
	end, err := sk.Seek(0, io.SeekEnd)
	if err != nil {
		return nil
	}
	if _, err := sk.Seek(pos, io.SeekStart); err != nil {
		return nil
	}
	return func(n int64) (int64, error) {
		at, err := sk.Seek(0, io.SeekCurrent)
		if err != nil {
			return 0, err
		}
		n = min(n, max(end-at, 0))
		if _, err := sk.Seek(n, io.SeekCurrent); err != nil {
			return 0, err
		}
		return n, nil
	}
}

//go:build !linux

package loader

import "os"

// pipeReader is the read end of a decompressor's output. Outside Linux it
// is a plain pipe: no splicing, no lazy reads.
type pipeReader struct{ *os.File }

// newPipe makes the pipe a decompressor writes into.
func newPipe(bool) (*pipeReader, *os.File, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	return &pipeReader{r}, w, nil
}

// skip passes over n bytes by reading them.
func (p *pipeReader) skip(n int64) (int64, error) { return copySkip(p.File, n) }

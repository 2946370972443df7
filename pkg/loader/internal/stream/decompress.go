package stream

import (
	"bufio"
	"compress/bzip2"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/mikelolasagasti/xz"
	"github.com/pierrec/lz4/v4"
)

// GoOnlyEnv, set to 1, makes every format decompress in this process even
// when its program is on PATH: the way to compare the two, and the way
// around a broken program.
const GoOnlyEnv = "HA_COMPLIANCE_GO_DECOMPRESS"

// maxWindow bounds the memory a hostile header can claim from any
// decompressor: 256 MiB is more than any real archive uses.
const maxWindow = 256 << 20

// decompressor is how one format is decompressed: by a program when one
// is named and on PATH (xz and zstd decompress 2-3 times as fast as the Go
// decoders, on a core of their own: docs/performance.md), else in this
// process. gzip has no program: Go's is as fast as gzip(1).
type decompressor struct {
	program []string
	goName  string // the Go decoder, as -v names it
	open    func(io.Reader) (io.Reader, error)
}

var decompressors = map[Kind]decompressor{
	Gzip: {goName: "klauspost/compress/gzip", open: func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	// -T0: parallel when the archive has several blocks (xz -T wrote it).
	XZ: {program: []string{"xz", "-d", "-c", "-q", "-T0", "--memlimit-decompress=256MiB"},
		goName: "mikelolasagasti/xz", open: func(r io.Reader) (io.Reader, error) { return xz.NewReader(r, maxWindow) }},
	Zstd: {program: []string{"zstd", "-d", "-c", "-q", "--memory=256MB"},
		goName: "klauspost/compress/zstd", open: func(r io.Reader) (io.Reader, error) {
			zr, err := zstd.NewReader(r, zstd.WithDecoderMaxWindow(maxWindow), zstd.WithDecoderConcurrency(1))
			if err != nil {
				return nil, err
			}
			return zr.IOReadCloser(), nil
		}},
	Bzip: {goName: "compress/bzip2", open: func(r io.Reader) (io.Reader, error) { return bzip2.NewReader(r), nil }},
	LZ4: {goName: "pierrec/lz4", open: func(r io.Reader) (io.Reader, error) {
		return newLZ4Frames(r), nil
	}},
}

// lz4Frames reads the frames of an lz4 stream one after the other, as
// lz4(1) does, and fails on anything else after a frame: pierrec/lz4 stops
// at the end of the first frame without looking further.
type lz4Frames struct {
	zr  *lz4.Reader
	src *bufio.Reader
}

func newLZ4Frames(r io.Reader) *lz4Frames {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	return &lz4Frames{zr: lz4.NewReader(br), src: br}
}

func (l *lz4Frames) Read(p []byte) (int, error) {
	for {
		n, err := l.zr.Read(p)
		if !errors.Is(err, io.EOF) {
			return n, err
		}
		next, perr := l.src.Peek(4)
		switch {
		case len(next) == 0 && errors.Is(perr, io.EOF):
			return n, io.EOF
		case string(next) != lz4Magic:
			return n, errors.New("lz4: data after the end of the stream")
		}
		l.zr.Reset(l.src)
		if n > 0 {
			return n, nil
		}
	}
}

const lz4Magic = "\x04\x22\x4d\x18"

// choice is which decompressor reads a stream, and why: -v says both.
type choice struct {
	program string // the program's path; "" for the Go decoder
	name    string
	why     string
}

// choose picks the decompressor of format. PATH and GoOnlyEnv are read
// at every call, so that a test can hide the programs as a user's machine
// does.
func choose(format Kind) choice {
	d := decompressors[format]
	goChoice := func(why string) choice { return choice{name: "Go decoder " + d.goName, why: why} }
	if d.program == nil {
		return goChoice("no program is used for " + format)
	}
	prog := d.program[0]
	if os.Getenv(GoOnlyEnv) == "1" {
		return goChoice(GoOnlyEnv + "=1")
	}
	path, err := exec.LookPath(prog)
	if err != nil {
		return goChoice(fmt.Sprintf("no %s program on PATH (it decompresses 2-3 times as fast)", prog))
	}
	return choice{program: path, name: prog + " program " + path, why: prog + " is on PATH"}
}

// start runs the choice's program on src (which it reads itself when src
// is a file) and returns its output.
func (c choice) start(format Kind, src io.Reader) (*child, error) {
	cmd := exec.CommandContext(context.Background(), c.program, decompressors[format].program[1:]...)
	cmd.Stdin = src
	stderr := &tailBuffer{max: 4096}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", c.program, err)
	}
	return &child{cmd: cmd, out: out, stderr: stderr}, nil
}

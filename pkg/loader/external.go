package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
)

// The xz and zstd programs decompress about twice as fast as the Go
// decoders (docs/performance.md: 8 s against 14.5 s for the xz of a
// 2 GB must-gather, 1.2 s against 2.6 s for its zstd). When one is on
// PATH, openStream runs it as a child process: the program reads the
// archive file itself (or, for a stream, the bytes this process feeds it,
// so that the decompression-bomb budget counts them) and this process reads
// the tar from its output, passing over the logs without copying them
// (skip.go), while the child works on a core of its own and this process
// decodes YAML on the other. zstd is decompressed by the zstd library in
// this process instead when the program is built with cgo (zstd_cgo.go),
// which saves the pipe. Without the program, or with
// HA_COMPLIANCE_GO_DECOMPRESS=1, the Go decoders run in-process. gzip
// stays in-process: Go's is faster than gzip(1).
var externalDecompressors = map[string]program{
	// -T0: parallel when the archive has several blocks (xz -T wrote it).
	// The memory caps bound what a hostile header can claim, as the Go
	// decoders' window limit does. xz writes 8 KiB at a time, and reading
	// each piece as it comes costs it a fifth of its speed; zstd writes
	// 128 KiB and is faster read through the poller (pipe_linux.go).
	formatXZ:   {args: []string{"xz", "-d", "-c", "-q", "-T0", "--memlimit-decompress=256MiB"}, lazy: true},
	formatZstd: {args: []string{"zstd", "-d", "-c", "-q", "--memory=256MB"}},
}

// program is a decompressor to run and how to read its output.
type program struct {
	args []string // the command line, program first
	lazy bool     // read its pipe lazily (see newPipe)
}

// useExternal and useNative allow the programs and the zstd library
// (zstd_cgo.go); HA_COMPLIANCE_GO_DECOMPRESS=1 turns both off, and tests
// compare the ways with them.
var (
	useExternal = os.Getenv("HA_COMPLIANCE_GO_DECOMPRESS") != "1"
	useNative   = useExternal
)

var lookPath = sync.OnceValue(func() map[string]string {
	found := map[string]string{}
	for format, prog := range externalDecompressors {
		if p, err := exec.LookPath(prog.args[0]); err == nil {
			found[format] = p
		}
	}
	return found
})

// startExternal starts the decompressor program for format on src. ok is
// false when there is none to use; err when it could not start.
func startExternal(format string, src io.Reader) (r *child, ok bool, err error) {
	path, found := lookPath()[format]
	if !found || !useExternal {
		return nil, false, nil
	}
	cmd := exec.Command(path, externalDecompressors[format].args[1:]...)
	cmd.Stdin = src
	stderr := &tailBuffer{max: 4096}
	cmd.Stderr = stderr
	out, w, err := newPipe(externalDecompressors[format].lazy)
	if err != nil {
		return nil, true, err
	}
	cmd.Stdout = w
	err = cmd.Start()
	w.Close() //nolint:errcheck // the program holds its own copy; ours must go for the end to show
	if err != nil {
		out.Close() //nolint:errcheck // nothing was read from it
		return nil, true, fmt.Errorf("start %s: %w", path, err)
	}
	return &child{cmd: cmd, out: out, stderr: stderr}, true, nil
}

// child is the output of a running decompressor. Its end is an error when
// the program failed (a corrupt archive), with the program's own words.
type child struct {
	cmd    *exec.Cmd
	out    *pipeReader
	stderr *tailBuffer
	waited bool
	err    error
}

// Read reads the program's output; its end is the program's error, if any.
func (c *child) Read(p []byte) (int, error) {
	n, err := c.out.Read(p)
	if errors.Is(err, io.EOF) {
		if werr := c.wait(); werr != nil {
			return n, werr
		}
	}
	return n, err
}

// skip passes over n bytes of the program's output without copying them
// into this process where the pipe can (pipe_linux.go). Its end, like
// Read's, is the program's error, if any.
func (c *child) skip(n int64) (int64, error) {
	skipped, err := c.out.skip(n)
	if err == nil && skipped < n {
		err = c.wait()
	}
	return skipped, err
}

func (c *child) wait() error {
	if !c.waited {
		c.waited = true
		if err := c.cmd.Wait(); err != nil {
			msg := strings.TrimSpace(c.stderr.String())
			if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
				msg = msg[i+1:]
			}
			if msg == "" {
				msg = err.Error()
			}
			c.err = fmt.Errorf("%s: %s", c.cmd.Args[0], msg)
		}
	}
	return c.err
}

// Close stops the program if it is still running. Its exit status then
// says nothing: it was killed.
func (c *child) Close() error {
	if !c.waited {
		if err := c.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			return err
		}
		c.out.Close() //nolint:errcheck // the program is gone; its pipe has nothing to say
		c.wait()      //nolint:errcheck // reaps the killed process
	}
	return nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	b   bytes.Buffer
}

// Write keeps the end of p and what came before, up to max bytes.
func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b.Write(p)
	if over := t.b.Len() - t.max; over > 0 {
		t.b.Next(over)
	}
	return len(p), nil
}

// String returns the bytes kept.
func (t *tailBuffer) String() string { return t.b.String() }

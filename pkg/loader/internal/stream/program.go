package stream

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// child is the output of a running decompressor program. Its end is an
// error when the program failed (a corrupt archive), in the program's own
// words.
type child struct {
	cmd    *exec.Cmd
	out    io.ReadCloser
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
		c.wait() //nolint:errcheck // reaps the killed process; it closes the pipe
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

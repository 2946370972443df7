package stream

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mholt/archives"
)

// stuck is a library that yields the files it is given, then loops
// without end and without looking at its context, as rardecode v2.2.0
// did; after release, it tries to yield once more.
type stuck struct {
	files   int
	release chan struct{}
	after   chan error // what the callback answered after release
}

func (s stuck) Extract(ctx context.Context, _ io.Reader, fn archives.FileHandler) error {
	fsys := fstest.MapFS{"f": {Data: []byte("data")}}
	info, err := fs.Stat(fsys, "f")
	if err != nil {
		return err
	}
	file := func(name string) archives.FileInfo {
		return archives.FileInfo{FileInfo: info, NameInArchive: name, Open: func() (fs.File, error) { return fsys.Open("f") }}
	}
	for i := range s.files {
		if err := fn(ctx, file(fmt.Sprint("f", i))); err != nil {
			return err
		}
	}
	<-s.release
	s.after <- fn(ctx, file("late"))
	return nil
}

// TestExtractTimeLimit: a library that never returns is abandoned at the
// input's time limit with the entries seen so far, and the walker's
// callback is never entered again.
func TestExtractTimeLimit(t *testing.T) {
	for _, files := range []int{0, 2} {
		s := stuck{files: files, release: make(chan struct{}), after: make(chan error, 1)}
		old := extractor
		extractor = func(Kind) archives.Extractor { return s }
		r, err := Open(bytes.NewReader([]byte("Rar!\x1a\x07\x01\x00 and no more")), Options{Limits: Limits{MaxDuration: 300 * time.Millisecond}})
		if err != nil {
			t.Fatal(err)
		}
		var calls atomic.Int32
		start := time.Now()
		err = r.Entries(context.Background(), func(e Entry) error { calls.Add(1); return nil }, func(string, error) {})
		took := time.Since(start)
		var ae *Error
		if !errors.Is(err, ErrTimeLimit) || !errors.As(err, &ae) || ae.Entries != files || !strings.Contains(err.Error(), "inside the rar library") {
			t.Errorf("%d files: got %v", files, err)
		}
		if took > 20*time.Second {
			t.Errorf("%d files: returned after %v", files, took)
		}
		close(s.release)
		if err := <-s.after; !errors.Is(err, errAbandoned) {
			t.Errorf("%d files: the late callback got %v", files, err)
		}
		if int(calls.Load()) != files {
			t.Errorf("%d files: fn called %d times", files, calls.Load())
		}
		r.Close()
		extractor = old
	}
}

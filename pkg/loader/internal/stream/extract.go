package stream

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/mholt/archives"
)

// extractor is the library that walks a 7z or a rar: a variable so that
// a test can stand in one that never returns.
var extractor = func(k Kind) archives.Extractor {
	if k == SevenZip {
		return archives.SevenZip{}
	}
	return archives.Rar{}
}

// errAbandoned is what a library that went on after its walk was
// abandoned gets from the callback.
var errAbandoned = errors.New("the walk was abandoned at the time limit")

// extract reads a 7z or rar through github.com/mholt/archives.
//
// The budget's clock is read where bytes come out, so a loop that reads
// and yields nothing never meets it; in our own code no such loop exists,
// in a library it can (rardecode v2.2.0 looked for a signature forever
// in 14 bytes: FuzzSniff). So the walk runs on a goroutine of its own, and
// at the deadline, when it is not inside fn, it is abandoned: fn is never
// entered again and the goroutine is left to end with the process. Inside
// fn the entry's reads go through the budget, which stops them.
func (r *Reader) extract(ctx context.Context, fn func(Entry) error, bad func(string, error)) error {
	ex := extractor(r.kind)
	var src io.Reader = r.br
	if r.kind == SevenZip {
		ra, _, err := r.random()
		if err != nil {
			return &Error{Err: err}
		}
		src = ra
	} else if f, _, ok := regularFile(r.src); ok {
		if _, err := f.Seek(0, io.SeekStart); err == nil {
			src = f
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu        sync.Mutex // held while fn runs; guards abandoned
		abandoned bool
		n         int
		failed    *Error
	)
	done := make(chan error, 1)
	go func() {
		done <- ex.Extract(ctx, src, func(ctx context.Context, f archives.FileInfo) error {
			mu.Lock()
			defer mu.Unlock()
			if abandoned {
				return errAbandoned
			}
			defer func() { n++ }()
			if err := ctx.Err(); err != nil {
				return err
			}
			e := Entry{Name: f.NameInArchive, Size: f.Size(), Dir: f.IsDir(), Regular: f.Mode().IsRegular()}
			if err := r.b.check(e.Size); err != nil {
				failed = &Error{Entry: f.NameInArchive, Entries: n, Err: err}
				return err
			}
			open := func() (io.ReadCloser, error) { return f.Open() }
			if err := r.entry(e, open, fn, bad); err != nil {
				failed = &Error{Entry: f.NameInArchive, Entries: n, Err: err}
				return err
			}
			return nil
		})
	}()
	timer := time.NewTimer(time.Until(r.b.deadline))
	defer timer.Stop()
	for {
		select {
		case err := <-done:
			if failed != nil {
				return failed
			}
			if err != nil {
				return &Error{Entries: n, Err: err}
			}
			return nil
		case <-timer.C:
			if !mu.TryLock() {
				timer.Reset(50 * time.Millisecond) // inside fn, whose reads meet the clock
				continue
			}
			abandoned = true
			entries := n
			mu.Unlock()
			return &Error{Entries: entries, Err: fmt.Errorf("%w: reading took longer than %v (--input-timeout), inside the %s library",
				ErrTimeLimit, r.b.lim.MaxDuration, r.kind)}
		}
	}
}

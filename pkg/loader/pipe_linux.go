package loader

import (
	"errors"
	"os"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// Flags of splice(2) and ioctl(2) that package syscall does not name.
const (
	spliceMove     = 0x1
	spliceNonblock = 0x2
	ioctlFIONREAD  = syscall.TIOCINQ // the same request for pipes
)

// A decompressor's output pipe is read in one of two ways, each measured
// faster for its program (docs/performance.md):
//   - through Go's poller, for zstd: it writes 128 KiB at a time, and a
//     goroutine parked on the pipe costs less than a thread blocked in read;
//   - lazily, with blocking calls, for xz: it writes 8 KiB at a time, and
//     waking this process for each piece costs xz a fifth of its speed, so
//     the pipe is read only once it holds half its size (or after a few
//     milliseconds), and the poller, which would wake the process anyway,
//     is left out.
const (
	// pipeSize is what both ask for: Linux's default cap for a process
	// (/proc/sys/fs/pipe-max-size), 16 times the default.
	pipeSize = 1 << 20
	// lazyNap and lazyNaps bound how long a lazy reader waits for the pipe
	// to fill before it reads what is there.
	lazyNap  = time.Millisecond
	lazyNaps = 4
)

// devNull is /dev/null opened for writing, shared by every skip and kept
// open for the life of the process (held here, so that no finalizer
// closes its descriptor).
var devNull = sync.OnceValues(func() (*os.File, error) {
	return os.OpenFile(os.DevNull, os.O_WRONLY, 0)
})

// pipeReader is the read end of a decompressor's output.
type pipeReader struct {
	f  *os.File
	fd int
	// conn is the poller's handle on a polled pipe; nil for a lazy one.
	conn syscall.RawConn
	// low is how many bytes a lazy reader waits for.
	low int
	// copying is set once splicing failed: skips read the pipe instead.
	copying bool
}

// newPipe makes the pipe a decompressor writes into, polled or lazy.
func newPipe(lazy bool) (*pipeReader, *os.File, error) {
	if !lazy {
		r, w, err := os.Pipe()
		if err != nil {
			return nil, nil, err
		}
		p := &pipeReader{f: r}
		if p.conn, err = r.SyscallConn(); err != nil {
			r.Close() //nolint:errcheck // never used
			w.Close() //nolint:errcheck // never used
			return nil, nil, err
		}
		p.conn.Control(func(fd uintptr) { p.fd = int(fd) }) //nolint:errcheck // fails only on a closed file
		p.grow()
		return p, w, nil
	}
	var fds [2]int
	if err := syscall.Pipe2(fds[:], syscall.O_CLOEXEC); err != nil {
		return nil, nil, os.NewSyscallError("pipe2", err)
	}
	p := &pipeReader{f: os.NewFile(uintptr(fds[0]), "|0"), fd: fds[0]}
	p.low = p.grow() / 2
	return p, os.NewFile(uintptr(fds[1]), "|1"), nil
}

// grow asks for a pipe of pipeSize and returns the size it has. A refusal
// keeps the default size, which works, only more slowly.
func (p *pipeReader) grow() int {
	size, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(p.fd), syscall.F_SETPIPE_SZ, pipeSize)
	if errno != 0 {
		size, _, errno = syscall.Syscall(syscall.SYS_FCNTL, uintptr(p.fd), syscall.F_GETPIPE_SZ, 0)
	}
	if errno != 0 {
		return 0
	}
	return int(size)
}

// Read reads what the pipe holds, once a lazy pipe has filled or waited.
func (p *pipeReader) Read(b []byte) (int, error) {
	p.wait()
	return p.f.Read(b)
}

// Close closes the read end.
func (p *pipeReader) Close() error { return p.f.Close() }

// wait lets a lazy pipe fill to its low mark, for a few naps at most: the
// writer may be slow, stalled or finished, and a read tells which.
func (p *pipeReader) wait() {
	for range lazyNaps {
		if p.low == 0 || p.buffered() >= p.low {
			return
		}
		time.Sleep(lazyNap)
	}
}

// buffered returns how many bytes wait in the pipe.
func (p *pipeReader) buffered() int {
	var n int32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(p.fd), ioctlFIONREAD, uintptr(unsafe.Pointer(&n))); errno != 0 {
		return p.low // cannot tell: read at once
	}
	return int(n)
}

// skip passes over n bytes by splicing them into /dev/null: the kernel
// releases the pipe's pages without copying them into this process. Where
// the kernel cannot splice, it reads them instead. Fewer than n bytes, with
// no error, means the writer closed the pipe.
func (p *pipeReader) skip(n int64) (int64, error) {
	null, err := devNull()
	if err != nil || p.copying {
		return copySkip(p, n)
	}
	nullFD := int(null.Fd())
	var done int64
	for done < n {
		p.wait()
		moved, err := p.splice(nullFD, min(n-done, 1<<30))
		switch {
		case errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOSYS):
			p.copying = true
			copied, err := copySkip(p, n-done)
			return done + copied, err
		case err != nil:
			return done, os.NewSyscallError("splice", err)
		case moved == 0:
			return done, nil
		}
		done += moved
	}
	return done, nil
}

// splice moves up to n bytes of the pipe into fd, once some are there.
func (p *pipeReader) splice(fd int, n int64) (int64, error) {
	if p.conn == nil {
		for {
			moved, err := syscall.Splice(p.fd, nil, fd, nil, int(n), spliceMove)
			if err != syscall.EINTR {
				return moved, err
			}
		}
	}
	var moved int64
	var serr error
	err := p.conn.Read(func(pfd uintptr) bool {
		for {
			moved, serr = syscall.Splice(int(pfd), nil, fd, nil, int(n), spliceMove|spliceNonblock)
			if serr != syscall.EINTR {
				return serr != syscall.EAGAIN // false: wait until the pipe has data
			}
		}
	})
	return moved, errors.Join(err, serr)
}

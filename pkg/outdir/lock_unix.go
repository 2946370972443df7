//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package outdir

import (
	"errors"
	"os"
	"syscall"
)

// interruptSignals stop a Publish: Ctrl-C, and what CI sends at a timeout.
var interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// oNoFollow refuses a symlink at the last element of a name.
const oNoFollow = syscall.O_NOFOLLOW

// tryLock takes an exclusive flock on the folder f without waiting. The
// kernel drops it when the process ends, however it ends, so a killed run
// never leaves a stale lock, and the folder needs no lock file of its own.
func tryLock(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.EINTR):
			continue
		}
		return false, err
	}
}

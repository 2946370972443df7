//go:build unix

package batch

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on f without waiting: two batches
// appending to the same folder would interleave their rows.
func lockFile(f *os.File) (func() error, error) {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return nil, err
	}
	return func() error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }, nil
}

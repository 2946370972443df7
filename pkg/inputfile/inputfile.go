// Package inputfile opens the files ha-compliance reads so that a hostile or
// odd tree can neither block the run nor lead it outside the tree.
//
// Where a file is expected, only a regular file is read. A FIFO (which
// blocks an open until a writer comes, and a read until it writes), a
// device (/dev/zero never ends) or a socket is refused with a clear error,
// found without blocking: the file is opened non-blocking and its type read
// from the open descriptor (fstat), so nothing can be swapped in between a
// check and the open. A symlink is not followed unless the user named it
// (Follow): a tree found by walking a folder (a must-gather, an Insights
// archive, a CI run) is read as it is, never through a link that points
// elsewhere (docs/inputs.md).
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// ErrNotRegular is matched (errors.Is) by the error for anything that is
// not a regular file where one is expected.
var ErrNotRegular = errors.New("not a regular file")

// Open opens name for reading and returns it with its metadata when it is
// a regular file. follow says whether a symlink at name is followed: true
// only for a path the user named.
func Open(name string, follow bool) (*os.File, os.FileInfo, error) {
	flags := os.O_RDONLY | oNonBlock
	if !follow {
		flags |= oNoFollow
	}
	f, err := os.OpenFile(name, flags, 0)
	if err != nil {
		if !follow && errors.Is(err, syscall.ELOOP) {
			return nil, nil, fmt.Errorf("%w: a symlink, not followed", ErrNotRegular)
		}
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close() //nolint:errcheck // read-only; the Stat error is the one to report
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close() //nolint:errcheck // read-only, never read
		return nil, nil, fmt.Errorf("%w: %s", ErrNotRegular, describe(st.Mode()))
	}
	return f, st, nil
}

// describe names what a non-regular file is, for the error.
func describe(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not read: it could block forever"
	case m&os.ModeCharDevice != 0, m&os.ModeDevice != 0:
		return "a device, not read"
	case m&os.ModeSocket != 0:
		return "a socket, not read"
	case m&os.ModeSymlink != 0:
		return "a symlink, not followed"
	}
	return "an irregular file (" + m.Type().String() + "), not read"
}

// ReadFile reads all of a regular file of at most max bytes. The limit is
// checked against the file's size before anything is read, and the read
// stops at max+1 bytes should the file grow meanwhile.
func ReadFile(name string, follow bool, max int64) ([]byte, error) {
	f, st, err := Open(name, follow)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only
	if st.Size() > max {
		return nil, fmt.Errorf("%d bytes is over the %d-byte limit", st.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("over the %d-byte limit (it grew while read)", max)
	}
	return data, nil
}

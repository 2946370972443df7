//go:build !unix

package inputfile

// Neither FIFOs that block an open nor O_NOFOLLOW exist here: a symlink is
// followed, and what it leads to must still be a regular file.
const (
	oNonBlock = 0
	oNoFollow = 0
)

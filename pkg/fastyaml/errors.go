package fastyaml

import (
	"errors"
	"fmt"
)

// ErrUnsupported is returned (wrapped in an *UnsupportedError) for any input
// outside the subset this package decodes. It does not mean the input is
// invalid YAML: the caller is expected to decode it again with
// sigs.k8s.io/yaml, whose answer (object or error) is then authoritative.
var ErrUnsupported = errors.New("outside the fast YAML subset")

// UnsupportedError says where and why the fast path gave up. It matches
// ErrUnsupported with errors.Is.
type UnsupportedError struct {
	Offset int    // byte offset in the input
	Reason string // what was found, e.g. "anchor" or "tab in indentation"
}

// Error says what was found where.
func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("%s at byte %d: %v", e.Reason, e.Offset, ErrUnsupported)
}

// Is reports whether target is ErrUnsupported.
func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

func unsupported(offset int, reason string) error {
	return &UnsupportedError{Offset: offset, Reason: reason}
}

//go:build !unix

package batch

import "os"

// lockFile does nothing where flock is missing: one batch per folder is
// then the user's to ensure.
func lockFile(*os.File) (func() error, error) { return func() error { return nil }, nil }

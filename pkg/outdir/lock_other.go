//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package outdir

import "os"

// interruptSignals stop a Publish.
var interruptSignals = []os.Signal{os.Interrupt}

// oNoFollow is not available here; O_EXCL alone already refuses a symlink
// at the name.
const oNoFollow = 0

// tryLock cannot lock on this system: concurrent runs into one folder still
// never tear a file (each is renamed into place), but their sets may mix.
func tryLock(*os.File) (bool, error) { return true, nil }

// Package outdir publishes a set of report files into a folder so that a
// reader never sees a torn file, an empty file or a mix of two runs.
//
// The contract, for anyone who reads the folder while or after a run writes
// it (a person, Prow's JUnit lens, Sippy, a second run):
//   - The folder is checked and locked before the caller starts its work
//     (Open): it exists, or its parent does and it is created; it is a
//     folder; it can be written; the files and subfolders of the set are
//     not folders or symlinks in the way. A second run into the same folder
//     waits for the lock, so the two sets never interleave.
//   - Every file is written to a temporary file beside its final name
//     (created with O_EXCL, never through a symlink), synced, and renamed
//     into place only once every file of the set was written (Publish). A
//     failure or an interruption before that leaves the previous set as it
//     was; the temporary files are removed, or by the next run when the
//     process was killed.
//   - Files are renamed in the order given; the caller puts the JUnit file
//     last, so a CI reader that sees the new JUnit sees the whole new set.
//     A rename that fails undoes the ones before it (from hard links to the
//     previous files); a process killed among the renames, a window of
//     microseconds, leaves a journal from which the next run restores the
//     previous set before it does anything else.
//   - Nothing inside the folder is followed: a symlink at a report's name is
//     replaced, not written through, and a subfolder that is a symlink is
//     refused. The folder itself may be a symlink; it is resolved once, when
//     it is opened.
//
// Every error of this package is an I/O error about the output folder; the
// CLI exits 3 on it (README, "Exit codes").
package outdir

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// File is one file of a set.
type File struct {
	// Name is the file's path inside the folder, slash-separated, at most
	// one subfolder deep (e.g. "junit/junit_ha-compliance.xml").
	Name string
	// Write fills the file. It may be called concurrently with the other
	// files' Write. Nil means the set has no such file this time: a copy
	// left by a previous run is removed, so it cannot be taken for part of
	// this set.
	Write func(io.Writer) error
}

// Options say how Open treats the folder.
type Options struct {
	// Create makes the folder when it does not exist and its parent does.
	// Without it a missing folder is an error (e.g. $ARTIFACT_DIR, which CI
	// creates).
	Create bool
	// Names are the files of the set (File.Name), checked before the work
	// starts so that a folder in the way is found now, not at the end.
	Names []string
	// Waiting is called once when another run holds the folder's lock and
	// Open starts to wait for it; nil waits silently.
	Waiting func()
}

// Dir is an output folder, checked and locked until Close.
type Dir struct {
	path string
	root *os.Root
	lock *os.File // the folder itself, locked
}

// tempPrefix and tempSuffix frame every temporary file's name. The name
// starts with a dot and ends in .tmp, so that no artifact glob (Sippy's
// junit*.xml, a *.json) takes a half-written file for a report.
const (
	tempPrefix = ".ha-compliance."
	tempSuffix = ".tmp"
)

// lockPoll is how often Open retries a lock another run holds; polling
// rather than a blocking flock keeps the wait cancellable.
const lockPoll = 100 * time.Millisecond

// Open checks the folder at dir, creates it when o.Create allows, and locks
// it against other runs; it waits while another run holds the lock, until
// ctx ends. Close releases it.
func Open(ctx context.Context, dir string, o Options) (*Dir, error) {
	if err := prepare(dir, o.Create); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	d := &Dir{path: dir, root: root}
	if err := d.acquire(ctx, o.Waiting); err != nil {
		root.Close() //nolint:errcheck // the lock error is the one to report
		return nil, err
	}
	if err := d.check(o.Names); err != nil {
		d.Close() //nolint:errcheck // the check error is the one to report
		return nil, err
	}
	return d, nil
}

// prepare makes sure dir is a folder, creating it when allowed and when
// its parent exists: a mistyped path is an error, never a tree of new
// folders.
func prepare(dir string, create bool) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return fmt.Errorf("output folder %s: not a folder", dir)
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("output folder %s: %w", dir, err)
	case !create:
		return fmt.Errorf("output folder %s does not exist", dir)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if pst, err := os.Stat(parent); err != nil || !pst.IsDir() {
		return fmt.Errorf("output folder %s: its parent %s is not an existing folder; create it first", dir, parent)
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create output folder: %w", err)
	}
	return nil
}

// acquire takes the folder's lock, polling while another run holds it.
func (d *Dir) acquire(ctx context.Context, waiting func()) error {
	f, err := d.root.Open(".")
	if err != nil {
		return fmt.Errorf("output folder %s: %w", d.path, err)
	}
	for announced := false; ; {
		ok, err := tryLock(f)
		if err != nil {
			f.Close() //nolint:errcheck // the lock error is the one to report
			return fmt.Errorf("lock output folder %s: %w", d.path, err)
		}
		if ok {
			d.lock = f
			return nil
		}
		if !announced && waiting != nil {
			waiting()
		}
		announced = true
		select {
		case <-ctx.Done():
			f.Close() //nolint:errcheck // the context's error is the one to report
			return fmt.Errorf("wait for the lock on output folder %s: %w", d.path, context.Cause(ctx))
		case <-time.After(lockPoll):
		}
	}
}

// check removes what a killed run left and finds, before any work, what
// would make Publish fail: a folder that cannot be written, a subfolder
// that is a symlink, a folder where a report goes.
func (d *Dir) check(names []string) error {
	subdirs := map[string]bool{".": true}
	for _, name := range names {
		if !fs.ValidPath(name) || strings.Count(name, "/") > 1 || name == "." {
			return fmt.Errorf("output file %q: want a relative path at most one folder deep", name)
		}
		sub := path.Dir(name)
		if sub != "." {
			st, err := d.root.Lstat(sub)
			switch {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil:
				return fmt.Errorf("output folder %s: %w", d.path, err)
			case !st.IsDir():
				return fmt.Errorf("%s: not a folder (a symlink or file is in the way; remove it)", d.join(sub))
			}
		}
		subdirs[sub] = true
		if st, err := d.root.Lstat(name); err == nil && st.IsDir() {
			return fmt.Errorf("%s: a folder is in the way of the report; remove it", d.join(name))
		}
	}
	if err := d.recoverSwaps(); err != nil {
		return err
	}
	for sub := range subdirs {
		if err := d.removeTemps(sub); err != nil {
			return err
		}
	}
	// A SIGINT or SIGTERM while the probe exists is held until it is
	// removed, as Publish holds them while it writes, so that an
	// interrupted run leaves no file behind; then it ends the run.
	ctx, stop := catchInterrupts(context.Background())
	err := d.probe()
	stop()
	if ie := (*InterruptedError)(nil); errors.As(context.Cause(ctx), &ie) {
		return ie
	}
	return err
}

// probe is the real test of writability: permission bits, ACLs, a
// read-only mount and a full inode table all answer here.
func (d *Dir) probe() error {
	name, f, err := d.createTemp(".", "probe")
	if err != nil {
		return err
	}
	f.Close() //nolint:errcheck // empty probe
	if err := d.root.Remove(name); err != nil {
		return fmt.Errorf("output folder %s: %w", d.path, err)
	}
	return nil
}

// removeTemps deletes the temporary files of runs that were killed before
// they could. Only a run holding the lock writes them, so every one found
// while holding it is stale.
func (d *Dir) removeTemps(sub string) error {
	f, err := d.root.Open(sub)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", d.path, err)
	}
	names, err := f.Readdirnames(-1)
	f.Close() //nolint:errcheck // read-only
	if err != nil {
		return fmt.Errorf("list %s: %w", d.join(sub), err)
	}
	for _, n := range names {
		if strings.HasPrefix(n, tempPrefix) && strings.HasSuffix(n, tempSuffix) {
			if err := d.root.Remove(path.Join(sub, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove a stale temporary file: %w", err)
			}
		}
	}
	return nil
}

// Path is the folder as given to Open.
func (d *Dir) Path() string { return d.path }

// Close releases the lock.
func (d *Dir) Close() error {
	var err error
	if d.lock != nil {
		err = d.lock.Close() // closing the descriptor drops the flock
	}
	return errors.Join(err, d.root.Close())
}

// join is a file's path for messages and for the caller.
func (d *Dir) join(name string) string {
	return filepath.Join(d.path, filepath.FromSlash(name))
}

// Publish writes files as one set (package comment) and returns their
// paths, in order. When ctx ends or any file fails before the renames, no
// report changes and every temporary file is removed. A SIGINT or SIGTERM
// while it writes ends it the same way, with an *InterruptedError, which
// the caller turns into its exit; before and after Publish, those signals
// keep their usual effect (nothing is being written then).
func (d *Dir) Publish(ctx context.Context, files []File) ([]string, error) {
	ctx, stop := catchInterrupts(ctx)
	defer stop()
	temps := make([]string, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		if f.Write == nil {
			continue
		}
		wg.Go(func() { temps[i], errs[i] = d.writeTemp(ctx, f) })
	}
	wg.Wait()
	if ctx.Err() != nil {
		d.removeAll(temps)
		return nil, fmt.Errorf("reports not written, the previous ones kept: %w", context.Cause(ctx))
	}
	if err := errors.Join(errs...); err != nil {
		d.removeAll(temps)
		return nil, fmt.Errorf("reports not written, the previous ones kept: %w", err)
	}
	// From here on the set is complete: the renames are not interrupted,
	// each is atomic, and they take microseconds. Should one still fail
	// (the disk goes read-only, another program puts a folder at a
	// report's name), the ones done are undone, from hard links kept of
	// the previous files, so that the folder never holds a mix. A journal
	// says which files are being swapped, so that the next run undoes the
	// swaps of a run killed among them (recoverSwaps).
	if err := d.writeJournal(files); err != nil {
		d.removeAll(temps)
		return nil, fmt.Errorf("reports not written, the previous ones kept: %w", err)
	}
	done := make([]swap, 0, len(files))
	subdirs := map[string]bool{}
	for i, f := range files {
		subdirs[path.Dir(f.Name)] = true
		sw, err := d.swap(f.Name, temps[i])
		if err != nil {
			d.undo(done)
			d.removeAll(temps[i:])
			d.root.Remove(journalName) //nolint:errcheck // undone already
			return nil, fmt.Errorf("reports not written, the previous ones kept: %w", err)
		}
		done = append(done, sw)
	}
	if err := d.root.Remove(journalName); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", d.path, err)
	}
	var paths []string
	for i, f := range files {
		if f.Write != nil {
			paths = append(paths, d.join(f.Name))
		}
		if done[i].backup != "" {
			d.root.Remove(done[i].backup) //nolint:errcheck // a stale one goes with the next run's temporary files
		}
	}
	// The renames are durable once the folders holding them are synced.
	for _, sub := range slices.Sorted(maps.Keys(subdirs)) {
		if err := d.syncDir(sub); err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// swap is one report put in place, and how to take it back.
type swap struct {
	name    string
	existed bool   // a previous file was at name
	backup  string // a hard link to it; "" when none could be made
}

// swap puts temp at name (removes name when temp is ""), keeping a hard
// link to the previous file for undo.
func (d *Dir) swap(name, temp string) (swap, error) {
	sw := swap{name: name}
	if _, err := d.root.Lstat(name); err == nil {
		sw.existed = true
		backup := backupName(name)
		d.root.Remove(backup) //nolint:errcheck // a leftover, if any
		if d.root.Link(name, backup) == nil {
			sw.backup = backup
		} // else no hard links here: the swap cannot be undone, and is still atomic
	}
	var err error
	if temp == "" {
		if err = d.root.Remove(name); errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
	} else {
		err = d.root.Rename(temp, name)
	}
	if err != nil {
		if sw.backup != "" {
			d.root.Remove(sw.backup) //nolint:errcheck // the previous file is still in place
		}
		return sw, fmt.Errorf("publish %s: %w", d.join(name), err)
	}
	return sw, nil
}

// backupName is where swap keeps a hard link to the previous file at name.
func backupName(name string) string {
	return path.Join(path.Dir(name), tempPrefix+path.Base(name)+".previous"+tempSuffix)
}

// journalName is the journal of a swap in progress: one line per file,
// "1 name" when a previous file was there, "0 name" when not.
const journalName = tempPrefix + "publishing" + tempSuffix

func (d *Dir) writeJournal(files []File) error {
	var b strings.Builder
	for _, f := range files {
		existed := 0
		if _, err := d.root.Lstat(f.Name); err == nil {
			existed = 1
		}
		fmt.Fprintf(&b, "%d %s\n", existed, f.Name)
	}
	jf, err := d.root.OpenFile(journalName, os.O_WRONLY|os.O_CREATE|os.O_EXCL|oNoFollow, 0o644)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", d.path, err)
	}
	_, err = io.WriteString(jf, b.String())
	if cerr := jf.Close(); err == nil {
		err = cerr
	}
	return err
}

// recoverSwaps undoes the swaps of a run killed among them, from its
// journal: every previous file is put back and every file new in its set
// removed, so that the folder holds the previous set whole.
func (d *Dir) recoverSwaps() error {
	data, err := d.root.ReadFile(journalName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: read the journal of an interrupted run: %w", d.path, err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		existed, name, ok := strings.Cut(line, " ")
		if !ok || !fs.ValidPath(name) {
			continue // not ours: the journal is only ever written whole by Publish
		}
		sw := swap{name: name, existed: existed == "1"}
		if _, err := d.root.Lstat(backupName(name)); err == nil {
			sw.backup = backupName(name)
		}
		d.undo([]swap{sw})
	}
	if err := d.root.Remove(journalName); err != nil {
		return fmt.Errorf("output folder %s: %w", d.path, err)
	}
	return nil
}

// undo takes back swaps, the last first.
func (d *Dir) undo(done []swap) {
	for i := len(done) - 1; i >= 0; i-- {
		sw := done[i]
		switch {
		case sw.backup != "":
			d.root.Rename(sw.backup, sw.name) //nolint:errcheck // best effort: nothing better is left to do
		case !sw.existed:
			d.root.Remove(sw.name) //nolint:errcheck // it did not exist before this run
		}
	}
}

// writeTemp writes one file to a new temporary file beside its final name
// and syncs it, returning the temporary name.
func (d *Dir) writeTemp(ctx context.Context, f File) (string, error) {
	sub := path.Dir(f.Name)
	if sub != "." {
		if err := d.root.Mkdir(sub, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("create %s: %w", d.join(sub), err)
		}
		// Lstat again: a symlink put there since Open is refused, not followed.
		if st, err := d.root.Lstat(sub); err != nil || !st.IsDir() {
			return "", fmt.Errorf("%s: not a folder", d.join(sub))
		}
	}
	name, tf, err := d.createTemp(sub, path.Base(f.Name))
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(ctxWriter{ctx: ctx, w: tf}, 64<<10)
	err = f.Write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tf.Sync()
	}
	if cerr := tf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		d.removeAll([]string{name})
		return "", fmt.Errorf("write %s: %w", d.join(f.Name), err)
	}
	return name, nil
}

// createTemp creates a new, empty temporary file in sub.
func (d *Dir) createTemp(sub, base string) (string, *os.File, error) {
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return "", nil, err
	}
	name := path.Join(sub, tempPrefix+base+"."+hex.EncodeToString(rnd[:])+tempSuffix)
	// O_EXCL: never an existing file, and never through a symlink at the
	// name; O_NOFOLLOW says the latter to a reader of this line.
	f, err := d.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|oNoFollow, 0o644)
	if err != nil {
		return "", nil, fmt.Errorf("output folder %s: cannot create a file: %w", d.path, err)
	}
	return name, f, nil
}

// removeAll deletes temporary files, best effort: one left behind is
// removed by the next run.
func (d *Dir) removeAll(temps []string) {
	for _, t := range temps {
		if t != "" {
			d.root.Remove(t) //nolint:errcheck // best effort, see above
		}
	}
}

// syncDir makes the renames in sub durable.
func (d *Dir) syncDir(sub string) error {
	f, err := d.root.Open(sub)
	if err != nil {
		return fmt.Errorf("sync %s: %w", d.join(sub), err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("sync %s: %w", d.join(sub), err)
	}
	return nil
}

// InterruptedError is Publish's error when a signal stopped it.
type InterruptedError struct {
	Signal os.Signal
}

func (e *InterruptedError) Error() string { return "interrupted by " + e.Signal.String() }

// catchInterrupts returns a context that ends with an *InterruptedError on
// SIGINT or SIGTERM, until stop is called.
func catchInterrupts(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, interruptSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			cancel(&InterruptedError{Signal: sig})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// ctxWriter fails every write once ctx ends, so that an interrupted run
// stops writing within one buffer.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		return 0, context.Cause(c.ctx)
	}
	return c.w.Write(p)
}

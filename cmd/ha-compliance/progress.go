package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progressDelay is how long an input may take before the progress line
// shows: most inputs load in less, and a line that flashes helps nobody.
const progressDelay = time.Second

// progress writes "reading PATH… 3s" on one line of a terminal while
// something slow runs, and erases it when done. On anything but a
// terminal (a CI log, a pipe) or with --quiet it writes nothing.
type progress struct {
	w      io.Writer
	label  string
	start  time.Time
	every  time.Duration
	done   chan struct{}
	wg     sync.WaitGroup
	now    func() time.Time
	stopMu sync.Once
}

// startProgress begins the line for label on w, if w is a terminal and not
// quiet. Call stop when the work is done.
func startProgress(w io.Writer, label string, quiet bool) *progress {
	p := &progress{w: w, label: label, start: time.Now(), every: 500 * time.Millisecond, done: make(chan struct{}), now: time.Now}
	if quiet || !isTerminal(w) {
		close(p.done)
		return p
	}
	p.run(progressDelay)
	return p
}

func (p *progress) run(delay time.Duration) {
	p.wg.Go(func() {
		timer := time.NewTimer(delay)
		defer timer.Stop()
		select {
		case <-p.done:
			return
		case <-timer.C:
		}
		tick := time.NewTicker(p.every)
		defer tick.Stop()
		for {
			fmt.Fprintf(p.w, "\r\033[K%s… %ds", p.label, int(p.now().Sub(p.start).Seconds()))
			select {
			case <-p.done:
				fmt.Fprint(p.w, "\r\033[K") // erase the line
				return
			case <-tick.C:
			}
		}
	})
}

// stop ends the line; it returns once the line is erased.
func (p *progress) stop() {
	p.stopMu.Do(func() {
		select {
		case <-p.done:
		default:
			close(p.done)
		}
	})
	p.wg.Wait()
}

// isTerminal reports whether w is a character device (a terminal), the
// check kubectl and oc make before they draw anything but text.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressLabel names what is being read: the first path, and how many more.
func progressLabel(paths []string) string {
	switch len(paths) {
	case 0:
		return "reading"
	case 1:
		return "reading " + paths[0]
	}
	return fmt.Sprintf("reading %s and %d more", paths[0], len(paths)-1)
}

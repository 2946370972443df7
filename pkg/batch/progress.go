package batch

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress hears about a batch as it goes. Done is called from one
// goroutine, in the order rows are written.
type Progress interface {
	Start(total int)
	Done(row RunRow)
	Finish()
}

type nopProgress struct{}

func (nopProgress) Start(int)   {}
func (nopProgress) Done(RunRow) {}
func (nopProgress) Finish()     {}

// NewProgress reports on w: a live line (runs done/total, rate, ETA,
// failures) when w is a terminal, else one line per run, which CI logs
// keep readable.
func NewProgress(w io.Writer, terminal bool) Progress {
	if terminal {
		return &barProgress{w: w}
	}
	return &lineProgress{w: w, now: time.Now}
}

// lineProgress writes one line per run.
type lineProgress struct {
	w     io.Writer
	now   func() time.Time
	total int
	n     int
	start time.Time
}

func (p *lineProgress) Start(total int) {
	p.total, p.start = total, p.now()
	fmt.Fprintf(p.w, "batch: %d runs to judge\n", total)
}

func (p *lineProgress) Done(r RunRow) {
	p.n++
	fmt.Fprintf(p.w, "[%d/%d] %s %s: %s\n", p.n, p.total, r.Status, r.RunKey, outcomeLine(r))
}

func (p *lineProgress) Finish() {
	fmt.Fprintf(p.w, "batch: %d runs judged in %s\n", p.n, p.now().Sub(p.start).Round(time.Second))
}

func outcomeLine(r RunRow) string {
	switch r.Status {
	case StatusError, StatusNoInput:
		if len(r.Problems) > 0 {
			return r.Problems[len(r.Problems)-1].Error
		}
		return r.Status
	}
	return fmt.Sprintf("%d pass, %d flake, %d fail, %d skip", r.Pass, r.Flake, r.Fail, r.Skip)
}

// barProgress draws one live line with schollz/progressbar.
type barProgress struct {
	w      io.Writer
	mu     sync.Mutex
	bar    *progressbar.ProgressBar
	broken int
}

func (p *barProgress) Start(total int) {
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("judging runs"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("runs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
	)
}

func (p *barProgress) Done(r RunRow) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r.Status == StatusError || r.Status == StatusNoInput {
		p.broken++
		p.bar.Describe(fmt.Sprintf("judging runs (%d unreadable)", p.broken))
	}
	p.bar.Add(1) //nolint:errcheck // a progress line
}

func (p *barProgress) Finish() {
	if p.bar != nil {
		p.bar.Finish() //nolint:errcheck // a progress line
	}
}

package stream

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestBudget(t *testing.T) {
	const mib = 1 << 20
	lim := Limits{MaxArchiveBytes: 100 * mib, RatioAfter: 10 * mib, MaxRatio: 10}
	for _, tc := range []struct {
		name     string
		size     int64 // the source's size; -1 unknown (standard input)
		out      int64 // already decompressed
		declared int64
		want     string // "" : allowed
	}{
		{"an entry within every limit", 1 * mib, 0, 5 * mib, ""},
		{"an entry over what is left of the input size", 50 * mib, 60 * mib, 41 * mib, "over the 41943040 left"},
		{"a negative declared size", 1 * mib, 0, -1, "declares -1 bytes"},
		{"over the ratio, known size: refused at the header", 1 * mib, 0, 20 * mib, "over 10 times the 1048576 bytes"},
		{"under the ratio's threshold, however compressed", 1 * mib, 0, 9 * mib, ""},
		{"the ratio with the size unknown is left to account", -1, 0, 20 * mib, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBudget(lim)
			b.addSource(&counter{}, tc.size)
			b.out = tc.out
			err := b.check(tc.declared)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("check: %v", err)
			case tc.want != "" && (!errors.Is(err, ErrBomb) || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("check = %v, want ErrBomb saying %q", err, tc.want)
			}
		})
	}
}

// account stops on the ratio as bytes come when the size is unknown, on
// the input size, and on the clock.
func TestBudgetAccount(t *testing.T) {
	const mib = 1 << 20
	b := NewBudget(Limits{MaxArchiveBytes: 100 * mib, RatioAfter: 10 * mib, MaxRatio: 10})
	c := &counter{}
	c.n.Store(mib)
	b.addSource(c, -1)
	if err := b.account(10 * mib); err != nil {
		t.Fatalf("10 MiB out of 1 MiB read: %v", err)
	}
	if err := b.account(2 * mib); !errors.Is(err, ErrBomb) {
		t.Errorf("12 MiB out of 1 MiB read: %v, want the ratio", err)
	}
	b = NewBudget(Limits{MaxArchiveBytes: 5 * mib})
	if err := b.account(6 * mib); !errors.Is(err, ErrBomb) || !IsLimit(err) {
		t.Errorf("over the input size: %v", err)
	}
	b = NewBudget(Limits{MaxDuration: time.Nanosecond})
	time.Sleep(time.Millisecond)
	if err := b.account(1); !errors.Is(err, ErrTimeLimit) || !IsLimit(err) || errors.Is(err, ErrBomb) {
		t.Errorf("after the time limit: %v", err)
	}
}

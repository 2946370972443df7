package batch

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/openshift-eng/ha-compliance/pkg/prow"
)

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"2026-01-15T10:00:00Z":      time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC),
		"2026-01-15T10:00:00+01:00": time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC),
		"2026-01-15":                time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC),
		"14d":                       now.Add(-14 * 24 * time.Hour),
		"72h":                       now.Add(-72 * time.Hour),
	} {
		got, err := ParseTime(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("%s: %v %v, want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "-3d", "2026-13-01"} {
		if _, err := ParseTime(bad, now); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestParseShard(t *testing.T) {
	t.Setenv(JobCompletionIndex, "2")
	for in, want := range map[string]Shard{"": {}, "0/1": {0, 1}, "3/4": {3, 4}, "auto/3": {2, 3}} {
		got, err := ParseShard(in)
		if err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, bad := range []string{"4/4", "-1/4", "1/0", "x/2", "1", "auto/2"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestShardIsAPartition: every key is in exactly one shard, whatever N,
// and the split is near even.
func TestShardIsAPartition(t *testing.T) {
	for _, n := range []int{1, 2, 3, 8} {
		counts := make([]int, n)
		for k := range 1000 {
			key := fmt.Sprintf("gs://test-platform-results/logs/job/%d", 1790000000000000000+k)
			in := 0
			for i := range n {
				if (Shard{Index: i, Count: n}).Has(key) {
					in++
					counts[i]++
				}
			}
			if in != 1 {
				t.Fatalf("N=%d: %s in %d shards", n, key, in)
			}
		}
		for i, c := range counts {
			if c < 1000/n/2 {
				t.Errorf("N=%d: shard %d has %d of 1000 keys", n, i, c)
			}
		}
	}
}

func TestFilter(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 1, 1, h, 0, 0, 0, time.UTC) }
	runs := []Run{
		{Key: "a1", Meta: prow.Run{Job: "a", BuildID: "1", Started: at(1)}},
		{Key: "a2", Meta: prow.Run{Job: "a", BuildID: "2", Started: at(2)}},
		{Key: "a3", Meta: prow.Run{Job: "a", BuildID: "3", Started: at(3)}},
		{Key: "b1", Meta: prow.Run{Job: "b", BuildID: "10", Started: at(1)}},
		{Key: "b2", Meta: prow.Run{Job: "b", BuildID: "9"}}, // start unknown
		{Key: "plain"},
	}
	keys := func(rs []Run) string {
		s := ""
		for _, r := range rs {
			s += r.Key + " "
		}
		return s
	}
	for _, c := range []struct {
		f    Filter
		want string
	}{
		{Filter{}, "a1 a2 a3 b1 b2 plain "},
		{Filter{Job: regexp.MustCompile("^a")}, "a1 a2 a3 "},
		{Filter{Since: at(2)}, "a2 a3 "},
		{Filter{Until: at(2)}, "a1 b1 "},
		{Filter{MaxPerJob: 1}, "a3 b1 plain "},
		{Filter{MaxPerJob: 2, Job: regexp.MustCompile("b")}, "b1 b2 "},
	} {
		if got := keys(c.f.Apply(runs)); got != c.want {
			t.Errorf("%+v: %q, want %q", c.f, got, c.want)
		}
	}
}

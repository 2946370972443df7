package batch

import (
	"fmt"
	"hash/fnv"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Filter selects runs by their metadata.
type Filter struct {
	// Job keeps runs whose job name matches (unanchored); nil keeps all.
	Job *regexp.Regexp
	// Since and Until keep runs that started in [Since, Until); a zero
	// bound is open. A run whose start is unknown is left out by either.
	Since, Until time.Time
	// MaxPerJob keeps the newest N runs of each job (by start time, then
	// build id); 0 keeps all. Runs without a job name are not limited.
	MaxPerJob int
}

// Apply returns the runs f keeps, in their order.
func (f Filter) Apply(runs []Run) []Run {
	var out []Run
	for _, r := range runs {
		if f.Job != nil && !f.Job.MatchString(r.Meta.Job) {
			continue
		}
		if !f.Since.IsZero() || !f.Until.IsZero() {
			s := r.Meta.Started
			if s.IsZero() || (!f.Since.IsZero() && s.Before(f.Since)) || (!f.Until.IsZero() && !s.Before(f.Until)) {
				continue
			}
		}
		out = append(out, r)
	}
	if f.MaxPerJob <= 0 {
		return out
	}
	byJob := map[string][]int{}
	for i, r := range out {
		if r.Meta.Job != "" {
			byJob[r.Meta.Job] = append(byJob[r.Meta.Job], i)
		}
	}
	drop := map[int]bool{}
	for _, idx := range byJob {
		sort.SliceStable(idx, func(a, b int) bool { return newer(out[idx[a]], out[idx[b]]) })
		for _, i := range idx[min(f.MaxPerJob, len(idx)):] {
			drop[i] = true
		}
	}
	kept := out[:0:0]
	for i, r := range out {
		if !drop[i] {
			kept = append(kept, r)
		}
	}
	return kept
}

// newer orders runs newest first: by start time, then by build id (longer
// is newer: ids grow in digits), then by key.
func newer(a, b Run) bool {
	if !a.Meta.Started.Equal(b.Meta.Started) {
		return a.Meta.Started.After(b.Meta.Started)
	}
	if len(a.Meta.BuildID) != len(b.Meta.BuildID) {
		return len(a.Meta.BuildID) > len(b.Meta.BuildID)
	}
	if a.Meta.BuildID != b.Meta.BuildID {
		return a.Meta.BuildID > b.Meta.BuildID
	}
	return a.Key < b.Key
}

// ParseTime reads a --since or --until value: RFC 3339, a date
// (YYYY-MM-DD, midnight UTC), or an age before now such as 72h or 14d.
func ParseTime(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.Add(-time.Duration(n) * 24 * time.Hour).UTC(), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q: want RFC 3339 (2024-05-01T00:00:00Z), a date (2024-05-01) or an age (72h, 14d)", s)
}

// Shard is the part I of N of the runs that one process judges; the zero
// value is the whole.
type Shard struct {
	Index, Count int
}

// JobCompletionIndex is the variable Kubernetes sets in each pod of an
// Indexed Job; --shard auto/N reads it.
const JobCompletionIndex = "JOB_COMPLETION_INDEX"

// ParseShard reads I/N or auto/N (I from $JOB_COMPLETION_INDEX).
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	i, n, ok := strings.Cut(s, "/")
	count, err := strconv.Atoi(n)
	if !ok || err != nil || count < 1 {
		return Shard{}, fmt.Errorf("shard %q: want I/N or auto/N with N >= 1", s)
	}
	if i == "auto" {
		v, set := os.LookupEnv(JobCompletionIndex)
		if !set {
			return Shard{}, fmt.Errorf("shard %q: $%s is not set (it is in the pods of an Indexed Job)", s, JobCompletionIndex)
		}
		i = v
	}
	index, err := strconv.Atoi(i)
	if err != nil || index < 0 || index >= count {
		return Shard{}, fmt.Errorf("shard %q: index %q is not in 0..%d", s, i, count-1)
	}
	return Shard{Index: index, Count: count}, nil
}

// Has reports whether the run with key belongs to the shard: the FNV-1a
// hash of the key modulo N, so a retried pod redoes exactly its runs
// whatever order they are listed in.
func (s Shard) Has(key string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(key)) //nolint:errcheck // hashes never fail
	return h.Sum64()%uint64(s.Count) == uint64(s.Index)
}

// Select returns the runs of the shard.
func (s Shard) Select(runs []Run) []Run {
	if s.Count <= 1 {
		return runs
	}
	var out []Run
	for _, r := range runs {
		if s.Has(r.Key) {
			out = append(out, r)
		}
	}
	return out
}

// String is I/N.
func (s Shard) String() string {
	if s.Count <= 1 {
		return "0/1"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

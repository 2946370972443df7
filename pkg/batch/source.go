package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/prow"
)

// Run is one job run to judge: where it is, and what its metadata says.
type Run struct {
	// Key is the run's run_key: its folder or file as found below the path
	// given, or its gs:// URL.
	Key string
	// Meta is what prowjob.json, started.json and finished.json say, or the
	// folder names when they are missing.
	Meta prow.Run
	// MetaProblems are metadata files that could not be read; they make the
	// run partial, never skipped.
	MetaProblems []ProblemRow

	local string   // the folder or file on this machine; "" for a bucket run
	plain bool     // not a Prow run: loaded exactly as `analyze PATH` loads it
	gcs   *gcsPath // the bucket and prefix of a bucket run
	// err, when set, is why the run cannot be read at all: it becomes a row
	// with status error.
	err error
}

// maxDepth bounds the walk for run roots: a mirror of the bucket has the
// runs about six levels down (pr-logs/pull/<org_repo>/<pr>/<job>/<build>).
const maxDepth = 12

// metaMax bounds a metadata file; real ones are a few KiB.
const metaMax = 4 << 20

// findLocal returns the runs at or below path. A folder holding Prow run
// folders (prowjob.json or started.json inside) gives one run per run
// folder, at any depth; anything else is one plain run, as `analyze PATH`
// would read it.
func findLocal(path string) ([]Run, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []Run{{Key: path, local: path, plain: true}}, nil
	}
	var roots []string
	var errs []error
	walkRuns(path, 0, &roots, &errs)
	if len(roots) == 0 {
		return []Run{{Key: path, local: path, plain: true}}, errors.Join(errs...)
	}
	runs := make([]Run, 0, len(roots))
	for _, r := range roots {
		run := Run{Key: r, local: r}
		readLocalMeta(&run)
		runs = append(runs, run)
	}
	return runs, errors.Join(errs...)
}

// walkRuns collects the run folders below dir, names sorted, without
// entering them: the step folders below a run have their own finished.json
// and are part of it.
func walkRuns(dir string, depth int, roots *[]string, errs *[]error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("list %s: %w", dir, err))
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && prow.IsRunMarker(e.Name()) {
			*roots = append(*roots, dir)
			return
		}
	}
	if depth >= maxDepth {
		return
	}
	for _, e := range entries {
		// Symbolic links are not followed: a mirror is a tree, and a link
		// could make a run counted twice or a walk endless.
		if e.IsDir() {
			walkRuns(filepath.Join(dir, e.Name()), depth+1, roots, errs)
		}
	}
}

// readLocalMeta fills a run's metadata from its folder.
func readLocalMeta(run *Run) {
	read := func(name string) ([]byte, bool) {
		p := filepath.Join(run.local, name)
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) {
			return nil, false
		}
		if err == nil {
			defer f.Close() //nolint:errcheck // read-only
			var data []byte
			data, err = io.ReadAll(io.LimitReader(f, metaMax))
			if err == nil {
				return data, true
			}
		}
		run.MetaProblems = append(run.MetaProblems, ProblemRow{Path: p, Error: err.Error()})
		return nil, false
	}
	applyMeta(run, read)
}

// applyMeta parses the three metadata files through read (which returns
// false for a file that is absent or unreadable) in the order that lets
// each fill what the others did not.
func applyMeta(run *Run, read func(name string) ([]byte, bool)) {
	var m prow.Run
	parsers := []struct {
		name  string
		parse func([]byte) error
	}{
		{prow.ProwJobFile, m.ParseProwJob},
		{prow.StartedFile, m.ParseStarted},
		{prow.FinishedFile, m.ParseFinished},
	}
	for _, p := range parsers {
		data, ok := read(p.name)
		if !ok {
			continue
		}
		if err := p.parse(data); err != nil {
			run.MetaProblems = append(run.MetaProblems, ProblemRow{Path: joinKey(run.Key, p.name), Error: err.Error()})
		}
	}
	// What the files leave out, the path tells (logs/<job>/<build-id>).
	m.FromPath(filepath.ToSlash(strings.TrimPrefix(run.Key, "gs://")))
	run.Meta = m
}

func joinKey(key, name string) string {
	if strings.HasPrefix(key, "gs://") {
		return key + "/" + name
	}
	return filepath.Join(key, name)
}

// Find lists the runs of every path (local folder or file, gs:// URL,
// Prow or gcsweb link), in the order given, runs of a path sorted by key.
// A path that cannot be read at all is a run with an error, so that it
// shows in the outputs; a run found twice is kept once.
func (b *Batch) Find(ctx context.Context, paths ...string) []Run {
	var runs []Run
	seen := map[string]bool{}
	for _, p := range paths {
		found, err := b.find(ctx, p)
		if err != nil && len(found) == 0 {
			found = []Run{{Key: p, err: err}}
		} else if err != nil {
			b.warnf("%s: %v", p, err)
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].Key < found[j].Key })
		for _, r := range found {
			if !seen[r.Key] {
				seen[r.Key] = true
				runs = append(runs, r)
			}
		}
	}
	return runs
}

func (b *Batch) find(ctx context.Context, p string) ([]Run, error) {
	bucket, prefix, isGCS, err := prow.GCSLocation(p)
	if err != nil {
		return nil, err
	}
	if isGCS {
		g, err := b.gcsClient(ctx)
		if err != nil {
			return nil, err
		}
		return g.findRuns(ctx, bucket, prefix, b.opts.Parallel)
	}
	return findLocal(filepath.Clean(p))
}

// ReadRunsFrom reads a --runs-from file: one path, gs:// URL or Prow link
// per line; blank lines and lines starting with # are left out.
func ReadRunsFrom(r io.Reader) ([]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out, nil
}

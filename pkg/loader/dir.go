package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/openshift-eng/ha-compliance/pkg/inputfile"
)

// errNotRegular is the problem for a symlink or device where a needed file
// or folder should be, met while listing a folder: it is not followed.
var errNotRegular = errors.New("not a regular file or folder; not followed")

// readRegular reads a needed file found in a folder, refusing files over
// max. It never follows a symlink and never blocks on a FIFO or device
// (package inputfile); a file of known size is read into a recycled
// buffer, which the caller may release.
func readRegular(name string, max int64) ([]byte, error) {
	f, st, err := inputfile.Open(name, false)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only
	data, err := readCapped(f, st.Size(), max)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return data, nil
}

// readMustGatherDir walks one image folder (or inspect folder), reading only
// the files classify keeps and pruning every other folder unlisted.
func (r *run) readMustGatherDir(in *input, dir string, loc location) {
	rt := in.root(LayoutMustGather, loc.display, loc.rel)
	switch data, err := readRegular(filepath.Join(dir, "version"), 4096); {
	case err == nil:
		in.versions[loc.display] = firstLine(data)
	case !errors.Is(err, fs.ErrNotExist): // an inspect folder has none
		r.problem(filepath.Join(dir, "version"), err)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		if !r.inTime(in, dir) {
			return filepath.SkipAll
		}
		if err != nil {
			r.problem(p, fmt.Errorf("list: %w", err))
			return nil // WalkDir skips the folder it could not read
		}
		rel, relErr := filepath.Rel(dir, p)
		if relErr != nil {
			return relErr
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if parts := splitPath(rel); len(parts) == 2 && parts[0] == "namespaces" {
				rt.nsDir[parts[1]] = true
			}
			if !descend(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		in.seen.entry(rel)
		at := classify(rel)
		if !d.Type().IsRegular() {
			if at.role != roleSkip && at.role != roleVersion || descend(rel) {
				r.problem(p, errNotRegular)
			}
			return nil
		}
		switch at.role {
		case roleNamespace, roleList, roleObject, rolePodCopy, roleClusterList, roleClusterObject:
		default:
			return nil
		}
		r.present(rt, at)
		in.seen.needed++
		if at.role == rolePodCopy {
			if !r.lists.ok(rt, at.ns) {
				r.keepAside(rt, at, p, nil, p)
			}
			return nil
		}
		data, err := readRegular(p, r.lim.MaxFileBytes)
		if err != nil {
			r.lose(rt, at, p, err)
			return nil
		}
		if !r.emit(rt, at, p, data) {
			return r.ctx.Err()
		}
		return nil
	})
	if err != nil && r.ctx.Err() == nil {
		r.problem(dir, err)
	}
}

// present records that a needed file exists, whatever its content: a
// namespace is collected when its Namespace file and pods.yaml were gathered.
func (r *run) present(rt *root, at place) {
	rt.noteList(at)
	switch {
	case at.role == roleNamespace:
		rt.nsFile[at.ns] = true
	case at.role == roleList && at.kind == "Pod":
		rt.podsList[at.ns] = true
	case at.role == roleList && at.kind == "PodDisruptionBudget":
		rt.pdbList = true
	case at.role == roleGatherExtra && at.kind == "Pod":
		rt.podsFile = true
	}
}

// readGatherExtraDir reads the gather-extra files of one folder (not below it).
func (r *run) readGatherExtraDir(in *input, dir string, loc location) {
	rt := in.root(LayoutGatherExtra, loc.display, loc.rel)
	entries, err := os.ReadDir(dir)
	if err != nil {
		r.problem(dir, fmt.Errorf("list: %w", err))
		return
	}
	for _, e := range entries {
		if !r.inTime(in, dir) {
			return
		}
		in.seen.entry(e.Name())
		kind, ok := gatherExtraKind(e.Name())
		if !ok {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if !e.Type().IsRegular() {
			r.problem(p, errNotRegular)
			continue
		}
		at := place{role: roleGatherExtra, kind: kind}
		r.present(rt, at)
		in.seen.needed++
		data, err := readRegular(p, r.lim.MaxFileBytes)
		if err == nil {
			data, err = r.unwrap(in, data, p, false)
		}
		if err != nil {
			r.lose(rt, at, p, err)
			continue
		}
		if !r.emit(rt, at, p, data) {
			return
		}
	}
}

// readInsightsDir reads the config/ files of an extracted Insights archive.
func (r *run) readInsightsDir(in *input, dir string, loc location) {
	rt := in.root(LayoutInsights, loc.display, loc.rel)
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, "config"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			r.problem(p, fmt.Errorf("list: %w", err))
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		r.problem(dir, err)
	}
	sort.Strings(files)
	for _, p := range files {
		if !r.inTime(in, dir) {
			return
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			r.problem(p, err)
			continue
		}
		in.seen.entry(rel)
		at := classify(filepath.ToSlash(rel))
		if at.role != roleInsights {
			continue
		}
		in.seen.needed++
		data, err := readRegular(p, r.lim.MaxFileBytes)
		if err != nil {
			r.lose(rt, at, p, err)
			continue
		}
		if !r.emit(rt, at, p, data) {
			return
		}
	}
}

// inTime says whether the input is within its time limit; once it is
// not, the folder is a problem and its walk stops, keeping what was read.
func (r *run) inTime(in *input, dir string) bool {
	if err := in.budget.CheckTime(); err != nil {
		r.problem(dir, fmt.Errorf("stopped reading the folder: %w", err))
		return false
	}
	return true
}

// firstLine returns the first line of a small text file.
func firstLine(data []byte) string {
	for i, c := range data {
		if c == '\n' || c == '\r' {
			return string(data[:i])
		}
	}
	return string(data)
}

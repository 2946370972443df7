package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Layout says how a Source is read.
type Layout string

// The layouts Discover recognises.
const (
	// LayoutMustGather is a folder holding namespaces/ or
	// cluster-scoped-resources/: a must-gather image folder or an
	// `oc adm inspect` folder.
	LayoutMustGather Layout = "must-gather"
	// LayoutGatherExtra is a CI gather-extra artifacts folder (pods.json ...).
	LayoutGatherExtra Layout = "gather-extra"
	// LayoutInsights is an extracted Insights Operator archive (config/...).
	LayoutInsights Layout = "insights"
	// LayoutFile is a file: an archive of any of the above, or objects.
	// Its first bytes decide which.
	LayoutFile Layout = "file"
	// LayoutStdin is standard input, read like a file.
	LayoutStdin Layout = "stdin"
)

// Source is one folder or file a Unit is read from.
type Source struct {
	Path   string
	Layout Layout

	named bool // the path the user gave: a symlink there is followed, as meant
}

// Unit is the input of one cluster: what Discover found at or below a path.
// Load merges all units of its paths into one cluster; batch loads each
// unit on its own with LoadUnits.
type Unit struct {
	// Path is the folder or file that holds the unit: the path given, a CI
	// job run folder, or a must-gather folder below the path given.
	Path string
	// Format is must-gather, inspect, gather-extra, ci-job or objects; ""
	// for a file or standard input, whose content decides when it is read.
	Format string
	// Job and BuildID identify a CI job run, from prowjob.json when present,
	// else from the run folder's place in the tree (logs/<job>/<build-id>).
	Job     string
	BuildID string
	// Sources are read in this order.
	Sources []Source

	empty bool // a folder in which Discover found nothing
}

// maxDepth bounds the folder walk of Discover. CI trees are about eight
// levels deep (pr-logs/pull/<org_repo>/<pr>/<job>/<build>/artifacts/<target>/<step>/artifacts).
const maxDepth = 16

// Discover finds the units at or below path without reading any resource
// file. A file or "-" is one unit whose content decides its format. In a
// folder it finds every image folder (namespaces/ or
// cluster-scoped-resources/ inside), gather-extra folder (pods.json inside),
// extracted Insights archive (config/ with infrastructure.json or pod/), and
// must-gather archive (must-gather*.tar, .tar.gz, .tar.xz, .tar.zst, .zip),
// and groups them into units:
//   - everything below a CI job run folder (one holding prowjob.json,
//     started.json or finished.json) is one unit; so is everything under the
//     same <target> folder of <target>/gather-extra and
//     <target>/gather-must-gather;
//   - in such a CI unit, a must-gather wins over gather-extra: it holds the
//     same workloads plus the PDBs, so gather-extra is not read;
//   - image folders side by side (several gather images) are one unit;
//   - any other archive is a unit of its own.
//
// Units come in the order of the walk (names sorted). The error reports a
// path that cannot be read, or folders below it that could not be listed
// (units found elsewhere are still returned).
func Discover(path string) ([]Unit, error) {
	if path == "-" {
		return []Unit{{Path: path, Sources: []Source{{Path: path, Layout: LayoutStdin}}}}, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("not a regular file or folder")
		}
		return []Unit{{Path: path, Sources: []Source{{Path: path, Layout: LayoutFile, named: true}}}}, nil
	}
	w := &walker{top: path}
	w.visit(path, 0, "")
	return w.group(), errors.Join(w.errs...)
}

// found is one source met by the walk, with the CI run folder above it.
type found struct {
	src Source
	run string
}

type walker struct {
	top   string
	found []found
	errs  []error
}

func (w *walker) visit(dir string, depth int, run string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, fmt.Errorf("list %s: %w", dir, err))
		return
	}
	names := map[string]os.DirEntry{}
	for _, e := range entries {
		names[e.Name()] = e
	}
	isDir := func(n string) bool { e, ok := names[n]; return ok && e.IsDir() }
	isFile := func(n string) bool { e, ok := names[n]; return ok && !e.IsDir() }
	switch {
	case isDir("namespaces") || isDir("cluster-scoped-resources"):
		w.add(dir, LayoutMustGather, run)
		return
	case isFile("pods.json") || isFile("pods.json.gz") || isFile("deployments.json") || isFile("deployments.json.gz"):
		w.add(dir, LayoutGatherExtra, run)
		return
	case isDir("config") && insightsConfig(filepath.Join(dir, "config")):
		w.add(dir, LayoutInsights, run)
		return
	}
	if run == "" && (isFile("prowjob.json") || isFile("started.json") || isFile("finished.json")) {
		run = dir
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir() && depth < maxDepth:
			w.visit(p, depth+1, run)
		case e.Type().IsRegular() && isArchiveName(e.Name()):
			w.add(p, LayoutFile, run)
		}
	}
}

func insightsConfig(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, "infrastructure.json")); err == nil && st.Mode().IsRegular() {
		return true
	}
	st, err := os.Stat(filepath.Join(dir, "pod"))
	return err == nil && st.IsDir()
}

func (w *walker) add(p string, l Layout, run string) {
	w.found = append(w.found, found{src: Source{Path: p, Layout: l}, run: run})
}

// group turns the sources found into units (see Discover).
func (w *walker) group() []Unit {
	var units []*Unit
	byKey := map[string]*Unit{}
	for _, f := range w.found {
		key, ci := w.unitKey(f)
		u := byKey[key]
		if u == nil {
			u = &Unit{Path: key}
			if ci {
				u.Format = "ci-job"
				u.Job, u.BuildID = runIdentity(f.run)
			}
			byKey[key] = u
			units = append(units, u)
		}
		u.Sources = append(u.Sources, f.src)
	}
	out := make([]Unit, 0, len(units))
	for _, u := range units {
		if u.Format == "ci-job" {
			u.Sources = preferMustGather(u.Sources)
		} else {
			u.Format = formatOf(u.Sources)
		}
		out = append(out, *u)
	}
	return out
}

// unitKey is the folder that holds a source's unit, and whether that unit
// is a CI job run.
func (w *walker) unitKey(f found) (string, bool) {
	if f.run != "" {
		return f.run, true
	}
	if step := w.ciStepParent(f.src.Path); step != "" {
		return step, true
	}
	if f.src.Layout == LayoutMustGather && f.src.Path != w.top {
		return filepath.Dir(f.src.Path), false // image folders side by side
	}
	return f.src.Path, false
}

// ciStepParent returns the <target> folder of a path inside
// <target>/gather-extra/ or <target>/gather-must-gather/ below the walked
// folder, or "". A path given inside a step folder is not a CI run.
func (w *walker) ciStepParent(p string) string {
	rel, err := filepath.Rel(w.top, p)
	if err != nil {
		return ""
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == "gather-extra" || parts[i] == "gather-must-gather" {
			return filepath.Join(w.top, filepath.FromSlash(strings.Join(parts[:i], "/")))
		}
	}
	return ""
}

// preferMustGather drops gather-extra sources from a CI unit that also has
// a must-gather (folder or archive).
func preferMustGather(srcs []Source) []Source {
	has := false
	for _, s := range srcs {
		if s.Layout == LayoutMustGather || s.Layout == LayoutFile {
			has = true
		}
	}
	if !has {
		return srcs
	}
	var out []Source
	for _, s := range srcs {
		if s.Layout != LayoutGatherExtra {
			out = append(out, s)
		}
	}
	return out
}

// formatOf names the format of a unit that is not a CI run.
func formatOf(srcs []Source) string {
	switch srcs[0].Layout {
	case LayoutGatherExtra:
		return "gather-extra"
	case LayoutInsights:
		return "objects"
	case LayoutFile:
		return "" // the archive's content decides
	}
	for _, s := range srcs {
		if _, err := os.Stat(filepath.Join(s.Path, "version")); err == nil {
			return "must-gather"
		}
	}
	return "inspect"
}

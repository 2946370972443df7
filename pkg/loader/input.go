package loader

import (
	"github.com/openshift-eng/ha-compliance/pkg/loader/internal/stream"
	"path"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// input is the bookkeeping of one Unit while it is read. Only the reader
// goroutine writes it; assembly reads it after the reader is done.
type input struct {
	unit    Unit
	archive string // container of a file or stdin unit; "none" otherwise
	roots   map[string]*root
	order   []*root
	// versions maps a folder's display path to the first line of the
	// "version" file in it, which names the gather image.
	versions map[string]string
	ci       bool // an archive that held CI's gather-must-gather/ must-gather archive
	seen     stats
	// budget is what the unit may cost: every archive and compressed file
	// read for it, nested ones included, draws on it (stream.Budget).
	budget *stream.Budget
}

// stats say what a unit held, for the message when nothing was usable.
type stats struct {
	entries int      // files met (archive entries, folder files)
	samples []string // the first few of them
	needed  int      // files read because the path said they hold objects
	bytes   int64    // size of a single-file input
	kinds   []string // kinds of objects met that the snapshot does not keep
	errors  []string // first decode errors
}

func (s *stats) entry(name string) {
	s.entries++
	if len(s.samples) < 3 {
		s.samples = append(s.samples, name)
	}
}

// root is one place objects come from: an image folder (or inspect folder),
// a gather-extra folder, an Insights archive, or an object file.
type root struct {
	in     *input
	key    string // display path, unique across inputs
	rel    string // relative to the unit's path, for Input.Roots
	layout Layout
	// nsDir records every namespace folder, even one holding only leases.
	nsDir map[string]bool
	// nsFile and podsList record, per namespace, that <ns>.yaml and
	// core/pods.yaml exist: a namespace is fully collected only with both.
	nsFile   map[string]bool
	podsList map[string]bool
	// podsLost marks a pods.yaml that decoded to nothing but errors, and
	// podsCopied a namespace whose per-pod copies were decoded instead.
	podsLost   map[string]bool
	podsCopied map[string]bool
	// lists records, per namespace, the kinds whose resource file (or a
	// per-object file) exists, to find those missing (partial.go).
	lists map[string]map[snapshot.Kind]bool
	// pdbList is true when any policy/poddisruptionbudgets.yaml exists:
	// must-gathers before 4.8 have none, and PDBs are then missing.
	pdbList bool
	// podsFile is true when a gather-extra folder has its pods.json.
	podsFile bool
}

func newInput(u Unit, lim Limits) *input {
	return &input{unit: u, archive: stream.None, roots: map[string]*root{}, versions: map[string]string{},
		budget: stream.NewBudget(lim)}
}

// root returns the root at display path key, creating it on first use.
func (in *input) root(layout Layout, key, rel string) *root {
	if r, ok := in.roots[key]; ok {
		return r
	}
	r := &root{in: in, key: key, rel: rel, layout: layout, nsDir: map[string]bool{},
		nsFile: map[string]bool{}, podsList: map[string]bool{}, podsLost: map[string]bool{}, podsCopied: map[string]bool{},
		lists: map[string]map[snapshot.Kind]bool{}}
	in.roots[key] = r
	in.order = append(in.order, r)
	return r
}

// location is where a file sits: the display path used in problems and
// provenance, and the path relative to the unit, used in Input.Roots.
type location struct {
	display string
	rel     string
}

// join descends into sub (a slash path) of a location.
func (l location) join(sub string) location {
	sub = strings.Join(splitPath(sub), "/")
	if sub == "" {
		return l
	}
	return location{display: l.display + "/" + sub, rel: path.Join(l.rel, sub)}
}

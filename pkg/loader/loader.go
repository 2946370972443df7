package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	configv1 "github.com/openshift/api/config/v1"

	"github.com/openshift-eng/ha-compliance/pkg/decode"
	"github.com/openshift-eng/ha-compliance/pkg/loader/internal/stream"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Options tune a load. The zero value is ready to use.
type Options struct {
	// Stdin is read for the path "-". Nil reads nothing: "-" is a problem.
	Stdin io.Reader
	// Topology, when set, overrides the topology the input declares.
	Topology configv1.TopologyMode
	// Limits bound what a hostile or broken input may cost.
	Limits Limits
	// Decoder turns file bytes into objects; nil uses decode.Default().
	Decoder decode.Decoder
	// Workers is the number of decoding goroutines; 0 uses GOMAXPROCS.
	Workers int
}

// Limits bound what one input may cost in memory and time (the stream
// package accounts for them). Zero fields take the defaults.
type Limits = stream.Limits

// ErrNoInput is matched (errors.Is) by the error Load returns when nothing
// usable was found in any path. Commands map it to exit code 2.
var ErrNoInput = errors.New("no usable input")

// NoInputError says, per path, what was found instead of usable input.
type NoInputError struct {
	// Found holds one "PATH: what it held" line per path.
	Found []string
	// Problems are the files that could not be read, if any.
	Problems []snapshot.Problem
	// held says, per path, what it held, as Found does.
	held []snapshot.Problem
}

// AsProblems returns what each path held and the files that could not be
// read, as problems: what a report lists when the input gave nothing.
func (e *NoInputError) AsProblems() []snapshot.Problem {
	return append(append([]snapshot.Problem(nil), e.held...), e.Problems...)
}

// Error says what was found instead, one path per line, and the first
// problems.
func (e *NoInputError) Error() string {
	var b strings.Builder
	b.WriteString("no must-gather, inspect, gather-extra or object data found")
	for _, f := range e.Found {
		b.WriteString("\n  ")
		b.WriteString(f)
	}
	const shown = 5
	for i, p := range e.Problems {
		if i == shown {
			fmt.Fprintf(&b, "\n  ... and %d more problems", len(e.Problems)-shown)
			break
		}
		fmt.Fprintf(&b, "\n  problem: %s: %s", p.Path, p.Error)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrNoInput) true.
func (e *NoInputError) Is(target error) bool { return target == ErrNoInput }

// Load reads every path ("-" is standard input) into one cluster. Parts of
// the input that cannot be read become problems in the snapshot's
// Provenance; the error is a *NoInputError when no path held anything usable,
// or the context's error when ctx ends first.
func Load(ctx context.Context, paths []string, opts Options) (*snapshot.Cluster, error) {
	var units []Unit
	var early []snapshot.Problem
	for _, p := range paths {
		found, err := Discover(p)
		if err != nil {
			early = append(early, snapshot.Problem{Path: p, Error: err.Error()})
		}
		if len(found) > 1 {
			early = append(early, snapshot.Problem{Path: p, Error: fmt.Sprintf(
				"holds %d separate inputs (%s); they are merged into one cluster here, use batch to judge them one by one",
				len(found), unitNames(found))})
		}
		switch {
		case len(found) == 1:
			found[0].Path = p // name the input as the user did
		case len(found) == 0 && err == nil:
			found = []Unit{{Path: p, empty: true}}
		}
		units = append(units, found...)
	}
	return load(ctx, units, early, opts)
}

// LoadUnits reads the units (from Discover) into one cluster, as Load does.
// Batch calls it once per unit to judge every job run on its own.
func LoadUnits(ctx context.Context, units []Unit, opts Options) (*snapshot.Cluster, error) {
	return load(ctx, units, nil, opts)
}

func unitNames(units []Unit) string {
	const shown = 3
	var names []string
	for i, u := range units {
		if i == shown {
			names = append(names, fmt.Sprintf("and %d more", len(units)-shown))
			break
		}
		names = append(names, u.Path)
	}
	return strings.Join(names, ", ")
}

// load runs the pipeline over units and builds the cluster.
func load(ctx context.Context, units []Unit, early []snapshot.Problem, opts Options) (*snapshot.Cluster, error) {
	r := newRun(ctx, opts)
	outs := r.pipeline(func() {
		for _, u := range units {
			if ctx.Err() != nil {
				return
			}
			r.readUnit(u, opts.Stdin)
		}
	})
	outs = append(outs, r.secondPass()...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b := snapshot.NewBuilder()
	if opts.Topology != "" {
		b.OverrideTopology(opts.Topology)
	}
	problems := r.assemble(b, outs, early)
	if b.Len() == 0 {
		return nil, r.noInput(problems)
	}
	return b.Build(), nil
}

// readUnit reads every source of a unit.
func (r *run) readUnit(u Unit, stdin io.Reader) {
	in := newInput(u, r.lim)
	r.inputs = append(r.inputs, in)
	for _, s := range u.Sources {
		if r.ctx.Err() != nil {
			return
		}
		loc := location{display: s.Path, rel: relTo(u.Path, s.Path)}
		switch s.Layout {
		case LayoutMustGather:
			r.readMustGatherDir(in, s.Path, loc)
		case LayoutGatherExtra:
			r.readGatherExtraDir(in, s.Path, loc)
		case LayoutInsights:
			r.readInsightsDir(in, s.Path, loc)
		case LayoutFile:
			// Outside a CI run the archive is the input itself, whatever
			// folder the user named; inside one it is a part of the run.
			r.readFile(in, s.Path, loc, u.Format != "ci-job", s.named)
		case LayoutStdin:
			r.readStdin(in, stdin, location{display: "<stdin>", rel: "."})
		}
	}
}

func relTo(base, p string) string {
	rel, err := filepath.Rel(base, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/loader/internal/stream"
)

// maxNesting bounds archives inside archives: a CI tree packed as a tar may
// hold must-gather.tar, which is as deep as real inputs go.
const maxNesting = 2

// readArchive reads the entries of an archive. Entries that are not needed
// are never copied into memory: the stream package passes over them. A
// failure of the archive stops it and keeps what was loaded from it; an
// entry that fails its own check is a problem and the others are read.
func (r *run) readArchive(in *input, s *stream.Reader, loc location, depth int) {
	err := s.Entries(r.ctx, func(e stream.Entry) error {
		if e.Dir {
			r.noteNamespace(in, loc, e.Name+"/x")
			return nil
		}
		if e.Sparse && e.Regular && classify(e.Name).role != roleSkip {
			// No gather writes sparse files, and a resource file's holes
			// would read as zeros: a sparse entry is a bomb's way to make
			// gigabytes of a few bytes.
			in.seen.entry(e.Name)
			r.noteNamespace(in, loc, e.Name)
			r.problem(loc.join(e.Name).display, fmt.Errorf("a sparse file of %d bytes; not read", e.Size))
			return nil
		}
		return r.entry(in, loc, e.Name, e.Regular, e.Size, e.Body, depth)
	}, func(name string, err error) {
		r.problem(loc.join(name).display, fmt.Errorf("corrupt entry: %w", err))
	})
	if err == nil || r.ctx.Err() != nil {
		return
	}
	path := loc.display
	var se *stream.Error
	if errors.As(err, &se) && se.Entry != "" && !stream.IsLimit(err) {
		path = loc.join(se.Entry).display
	}
	r.problem(path, err)
}

// entry handles one file of an archive: classify its name, and read it only
// when needed. It returns an error only when the archive stream itself
// failed; a bad entry is a problem and reading goes on.
func (r *run) entry(in *input, loc location, name string, regular bool, size int64, body io.Reader, depth int) error {
	at := classify(name)
	in.seen.entry(name)
	r.noteNamespace(in, loc, name)
	if at.role == roleSkip {
		return nil
	}
	here := loc.join(name)
	if !regular {
		if at.role != roleVersion {
			r.problem(here.display, errNotRegular)
		}
		return nil
	}
	switch at.role {
	case roleVersion:
		if size <= 4096 {
			data, err := readCapped(body, size, 4096)
			if err != nil {
				return err
			}
			in.versions[loc.join(at.root).display] = firstLine(data)
		}
		return nil
	case roleArchive:
		if depth >= maxNesting {
			r.problem(here.display, errors.New("archive nested too deep; not opened"))
			return nil
		}
		// CI's gather-must-gather step is what makes an archive of archives
		// a job run; a must-gather.tar.gz zipped for a support case is not.
		in.ci = in.ci || strings.Contains("/"+name, "/gather-must-gather/")
		return r.nested(in, here, body, depth+1)
	}
	top := loc.join(at.root)
	rt := in.root(layoutOf(at.role), top.display, top.rel)
	r.present(rt, at)
	in.seen.needed++
	// A per-pod copy is read only if its namespace's pods.yaml may turn out
	// unusable: while that decodes, a decoder takes the copy and drops it
	// once the List has decoded cleanly (pipeline.go).
	whileListDecodes := false
	if at.role == rolePodCopy {
		ok, decoding := r.lists.state(rt, at.ns)
		if ok {
			return nil
		}
		whileListDecodes = decoding
	}
	if size > r.lim.MaxFileBytes {
		if whileListDecodes && r.lists.wait(r.ctx, rt, at.ns) {
			return nil // unread, as if the List had decoded before
		}
		r.lose(rt, at, here.display, fmt.Errorf("%d bytes is over the %d-byte limit for one file", size, r.lim.MaxFileBytes))
		return nil
	}
	data, err := readEntry(body, size, r.lim.MaxFileBytes)
	if err != nil {
		r.markLost(rt, at, here.display, "cut short: "+err.Error()) // the caller lists the problem
		return err
	}
	if at.role == roleGatherExtra || at.role == roleInsights {
		if data, err = r.unwrap(in, data, here.display, true); err != nil {
			r.lose(rt, at, here.display, err)
			return nil
		}
	}
	if at.role == rolePodCopy && !whileListDecodes {
		r.keepAside(rt, at, here.display, data, "")
		return nil
	}
	if !r.emit(rt, at, here.display, data) {
		return r.ctx.Err()
	}
	return nil
}

func layoutOf(ro role) Layout {
	switch ro {
	case roleGatherExtra:
		return LayoutGatherExtra
	case roleInsights:
		return LayoutInsights
	default:
		return LayoutMustGather
	}
}

// nested opens a must-gather archive found inside a tree or an archive.
func (r *run) nested(in *input, loc location, body io.Reader, depth int) error {
	s, err := stream.Open(body, stream.Options{Name: loc.display, Budget: in.budget, Nested: true})
	if err != nil {
		r.problem(loc.display, err)
		return nil
	}
	defer s.Close() //nolint:errcheck // what went wrong was reported by a read
	if !s.IsArchive() {
		r.problem(loc.display, fmt.Errorf("not an archive (%s)", s.Kind()))
		return nil
	}
	r.readArchive(in, s, loc, depth)
	return nil
}

// unwrap decompresses a gather-extra file that is gzip (or xz, zstd...)
// inside, whatever its name says, within the one-file limit and the
// input's budget; nested says data came out of an archive.
func (r *run) unwrap(in *input, data []byte, name string, nested bool) ([]byte, error) {
	if !stream.IsCompressed(stream.Sniff(data)) {
		return data, nil
	}
	s, err := stream.Open(bytes.NewReader(data), stream.Options{Name: name, Budget: in.budget, Nested: nested})
	if err != nil {
		return nil, err
	}
	defer s.Close() //nolint:errcheck // what went wrong was reported by a read
	if s.IsArchive() {
		return nil, fmt.Errorf("holds a %s archive, not a JSON file", s.Kind())
	}
	out, err := readCapped(s, -1, r.lim.MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("decompress %s: %w", s.Kind(), err)
	}
	return out, nil
}

// noteNamespace records the namespace folder an archive entry sits in, so
// that a namespace holding only skipped files still shows as partial.
func (r *run) noteNamespace(in *input, loc location, name string) {
	if root, ns, ok := namespaceDir(name); ok {
		top := loc.join(root)
		in.root(LayoutMustGather, top.display, top.rel).nsDir[ns] = true
	}
}

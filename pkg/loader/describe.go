package loader

import (
	"fmt"
	"github.com/openshift-eng/ha-compliance/pkg/loader/internal/stream"
	"os"
	"sort"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// note adds what one decoded file held to the unit's stats.
func (s *stats) note(o outcome) {
	for _, k := range o.res.Skipped {
		if !contains(s.kinds, k) {
			s.kinds = append(s.kinds, k)
		}
	}
	if len(o.res.Errors) > 0 && len(s.errors) < 1 {
		s.errors = append(s.errors, o.res.Errors[0].Error())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// noInput builds the error for a load that found nothing usable, saying what
// each path held instead.
func (r *run) noInput(problems []snapshot.Problem) *NoInputError {
	e := &NoInputError{Problems: problems}
	for _, in := range r.inputs {
		held := in.describe()
		e.Found = append(e.Found, in.unit.Path+": "+held)
		e.held = append(e.held, snapshot.Problem{Path: in.unit.Path, Error: "no usable input: " + held})
	}
	return e
}

// describe says what an input held, when it held nothing usable.
func (in *input) describe() string {
	s := in.seen
	switch {
	case in.unit.empty:
		return describeFolder(in.unit.Path)
	case s.needed == 0 && in.archive != stream.None:
		return fmt.Sprintf("a %s archive of %d files%s, none of them a resource file ha-compliance reads",
			in.archive, s.entries, examples(s.samples))
	case s.needed == 0:
		return fmt.Sprintf("%d files%s, none of them a resource file ha-compliance reads", s.entries, examples(s.samples))
	}
	var parts []string
	if len(in.order) == 1 && in.order[0].layout == LayoutFile {
		switch {
		case s.bytes == 0 && len(s.kinds) == 0 && len(s.errors) == 0:
			return "an empty file"
		case len(s.kinds) == 0 && len(s.errors) == 0:
			return "a file with no objects"
		}
		parts = append(parts, "a file")
	} else {
		parts = append(parts, fmt.Sprintf("%d resource files", s.needed))
	}
	if len(s.kinds) > 0 {
		parts = append(parts, "with objects of kinds "+strings.Join(s.kinds, ", ")+", none of which ha-compliance reads")
	}
	if len(s.errors) > 0 {
		parts = append(parts, "that could not be decoded ("+s.errors[0]+")")
	}
	if len(parts) == 1 {
		parts = append(parts, "with no readable objects (see the problems)")
	}
	return strings.Join(parts, " ")
}

// describeFolder says what a folder holds that has no input layout.
func describeFolder(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Sprintf("a folder that cannot be listed (%v)", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > 3 {
		names = names[:3]
	}
	return fmt.Sprintf("a folder of %d entries%s with no image folder (namespaces/ or cluster-scoped-resources/), "+
		"gather-extra folder (pods.json) or must-gather archive at any depth", len(entries), examples(names))
}

func examples(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ", ...)"
}

package exceptions

import (
	"fmt"
	"slices"
	"strings"
)

// Rollout is the flake-only phase of a check (the review's step 1): while it
// holds, a violation no exception covers is published as a flake, so a CI
// job never fails on it, and the result says so (result.UnexceptedAs) so the
// JSON and markdown still show what lacks an exception. The zero value is
// the default: unexcepted violations fail.
type Rollout struct {
	// All puts every check in the flake-only phase.
	All bool
	// Checks are the check ids in the flake-only phase when All is false.
	Checks []string
}

// Flakes reports whether check publishes unexcepted violations as flakes.
func (r Rollout) Flakes(check string) bool {
	return r.All || slices.Contains(r.Checks, check)
}

// String renders r as the --unexcepted-as value that parses back to it.
func (r Rollout) String() string {
	switch {
	case r.All:
		return "flake"
	case len(r.Checks) > 0:
		return "flake:" + strings.Join(r.Checks, ",")
	}
	return "fail"
}

// ParseRollout reads an --unexcepted-as value: "fail", "flake", or
// "flake:ID,ID" for some checks only. known lists the valid check ids.
func ParseRollout(s string, known []string) (Rollout, error) {
	switch s {
	case "", "fail":
		return Rollout{}, nil
	case "flake":
		return Rollout{All: true}, nil
	}
	ids, ok := strings.CutPrefix(s, "flake:")
	if !ok {
		return Rollout{}, fmt.Errorf("%q: want fail, flake or flake:ID,ID", s)
	}
	var r Rollout
	for id := range strings.SplitSeq(ids, ",") {
		id = strings.TrimSpace(id)
		switch {
		case id == "":
			continue
		case !slices.Contains(known, id):
			return Rollout{}, fmt.Errorf("%q: unknown check %q (known: %s)", s, id, strings.Join(known, ", "))
		case !slices.Contains(r.Checks, id):
			r.Checks = append(r.Checks, id)
		}
	}
	if len(r.Checks) == 0 {
		return Rollout{}, fmt.Errorf("%q: name at least one check after \"flake:\"", s)
	}
	return r, nil
}

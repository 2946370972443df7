// Package version reports the version of ha-compliance, set at build time
// with -ldflags "-X github.com/openshift-eng/ha-compliance/pkg/version.version=v1.2.3".
package version

import "runtime/debug"

var version = ""

// Get returns the build's version: the linker-set value (make build), else
// the module version `go install module@version` records, else the commit
// the go command stamps into builds from a checkout, else "dev".
func Get() string {
	if version != "" {
		return version
	}
	bi, _ := debug.ReadBuildInfo()
	return fromBuildInfo(bi)
}

// fromBuildInfo reads a version out of what the go command records.
func fromBuildInfo(bi *debug.BuildInfo) string {
	if bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return "dev-" + rev
}

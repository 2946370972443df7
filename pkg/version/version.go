// Package version reports the version of ha-compliance, set at build time
// with -ldflags "-X github.com/openshift-eng/ha-compliance/pkg/version.version=v1.2.3".
package version

import "runtime/debug"

var version = ""

// Get returns the build's version: the linker-set value, else the module
// version recorded by go install, else "dev".
func Get() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

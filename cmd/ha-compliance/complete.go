package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/report"
)

// completer offers the values of one flag for shell completion.
type completer = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective)

// outputsOf are the -o values of each command that has -o.
var outputsOf = map[string][]string{
	"analyze": outputFormats,
	"inspect": inspectFormats,
	"checks":  checksFormats,
}

// flagValues completes the flags that mean the same wherever they appear.
var flagValues = map[string]completer{
	"topology": fixed(append(topologyNames(), aliasNames()...)...),
	"checks":   completeChecks,
	"fail-on":  fixed("fail", "problems", "never"),
	// openshift-tests is the suite Sippy imports (docs/ci.md).
	"suite-name":              fixed("openshift-tests", report.DefaultSuite),
	"permanent-exceptions-as": fixed("flake", "pass"),
	"include-namespaces":      completeNamespaces,
	"exclude-namespaces":      completeNamespaces,
	"exceptions":              yamlFiles,
	"output-dir": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	},
	"jira-url":   fixed("https://issues.redhat.com"),
	"junit-name": fixed(report.DefaultJUnitName),
	// The limits: the default first, then larger ones.
	"max-file-size":  withDefault("max-file-size", "1Gi", "4Gi"),
	"max-input-size": withDefault("max-input-size", "64Gi", "256Gi"),
	"max-ratio":      withDefault("max-ratio", "1000", "10000"),
	"input-timeout":  withDefault("input-timeout", "30m", "1h"),
	"timeout":        fixed("10s", "30s", "1m"),
	// The rollout (docs/workflow.md): every check, or a list after "flake:".
	"unexcepted-as": completeUnexceptedAs,
	// batch and diff.
	"prefer":      fixed("must-gather", "gather-extra"),
	"parallel":    fixed("1", "2", "4", "8"),
	"max-per-job": fixed("10", "50", "100"),
	"shard":       fixed("auto/2", "auto/4", "auto/8", "0/2", "1/2"),
	"since":       fixed("1d", "7d", "14d", "30d"),
	"until":       fixed("1d", "7d", "14d", "30d"),
	"runs-from":   anyFile,
	"job":         freeText, // a regular expression of job names
	"old-release": freeText, // X.Y
	"new-release": freeText,
	"results":     anyFile, // an ha-compliance.json or a batch folder
	// bugs and exceptions verify.
	"project":          fixed("OCPBUGS"),
	"issue-type":       fixed("Bug"),
	"label":            fixed("ha-compliance"),
	"min-runs":         fixed("1", "2", "3", "5"),
	"retries":          fixed("3", "5"),
	"approved-by":      freeText, // a person's name
	"write-exceptions": yamlFiles,
	"propose":          yamlFiles,
}

// yamlFiles completes YAML file names; anyFile any file or folder; freeText
// offers nothing, neither file names (the value is the user's own words).
var (
	yamlFiles = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	}
	anyFile = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveDefault
	}
	freeText = fixed()
)

// completeUnexceptedAs offers fail, flake and flake:, then check ids after
// "flake:".
func completeUnexceptedAs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	rest, ok := strings.CutPrefix(toComplete, "flake:")
	if !ok {
		return []string{"fail", "flake", "flake:"}, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	ids, dir := completeChecks(cmd, args, rest)
	for i := range ids {
		ids[i] = "flake:" + ids[i]
	}
	return ids, dir
}

// registerCompletions gives every flag that takes a value of every command
// its completion; complete_test.go fails on a flag left without one.
func registerCompletions(root *cobra.Command) {
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Value.Type() == "bool" {
				return
			}
			if _, ok := cmd.GetFlagCompletionFunc(f.Name); ok {
				return
			}
			c := flagValues[f.Name]
			if f.Name == "output" {
				c = fixed(outputsOf[cmd.Name()]...)
			}
			if c != nil {
				_ = cmd.RegisterFlagCompletionFunc(f.Name, c) // only fails for a flag registered twice, checked above
			}
		})
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func fixed(values ...string) completer {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// withDefault offers the flag's default, then more.
func withDefault(name string, more ...string) completer {
	return func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		var out []string
		if f := cmd.Flags().Lookup(name); f != nil {
			out = append(out, f.DefValue)
		}
		return append(out, more...), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeChecks completes the last id of a comma-separated list, leaving
// out the ids already given.
func completeChecks(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	done, last := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		done, last = toComplete[:i+1], toComplete[i+1:]
	}
	given := strings.Split(done, ",")
	var out []string
	for _, id := range checks.IDs() {
		if strings.HasPrefix(id, last) && !slices.Contains(given, id) {
			out = append(out, done+id)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeNamespaces offers the namespaces of the input folders already on
// the command line, read from directory names only (a must-gather's
// namespaces/<name>/, looked for at most three folders down and in at most
// namespaceSearch folders): cheap enough for a key press. Archives and
// files offer nothing.
func completeNamespaces(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	type dir struct {
		path  string
		depth int
	}
	var queue []dir
	for _, arg := range args {
		queue = append(queue, dir{arg, 0})
	}
	for read := 0; len(queue) > 0 && read < namespaceSearch; read++ {
		d := queue[0]
		queue = queue[1:]
		entries, err := os.ReadDir(d.path)
		if err != nil {
			continue
		}
		for _, e := range entries {
			switch {
			case !e.IsDir():
			case e.Name() == "namespaces":
				nss, _ := os.ReadDir(filepath.Join(d.path, e.Name()))
				for _, ns := range nss {
					if ns.IsDir() && strings.HasPrefix(ns.Name(), toComplete) && !slices.Contains(out, ns.Name()) {
						out = append(out, ns.Name())
					}
				}
			case d.depth < 3:
				queue = append(queue, dir{filepath.Join(d.path, e.Name()), d.depth + 1})
			}
		}
	}
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}

// namespaceSearch bounds the folders completeNamespaces reads.
const namespaceSearch = 64

package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	configv1 "github.com/openshift/api/config/v1"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
	"github.com/openshift-eng/ha-compliance/pkg/version"
)

// runCLI runs the CLI with args and returns exit code, stdout and stderr.
func TestVersionFlag(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, out, _ := runCLI(t, args...)
		if want := "ha-compliance " + version.Get() + "\n"; code != exitOK || out != want {
			t.Errorf("%v: exit %d, %q; want %q", args, code, out, want)
		}
	}
}

func TestTopologyValues(t *testing.T) {
	for in, want := range map[string]configv1.TopologyMode{
		"":                "",
		"sno":             configv1.SingleReplicaTopologyMode,
		"SNO":             configv1.SingleReplicaTopologyMode,
		"singlereplica":   configv1.SingleReplicaTopologyMode,
		"SingleReplica":   configv1.SingleReplicaTopologyMode,
		"ha":              configv1.HighlyAvailableTopologyMode,
		"highlyAvailable": configv1.HighlyAvailableTopologyMode,
		"arbiter":         configv1.HighlyAvailableArbiterMode,
		"tnf":             configv1.DualReplicaTopologyMode,
		"Two-Node":        configv1.DualReplicaTopologyMode,
		"dualreplica":     configv1.DualReplicaTopologyMode,
		"hypershift":      configv1.ExternalTopologyMode,
		"External":        configv1.ExternalTopologyMode,
	} {
		if got, err := parseTopology(in); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", in, got, err, want)
		}
	}
	code, _, errOut := runCLI(t, "analyze", bundledSample, "--topology", "singel-node", "--output-dir", t.TempDir())
	if code != exitUsage || !strings.Contains(errOut, `did you mean "single-node"?`) {
		t.Errorf("exit %d, %q", code, errOut)
	}
	// An alias runs, and is the canonical value in the results.
	code, out, errOut := runCLI(t, "analyze", bundledSample, "--topology", "SNO", "-o", "json", "--output-dir", t.TempDir(), "--fail-on", "never")
	if code != exitOK || !strings.Contains(out, "SingleReplica") {
		t.Errorf("--topology SNO: exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(errOut, "warning: the cluster is judged as SingleReplica (as --topology says), but the input has 3 control-plane nodes") {
		t.Errorf("no warning for SingleReplica on 6 nodes: %s", errOut)
	}
}

func TestTopologyWarning(t *testing.T) {
	ha, sno := configv1.HighlyAvailableTopologyMode, configv1.SingleReplicaTopologyMode
	for _, tc := range []struct {
		name     string
		facts    snapshot.Facts
		override configv1.TopologyMode
		want     string
	}{
		{"HA on 6 nodes", snapshot.Facts{ControlPlaneTopology: "HighlyAvailable", Nodes: 6, ControlPlaneNodes: 3}, "", ""},
		{"SNO on 1 node", snapshot.Facts{ControlPlaneTopology: "SingleReplica", Nodes: 1, ControlPlaneNodes: 1}, "", ""},
		{"SNO with a worker", snapshot.Facts{ControlPlaneTopology: "SingleReplica", Nodes: 2, ControlPlaneNodes: 1}, "", ""},
		{"SNO declared on 3 masters", snapshot.Facts{ControlPlaneTopology: "SingleReplica", Nodes: 6, ControlPlaneNodes: 3}, "", "as the input's Infrastructure declares"},
		{"--topology sno on 3 masters", snapshot.Facts{ControlPlaneTopology: "HighlyAvailable", Nodes: 6, ControlPlaneNodes: 3}, sno, "as --topology says"},
		{"HA on 1 node", snapshot.Facts{ControlPlaneTopology: "HighlyAvailable", Nodes: 1, ControlPlaneNodes: 1}, "", "has 1 node"},
		{"--topology ha on 1 node", snapshot.Facts{ControlPlaneTopology: "SingleReplica", Nodes: 1, ControlPlaneNodes: 1}, ha, "has 1 node"},
		{"no nodes in the input", snapshot.Facts{ControlPlaneTopology: "SingleReplica"}, ha, ""},
	} {
		got := topologyWarning(tc.facts, tc.override)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want it to say %q", tc.name, got, tc.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"analyze", bundledSample, "--checks", "replicas,livenes-probe"}, `did you mean "liveness-probe"?`},
		{[]string{"analyze", bundledSample, "--checks", "pbd"}, `did you mean "pdb"?`},
		{[]string{"analyze", bundledSample, "-o", "jsno"}, `did you mean "json"?`},
		{[]string{"inspect", bundledSample, "-o", "yml"}, `did you mean "yaml"?`},
		{[]string{"checks", "-o", "markdwon"}, `did you mean "markdown"?`},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want %q", tc.args, code, errOut, tc.want)
		}
	}
	if s := didYouMean("something-else", []string{"pdb", "replicas"}); s != "" {
		t.Errorf("a far value got a suggestion: %s", s)
	}
}

func TestYAMLOutputs(t *testing.T) {
	for _, args := range [][]string{
		{"analyze", bundledSample, "-o", "yaml", "--fail-on", "never"},
		{"inspect", bundledSample, "-o", "yaml"},
		{"checks", "-o", "yaml"},
	} {
		if args[0] == "analyze" {
			args = append(args, "--output-dir", t.TempDir())
		}
		code, out, errOut := runCLI(t, args...)
		if code != exitOK || strings.HasPrefix(out, "{") || !strings.Contains(out, ": ") {
			t.Errorf("%v: exit %d, stderr %s, stdout %.200s", args, code, errOut, out)
		}
	}
}

// complete runs cobra's hidden completion command as a shell does.
func complete(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if code != exitOK {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	var values []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, ":") { // the last line is the directive
			values = append(values, line)
		}
	}
	return values
}

func TestCompletion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string // among the values offered
		not  []string // never offered
	}{
		{[]string{"analyze", "--topology", ""}, []string{"HighlyAvailable", "SingleReplica", "sno", "tnf", "hypershift"}, nil},
		{[]string{"analyze", "--checks", ""}, []string{"liveness-probe", "tolerations"}, nil},
		{[]string{"analyze", "--checks", "replicas,pd"}, []string{"replicas,pdb", "replicas,pdb-allows-disruption"}, []string{"replicas,replicas"}},
		{[]string{"analyze", "--checks", "pdb,"}, []string{"pdb,replicas"}, []string{"pdb,pdb"}},
		{[]string{"analyze", "-o", ""}, []string{"text", "markdown", "json", "yaml", "jira"}, nil},
		{[]string{"inspect", "-o", ""}, []string{"text", "json", "yaml"}, []string{"jira"}},
		{[]string{"checks", "-o", ""}, []string{"markdown", "yaml"}, nil},
		{[]string{"analyze", "--fail-on", ""}, []string{"fail", "never"}, nil},
		{[]string{"analyze", "--suite-name", ""}, []string{"openshift-tests"}, nil},
		{[]string{"analyze", "--permanent-exceptions-as", ""}, []string{"flake", "pass"}, nil},
		{[]string{"analyze", bundledSample, "--include-namespaces", "openshift-c"}, []string{"openshift-console", "openshift-cluster-version"}, []string{"openshift-etcd"}},
		{[]string{"analyze", bundledSample, "--exclude-namespaces", ""}, []string{"openshift-etcd", "default"}, nil},
	} {
		got := complete(t, tc.args...)
		for _, w := range tc.want {
			if !contains1(got, w) {
				t.Errorf("%v: %v lacks %q", tc.args, got, w)
			}
		}
		for _, n := range tc.not {
			if contains1(got, n) {
				t.Errorf("%v: %v offers %q", tc.args, got, n)
			}
		}
	}
}

// TestEveryFlagCompletes fails on a flag taking a value that has no
// completion: a new flag must say what its values are.
func TestEveryFlagCompletes(t *testing.T) {
	root := newRootCmd(IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Value.Type() == "bool" || f.Name == "help" {
				return
			}
			if _, ok := cmd.GetFlagCompletionFunc(f.Name); !ok {
				t.Errorf("%s --%s has no completion", cmd.CommandPath(), f.Name)
			}
		})
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func contains1(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// lockedBuffer stands for the terminal the progress goroutine writes to.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestProgress(t *testing.T) {
	t.Run("silent on anything but a terminal", func(t *testing.T) {
		var b bytes.Buffer
		p := startProgress(&b, "reading x", false)
		time.Sleep(10 * time.Millisecond)
		p.stop()
		if b.Len() != 0 {
			t.Errorf("wrote %q", b.String())
		}
	})
	t.Run("a line while slow, erased when done", func(t *testing.T) {
		var b lockedBuffer
		start := time.Now()
		p := &progress{w: &b, label: "reading x", start: start, every: time.Millisecond, done: make(chan struct{}),
			now: func() time.Time { return start.Add(3 * time.Second) }}
		p.run(0)
		for !strings.Contains(b.String(), "reading x… 3s") {
			time.Sleep(time.Millisecond)
		}
		p.stop()
		if s := b.String(); !strings.HasPrefix(s, "\r\033[Kreading x… 3s") || !strings.HasSuffix(s, "\r\033[K") {
			t.Errorf("wrote %q", s)
		}
	})
	t.Run("nothing when done before the delay", func(t *testing.T) {
		var b lockedBuffer
		p := &progress{w: &b, label: "reading x", start: time.Now(), every: time.Millisecond, done: make(chan struct{}), now: time.Now}
		p.run(time.Hour)
		p.stop()
		if b.String() != "" {
			t.Errorf("wrote %q", b.String())
		}
	})
}

package checks

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// ns is the namespace every table test builds its objects in.
const ns = "ns"

// checkCase is one row of a check's table test. want lists the findings as
// "Kind/name" or "Kind/name:container", in order; none means a pass. skip is
// the exact skip reason when the check must not apply. reason is the note a
// judged verdict must carry, and msg a piece of the first finding's message.
type checkCase struct {
	name   string
	snap   *snapshot.Cluster
	want   []string
	skip   string
	reason string
	msg    string
	// in is the namespace judged when not ns.
	in string
}

// runCases judges every case with chk through the engine's judge, so missing
// data and partial namespaces behave as in real runs.
func runCases(t *testing.T, chk Check, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := ns
			if tc.in != "" {
				name = tc.in
			}
			n := tc.snap.Namespace(name)
			if n == nil {
				n = &snapshot.Namespace{Name: name, Collected: true}
			}
			v := judge(tc.snap, n, chk)
			if tc.skip != "" {
				if !v.Skipped || v.Reason != tc.skip {
					t.Fatalf("got skipped=%v reason %q findings %v, want skip %q", v.Skipped, v.Reason, short(v), tc.skip)
				}
				return
			}
			if v.Skipped {
				t.Fatalf("skipped with %q, want a judgement", v.Reason)
			}
			if diff := cmp.Diff(tc.want, short(v)); diff != "" {
				t.Errorf("findings (-want +got):\n%s\nmessages: %s", diff, messages(v))
			}
			if tc.reason != "" && !strings.Contains(v.Reason, tc.reason) {
				t.Errorf("reason %q does not contain %q", v.Reason, tc.reason)
			}
			if tc.msg != "" && (len(v.Findings) == 0 || !strings.Contains(v.Findings[0].Message, tc.msg)) {
				t.Errorf("first message does not contain %q: %s", tc.msg, messages(v))
			}
			for _, f := range v.Findings {
				if f.Topology == "" {
					t.Errorf("finding on %s has no topology", f.Workload)
				}
			}
		})
	}
}

func short(v Verdict) []string {
	var out []string
	for _, f := range v.Findings {
		s := f.Workload.String()
		if f.Container != "" {
			s += ":" + f.Container
		}
		out = append(out, s)
	}
	return out
}

func messages(v Verdict) string {
	var out []string
	for _, f := range v.Findings {
		out = append(out, f.Message)
	}
	return strings.Join(out, " | ")
}

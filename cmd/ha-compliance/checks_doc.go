package main

import (
	"fmt"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
)

// verdictsDoc explains, before the catalogue, how verdicts are made to be
// ones a component owner accepts: which subject a violation names, which
// pods are judged, which releases, which exceptions ship, which Jira tag.
const verdictsDoc = `## How verdicts follow origin

Origin's tests (test/extended/operators/resources.go, daemon_set.go, tolerations.go,
test/extended/pods/priorityclasses.go, the pdbunhealthypodevictionpolicy monitor test) and
CONVENTIONS.md are the authorities; the spec this project started from (spec/checks.md) is
followed where they are silent. Each check below says what origin judges, where its exceptions
live here, and where this catalogue is deliberately stricter.

- **Stable subjects.** A violation names the logical workload, so the same violation has the same
  rule key in every must-gather of a cluster, and on every cluster: a Deployment (not its
  ReplicaSet or pods), a static pod without its ` + "`-<node>`" + ` suffix, the installer and
  revision-pruner pods of static-pod operators as ` + "`installer` and `revision-pruner`" + `
  (no revision, no ` + "`-retry-N`" + `, no node: origin groups them the same way), a pod without
  a workload controller by its generateName (catalog pods: ` + "`redhat-operators`" + `) or the
  resource that controls it, and a Job's pods as kind ` + "`Job`" + ` named after the Job without a
  CronJob's schedule suffix (` + "`collect-profiles`" + `).
- **Run-once pods** (a Job's pods; bare pods that finished, phase Succeeded or Failed, or that are
  made to finish, restartPolicy Never or OnFailure) are not judged by the checks about running
  behaviour (probes, tolerations; the redundancy checks judge controllers only). They are judged for
  priority class and requests, as origin does: while they run they compete for the node.
- **Releases.** A check that needs a newer API than the cluster's says so and skips: the release
  comes from the ClusterVersion (the newest completed update, else the desired one), else from the
  newest kubelet of the nodes (Kubernetes 1.N is OpenShift 4.(N-13)). An unknown release is judged,
  and the result notes "` + checks.NoteReleaseUnknown + `".
- **The shipped baseline** of exceptions (below) holds origin's allow-lists and the single-replica
  leader-elected operators, in the format of every exceptions file. ` + "`analyze`" + ` applies it
  after the user's files; what it covers flakes, so it stays visible in Sippy and in the reports
  (its ids start with ` + "`baseline.`" + `). ` + "`--no-baseline`" + ` judges raw; ` +
	"`ha-compliance exceptions baseline`" + ` prints it to copy and edit.
- **Jira tag.** Every test name carries ` + "`[Jira:\"...\"]`" + `: the component ci-test-mapping lists
  for the namespace, else its fallback for namespaces it does not list, ` + "`Unknown`" + ` (the
  component it gives a test nothing else claims). spec/results.md said to omit the tag then;
  ci-test-mapping files such a test under Unknown either way, and a tag on every name keeps names in
  one shape.

`

// baselineDoc lists the shipped baseline from the embedded file itself, so
// the docs cannot drift from what analyze applies.
func baselineDoc() string {
	var b strings.Builder
	b.WriteString("\n## The shipped baseline\n\n")
	b.WriteString("Applied by `analyze` unless `--no-baseline`; printed by `ha-compliance exceptions baseline`. " +
		"Each entry's reason and approver are in that output.\n\n")
	b.WriteString("| id | type | checks | namespaces | workloads | from |\n|---|---|---|---|---|---|\n")
	list, err := exceptions.LoadWithBaseline(nil, checks.IDs())
	if err != nil { // the embedded file is tested valid; say so rather than hide it
		fmt.Fprintf(&b, "| invalid baseline: %s | | | | | |\n", strings.ReplaceAll(err.Error(), "\n", " "))
		return b.String()
	}
	for _, e := range list.Exceptions {
		ns := "`" + e.Namespace + "`"
		if e.NamespaceRegex != "" {
			ns = codeCell(e.NamespaceRegex)
			if n := strings.Count(e.NamespaceRegex, "|") + 1; n > 10 {
				ns = fmt.Sprintf("%d namespaces (in the baseline)", n)
			}
		}
		typ := string(e.Type)
		if e.Jira != "" {
			typ += " " + e.Jira
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", e.ID, typ, strings.Join(e.Checks, ", "), ns,
			orDash(workloadDoc(e.Workload)), referenceDoc(e.Reference))
	}
	return b.String()
}

func workloadDoc(w exceptions.Workload) string {
	var parts []string
	if w.Kind != "" {
		parts = append(parts, w.Kind)
	}
	switch {
	case w.Name != "":
		parts = append(parts, "`"+w.Name+"`")
	case w.NamePrefix != "":
		parts = append(parts, "`"+w.NamePrefix+"*`")
	case w.NameRegex != "":
		parts = append(parts, codeCell(w.NameRegex))
	}
	if w.Container != "" {
		parts = append(parts, "container `"+w.Container+"`")
	}
	return strings.Join(parts, " ")
}

// codeCell renders s as a code span in a table cell: a "|" would end the cell.
func codeCell(s string) string { return "`" + strings.ReplaceAll(s, "|", "\\|") + "`" }

// referenceDoc shortens a reference to the file or section it names.
func referenceDoc(ref string) string {
	short := ref
	if i := strings.LastIndex(ref, "/"); i >= 0 {
		short = ref[i+1:]
	}
	return "[" + short + "](" + ref + ")"
}

// measuredDoc is what the catalogue's fidelity changes did on the real
// samples; TestMeasuredDocMatchesBundledSample keeps the bundled row true.
const measuredDoc = `
## Measured on the samples

Failing (namespace, check) pairs of the real 4.8 must-gathers, before the changes of issue 12 and
after (default run, and ` + "`--no-baseline`" + `), and what became of the pairs that failed before:

| sample | before | after | after, --no-baseline | now flake (baseline) | now skip (release) | now pass (run-once not judged) |
|---|--:|--:|--:|--:|--:|--:|
| bundled testdata/must-gather (trimmed) | 16 | 11 | 14 | 3 | 2 | 0 |
| shared/samples/must-gather-aws-4.8 | 140 | 98 | 131 | 33 | 6 | 3 |

On the whole sample the 42 pairs that no longer fail are: 27 single-replica leader-elected operators
and controllers (baseline, flake), 4 static-pod namespaces' installer and pruner limits (baseline,
flake), openshift-etcd's tolerations (baseline, flake), openshift-marketplace's priority class
(baseline, flake), 6 pdb-unhealthy-pod-eviction-policy results on a release without the field
(skip), and 3 static-pod namespaces whose only toleration findings were finished installer pods
(run-once, not judged). The violations of the failing pairs fall from 444 to 286 and every rule key
names a logical workload (installer pods: one key per container, not one per revision and node).
What still fails are probes, single-replica monitoring and webhook Deployments, missing PDBs and
anti-affinity, and the cluster-version operator tolerating ` + "`node.kubernetes.io/unschedulable`" + `
(stricter than origin, see tolerations).
`

// Package checks is the HA check catalogue: pure functions from a snapshot
// to violations, and the engine that runs them per namespace.
package checks

import (
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// ID is a check's stable identifier. Once released it never changes: JUnit
// names, exceptions and JSON history are keyed on it.
type ID string

// The catalogue of docs/checks.md.
const (
	IDLivenessProbe                 ID = "liveness-probe"
	IDReadinessProbe                ID = "readiness-probe"
	IDStartupProbe                  ID = "startup-probe"
	IDReplicas                      ID = "replicas"
	IDPodAntiAffinity               ID = "pod-anti-affinity"
	IDPDB                           ID = "pdb"
	IDPDBUnhealthyPodEvictionPolicy ID = "pdb-unhealthy-pod-eviction-policy"
	IDPDBAllowsDisruption           ID = "pdb-allows-disruption"
	IDRolloutStrategy               ID = "rollout-strategy"
	IDDaemonSetUpdateStrategy       ID = "daemonset-update-strategy"
	IDSpreadAcrossNodes             ID = "spread-across-nodes"
	IDPriorityClass                 ID = "priority-class"
	IDRequestsNoLimits              ID = "requests-no-limits"
	IDTolerations                   ID = "tolerations"
)

// Tier says where a check comes from.
type Tier string

const (
	// Core checks are the HA enhancement's redundancy and health-check configs.
	Core Tier = "core"
	// Extended checks come from CONVENTIONS.md and existing origin tests.
	Extended Tier = "extended"
)

// Lifecycle says how much authority a check's failures have.
type Lifecycle string

const (
	// Blocking failures fail the job.
	Blocking Lifecycle = "blocking"
	// Informing failures are published with lifecycle="informing" and are
	// read by Sippy without failing a job.
	Informing Lifecycle = "informing"
)

// Check is one rule of the catalogue.
type Check struct {
	ID          ID
	Title       string
	Description string
	// Subject and Should make the JUnit name:
	// "<Subject> in ns/<namespace> should <Should>".
	Subject    string
	Should     string
	Convention string // link to the convention or test it enforces
	Tier       Tier
	Lifecycle  Lifecycle
	// Needs lists every kind the check reads, so that without them (missing
	// from the input, or partial in the namespace) it skips rather than
	// passes on what is left: a kind left out here is one whose loss can
	// turn a failure into a pass.
	Needs []snapshot.Kind
	// Since is the first OpenShift release whose API and conventions the
	// check needs; older clusters get a skip saying so. Zero: every release.
	// A rule within a check that is newer than the check gates itself in
	// Eval with c.Release().
	Since snapshot.Release
	// SinceWhy says what appeared in Since, for the skip reason and docs,
	// e.g. "spec.unhealthyPodEvictionPolicy is GA".
	SinceWhy string
	// Fix is the general remedy, one sentence ending in a period.
	Fix string
	// Eval judges one namespace. It is pure: no files, clock, globals or logging.
	Eval func(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict
}

package checks

// Links to the conventions and tests the checks enforce.
const (
	conventionsURL        = "https://github.com/openshift/enhancements/blob/master/CONVENTIONS.md"
	conventionHA          = conventionsURL + "#high-availability"
	conventionUpgrade     = conventionsURL + "#upgrade-and-reconfiguration"
	conventionPriority    = conventionsURL + "#priority-classes"
	conventionResources   = conventionsURL + "#resources-and-limits"
	conventionTolerations = conventionsURL + "#taints-and-tolerations"
	// enhancementHAPolicy is "Add HA Policy Management", which names the
	// redundancy and health-check configs.
	enhancementHAPolicy = "https://github.com/openshift/enhancements/pull/1932"
	originDaemonSetTest = "https://github.com/openshift/origin/blob/master/test/extended/operators/daemon_set.go"
	originPDBPolicyTest = "https://github.com/openshift/origin/blob/master/pkg/monitortests/apps/pdbunhealthypodevictionpolicy/monitortest.go"
)

package loader

// IsGatherExtraFile reports whether a file of a CI gather-extra artifacts
// folder, by its base name, holds objects a load keeps (pods.json,
// deployments.json, ... and their ".gz" forms). Readers of remote runs use
// it to fetch only those files.
func IsGatherExtraFile(base string) bool {
	_, ok := gatherExtraKind(base)
	return ok
}

// IsMustGatherArchive reports whether a file name is one Discover opens as a
// must-gather archive (CI's must-gather.tar, must-gather*.tar.gz, ...).
func IsMustGatherArchive(base string) bool { return isArchiveName(base) }

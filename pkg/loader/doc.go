// Package loader reads every input form of docs/inputs.md (must-gather and
// inspect folders, their archives, CI gather-extra folders, CI job trees,
// object files and standard input) into one snapshot.Cluster.
//
// The pipeline has three stages that overlap on the available cores:
//
//	reader (1 goroutine)   walks folders or streams archive entries, decides
//	                       by path alone which files are needed, and reads
//	                       only those; everything else (logs are most of the
//	                       bytes) is skipped without being buffered
//	decoders (GOMAXPROCS)  turn each file's bytes into typed objects through
//	                       the replaceable decode.Decoder
//	collector (1)          gathers the results; at the end they are fed to
//	                       the snapshot.Builder in a fixed order
//
// De-duplication does not depend on which decoder finishes first: results
// are added in the order (preferred root first, then the order the reader met
// the files), so the same input always gives the same snapshot.
//
// Per-pod copies (namespaces/<ns>/pods/<pod>/<pod>.yaml) repeat the pods of
// core/pods.yaml. They are decoded only for namespaces whose pods.yaml was
// missing or did not decode cleanly. Folders are walked in name order, so
// pods.yaml comes first; archive entries come in any order, so a copy met
// before its namespace's List has decoded is kept aside (a path for folders,
// the bytes for archives) and decoded in a second pass only if needed.
package loader

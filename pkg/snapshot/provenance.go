package snapshot

// Input describes one input path as the loader understood it. Field names and
// values are part of the JSON contract (the analyze and inspect JSON; README.md).
type Input struct {
	Path string `json:"path"`
	// Format is must-gather, inspect, gather-extra, ci-job or objects.
	Format string `json:"format"`
	// Archive is tar.xz, tar.gz, tar.zst, zip, tar or none.
	Archive string `json:"archive"`
	// Roots are the image folders (or gather-extra folders) objects came from.
	Roots []string `json:"roots"`
	// Job and BuildID identify the CI job run of a ci-job input, when known.
	Job     string `json:"job,omitempty"`
	BuildID string `json:"buildId,omitempty"`
}

// Problem is one part of the input that could not be read: the file (or
// archive entry) and what is wrong with it. The rest of the input still loads.
type Problem struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// Partial says that the objects of one kind were not all read: a file that
// should hold them was empty, unreadable, absent or partly undecodable. Unlike
// Missing (the input cannot hold the kind at all), a partial kind is the
// input's fault, and the checks that need it have no complete data: they skip.
type Partial struct {
	// Namespace is the namespace whose objects were lost; "" means every
	// namespace (a cluster-wide file such as gather-extra's pods.json).
	Namespace string `json:"namespace,omitempty"`
	Kind      Kind   `json:"kind"`
	// Path is the file that lost them, and Why what was wrong with it: the
	// skip reasons quote both.
	Path string `json:"path"`
	Why  string `json:"why"`
}

// Provenance says what was read and what could not be: the inputs, the kinds
// the input cannot hold (their checks become skips), the kinds it holds only
// in part, and the problems met.
type Provenance struct {
	Inputs   []Input
	Missing  []Kind
	Partial  []Partial
	Problems []Problem
}

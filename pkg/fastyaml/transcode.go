package fastyaml

// Options tune a conversion. The zero value converts everything.
type Options struct {
	// Skip lists key paths whose values are left out of the output, e.g.
	// {"metadata", "managedFields"}. A path matches the innermost keys of
	// the current position (sequence levels are not counted), so the
	// example drops managedFields of a List's items as well as of a single
	// object.
	Skip [][]string
}

// ManagedFields is the skip path for server-side-apply bookkeeping, which
// doubles the size of objects gathered from OpenShift 4.10 on and which no
// check reads.
var ManagedFields = []string{"metadata", "managedFields"}

// AppendJSON appends the JSON form of the YAML document src to dst and
// returns the extended buffer. It succeeds only when the result is what
// sigs.k8s.io/yaml.YAMLToJSON produces up to key order and string escaping
// (the decoded values are equal, minus the skipped paths); for anything
// outside the subset it returns an error matching ErrUnsupported, and dst
// unchanged, so the caller can fall back to sigs.k8s.io/yaml.
func AppendJSON(dst, src []byte, opts *Options) ([]byte, error) {
	if err := checkChars(src); err != nil {
		return dst, err
	}
	p := parser{src: src, out: dst}
	if opts != nil {
		p.skip = opts.Skip
	}
	if err := p.document(); err != nil {
		return dst, err
	}
	return p.out, nil
}

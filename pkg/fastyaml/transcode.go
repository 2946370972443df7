package fastyaml

// Options tune a conversion. The zero value converts everything.
type Options struct {
	// Skip lists key paths whose values are left out of the output, e.g.
	// {"metadata", "managedFields"}. A path matches the innermost keys of
	// the current position (sequence levels are not counted), so the
	// example drops managedFields of a List's items as well as of a single
	// object.
	Skip [][]string

	// Prune lists, by object kind, key paths left out of the objects of
	// that kind, e.g. "ReplicaSet": {{"spec", "template"}}. Unlike Skip, a
	// path is anchored at an object root and goes through mappings, and
	// through sequences only where it says AnyEntry: {"spec", "containers",
	// AnyEntry, "env"} leaves out the env of every entry of a Pod's
	// containers, and a container named "status" or an annotation key
	// "images" never matches {"status", "images"}. A path element matches
	// only a node of its sort: a key never matches a sequence's entries,
	// AnyEntry never matches a mapping's key (not even one spelt "[]"),
	// and a path ends with a key: entries are not pruned.
	//
	// The object roots are the document's root mapping and, when that
	// mapping has an "items" key (spelt so) holding a sequence, each
	// mapping entry of that sequence: the objects of a List, which the
	// root's own paths do not go into.
	//
	// An object's kind is the string value of its "kind" key (spelt so).
	// The conversion is one pass, so an object is pruned only when that key
	// comes before every key its kind's paths start with, as in the sorted
	// output of oc and kubectl; an object whose kind comes later, or is
	// not a plain string, is converted whole. Layout.PrunedAs tells the two
	// cases apart, so that a caller can prune the rest itself.
	//
	// Pruned values are passed over like skipped ones: not validated.
	Prune map[string][][]string
}

// AnyEntry is the element of an Options.Prune path that goes through every
// entry of a sequence.
const AnyEntry = "[]"

// ManagedFields is the skip path for server-side-apply bookkeeping, which
// doubles the size of objects gathered from OpenShift 4.10 on and which no
// check reads.
var ManagedFields = []string{"metadata", "managedFields"}

// AppendJSON appends the JSON form of the YAML document src to dst and
// returns the extended buffer. It succeeds only when the result is what
// sigs.k8s.io/yaml.YAMLToJSON produces up to key order and string escaping
// (the decoded values are equal, minus the skipped and pruned paths); for
// anything outside the subset it returns an error matching ErrUnsupported,
// and dst unchanged, so the caller can fall back to sigs.k8s.io/yaml.
func AppendJSON(dst, src []byte, opts *Options) ([]byte, error) {
	return AppendJSONLayout(dst, src, opts, nil)
}

// AppendJSONLayout is AppendJSON that also fills lay, when not nil, with
// where the document's objects are in the output and what the conversion
// learnt about them on the way (see Layout), so that a caller can decode
// each object without reading the JSON again to find it.
func AppendJSONLayout(dst, src []byte, opts *Options, lay *Layout) ([]byte, error) {
	if err := checkChars(src); err != nil {
		return dst, err
	}
	p := parser{src: src, out: dst, lay: lay}
	if opts != nil {
		p.skip, p.prune = opts.Skip, opts.Prune
	}
	if lay != nil {
		lay.reset()
	}
	if err := p.document(); err != nil {
		return dst, err
	}
	return p.out, nil
}

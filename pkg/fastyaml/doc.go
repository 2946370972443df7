// Package fastyaml decodes the YAML that `oc adm inspect` and kubectl write
// about twenty times faster than sigs.k8s.io/yaml, with the same result.
//
// sigs.k8s.io/yaml parses a document into a generic tree with go-yaml v2,
// converts the tree to JSON-able maps, marshals them to JSON and lets
// encoding/json decode that into the target type: four passes, a million
// allocations for a 12 MB pods.yaml, 12 to 20 MB/s. The YAML that oc
// writes comes from one emitter (go-yaml v2 behind sigs.k8s.io/yaml.Marshal)
// and uses a small part of YAML, so this package converts that part to JSON
// in one pass over the bytes, line by line, without building a tree
// (AppendJSON), and decodes the JSON with a one-pass typed decoder
// (internal/typed) instead of encoding/json. Keeping JSON in the middle,
// rather than decoding YAML straight into structs, keeps the two halves
// separately comparable with their references: the converter with
// sigs.k8s.io/yaml.YAMLToJSON as generic values, the decoder with
// encoding/json on the same values.
//
// The subset: block mappings and sequences (sequences may sit at their
// key's column), plain, single- and double-quoted scalars, also folded over
// several lines, literal block scalars with any chomping and indentation
// indicator, the empty flow collections {} and [], a leading "---", and
// comments. Plain scalars are typed as go-yaml v2 types them; numbers are
// written as encoding/json writes them. Everything else, and everything
// this package is not sure to read as go-yaml does, makes AppendJSON return
// an error matching ErrUnsupported, never a guess: callers then decode with
// sigs.k8s.io/yaml (pkg/decode does it for the loader). Options.Skip
// leaves subtrees such as metadata.managedFields out while parsing them
// only as far as needed to find where they end, and Options.Prune does the
// same for paths anchored at each object of a given kind (a ReplicaSet's
// spec.template). AppendJSONLayout also says where each object of a List
// is in the output, so that a caller can decode them one by one without
// reading the JSON again to find them.
//
// The tests hold the package to that contract: every YAML file of the real
// must-gather sample and of the bundled test data, decoded both ways as
// generic values and into the loader's typed objects, and fuzz targets
// comparing the two decoders on arbitrary input. docs/performance.md has
// the measurements.
package fastyaml

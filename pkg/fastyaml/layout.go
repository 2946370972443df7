package fastyaml

// Layout says where AppendJSONLayout wrote the objects of a document. Its
// offsets index the slice AppendJSONLayout returns.
type Layout struct {
	// Root is the document's root node.
	Root Object
	// HasItems is true when the root is a mapping whose "items" key (spelt
	// so) holds a sequence, written at out[ItemsStart:ItemsEnd]. Items are
	// then its entries, in order, whatever they hold.
	HasItems             bool
	ItemsStart, ItemsEnd int
	Items                []Object
}

// Object is one object root of a document (see Options.Prune), or an
// entry of the root's items that is not a mapping (Mapping is false).
type Object struct {
	// Start and End delimit the node's JSON in the output.
	Start, End int
	// Mapping is true when the node is a mapping, block or "{}"; the
	// fields below are only set for mappings.
	Mapping bool
	// Kind and APIVersion are the values of the "kind" and "apiVersion"
	// keys spelt so, when they are strings without escapes; "" otherwise.
	// A key spelt in another case is not looked at: encoding/json would
	// match it, so a caller must check what the decode found.
	Kind, APIVersion string
	// PrunedAs is the kind whose Options.Prune paths were applied to the
	// whole object: its Kind when that was known before any key its paths
	// start with, "" when nothing was pruned.
	PrunedAs string
	// ItemsKey is true when the object has a key that is "items" in any
	// ASCII case, as encoding/json matches it: a caller reading the object
	// as a possible List must then look at it the slow way.
	ItemsKey bool
}

func (l *Layout) reset() {
	l.Root, l.HasItems, l.ItemsStart, l.ItemsEnd = Object{}, false, -1, -1
	l.Items = l.Items[:0]
}

// role is what a node is to the Layout and to Options.Prune.
type role uint8

const (
	roleNone  role = iota
	roleDoc        // the document's root node
	roleItem       // an entry of the root's items sequence
	roleItems      // the value of the root's "items" key
)

// nodeCtx is what a node inherits from where it sits: its role, and the
// pruned paths of the enclosing object that can still match below it,
// with how many path elements (mapping keys and sequence entries)
// separate it from the object root.
type nodeCtx struct {
	role  role
	paths [][]string
	depth int
}

// pathElem is one step from an object root down to a node: a mapping key,
// or any entry of a sequence.
type pathElem struct {
	key   []byte
	entry bool
}

// rootState follows one object root mapping while it is parsed.
type rootState struct {
	obj       Object
	keysStart int // the mapping's first entry in p.keys
}

// rootKey records what key, whose JSON value was written at
// p.out[valueStart:], tells about the object, and returns the pruned paths
// that apply from the next key on.
func (p *parser) rootKey(st *rootState, key []byte, valueStart int, paths [][]string) [][]string {
	switch string(key) {
	case "kind":
		kind := jsonString(p.out[valueStart:])
		if kind == nil {
			return nil
		}
		kp := p.prune[string(kind)]
		st.obj.Kind = p.keep(&p.lastKind, kind)
		// Keys before "kind" were converted whole: pruning the rest would
		// leave an object pruned in part, which PrunedAs cannot say.
		for _, k := range p.keys[st.keysStart : len(p.keys)-1] {
			for _, path := range kp {
				if path[0] == string(k) {
					return nil
				}
			}
		}
		st.obj.PrunedAs = st.obj.Kind
		return kp
	case "apiVersion":
		st.obj.APIVersion = p.keep(&p.lastAPIVersion, jsonString(p.out[valueStart:]))
	}
	if len(key) == len("items") && equalFoldASCII(key, []byte("items")) {
		st.obj.ItemsKey = true
	}
	return paths
}

// keep returns b as a string for the Layout, "" when there is none. The
// items of a List nearly always share their kind and apiVersion: last
// saves allocating them again.
func (p *parser) keep(last *string, b []byte) string {
	if p.lay == nil || len(b) == 0 {
		return ""
	}
	if *last != string(b) {
		*last = string(b)
	}
	return *last
}

// jsonString returns the content of v when it is one JSON string without
// escapes, else nil.
func jsonString(v []byte) []byte {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return nil
	}
	s := v[1 : len(v)-1]
	for _, c := range s {
		if c == '\\' || c == '"' {
			return nil
		}
	}
	return s
}

// prunedHere reports whether key, in a mapping depth elements below its
// object root, ends one of paths. p.ppath holds the elements down to that
// mapping.
func (p *parser) prunedHere(paths [][]string, depth int, key []byte) bool {
	for _, path := range paths {
		if len(path) == depth+1 && path[depth] != AnyEntry && path[depth] == string(key) && p.pathPrefix(path, depth) {
			return true
		}
	}
	return false
}

// below returns the context of the value of key, in a mapping depth
// elements below its object root: the paths continue there when one goes
// through key. A scalar value ignores it, and so does a sequence unless a
// path's next element is AnyEntry (see sequence).
func (p *parser) below(paths [][]string, depth int, key []byte) nodeCtx {
	for _, path := range paths {
		if len(path) > depth+1 && path[depth] != AnyEntry && path[depth] == string(key) && p.pathPrefix(path, depth) {
			return nodeCtx{paths: paths, depth: depth + 1}
		}
	}
	return nodeCtx{}
}

// belowEntry returns the context of the entries of a sequence depth
// elements below its object root: the paths continue there when one goes
// through AnyEntry. An entry is never pruned itself: a path ends with a key.
func (p *parser) belowEntry(paths [][]string, depth int) nodeCtx {
	for _, path := range paths {
		if len(path) > depth+1 && path[depth] == AnyEntry && p.pathPrefix(path, depth) {
			return nodeCtx{paths: paths, depth: depth + 1}
		}
	}
	return nodeCtx{}
}

// pathPrefix reports whether the last depth elements of p.ppath are
// path's first depth elements.
func (p *parser) pathPrefix(path []string, depth int) bool {
	base := len(p.ppath) - depth
	for k := 0; k < depth; k++ {
		e := p.ppath[base+k]
		if e.entry != (path[k] == AnyEntry) || (!e.entry && path[k] != string(e.key)) {
			return false
		}
	}
	return true
}

// openItem starts the record of the next entry of the root's items.
func (p *parser) openItem() {
	if p.lay != nil {
		p.lay.Items = append(p.lay.Items, Object{Start: len(p.out)})
	}
}

// closeItem ends the record of the entry just parsed.
func (p *parser) closeItem() {
	if p.lay == nil {
		return
	}
	it := &p.lay.Items[len(p.lay.Items)-1]
	it.End = len(p.out)
	if string(p.out[it.Start:]) == "{}" {
		it.Mapping = true // an empty flow mapping: an object without keys
	}
}

// record stores what was learnt about an object root mapping that started
// at out[start:] and has just been closed.
func (p *parser) record(r role, start int, obj Object) {
	obj.Mapping = true
	switch r {
	case roleDoc:
		obj.Start, obj.End = start, len(p.out)
		p.lay.Root = obj
	case roleItem:
		it := &p.lay.Items[len(p.lay.Items)-1]
		obj.Start = it.Start
		*it = obj // End is set by closeItem
	}
}

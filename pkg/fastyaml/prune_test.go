package fastyaml

import (
	"errors"
	"testing"
)

// TestPrune pins down Options.Prune and the skipping it relies on: what
// is cut, what is kept although it looks alike, and what is refused
// because skipping it by indentation could go wrong.
func TestPrune(t *testing.T) {
	opts := &Options{Prune: testPrune}
	cases := []struct {
		name, in string
		want     string // "" when the fast path must decline
		pruned   string // Layout.Root.PrunedAs
	}{
		{"a pruned path drops the value in an object of its kind",
			"kind: A\na:\n  x: 1\nb:\n  c:\n    d: gone\n    e: kept\n", `{"kind":"A","b":{"c":{"e":"kept"}}}`, "A"},
		{"an object of another kind keeps the same keys",
			"kind: B\na: 1\n", `{"kind":"B","a":1}`, "B"},
		{"a key of the same name deeper in the object is kept",
			"kind: A\nx:\n  a: 1\n  b:\n    c:\n      d: 2\n", `{"kind":"A","x":{"a":1,"b":{"c":{"d":2}}}}`, "A"},
		{"a path without [] does not go through a sequence",
			"kind: A\nb:\n- c:\n    d: 1\n", `{"kind":"A","b":[{"c":{"d":1}}]}`, "A"},
		{"an object whose kind comes after a pruned key is converted whole",
			"a: 1\nkind: A\nb:\n  c:\n    d: 2\n", `{"a":1,"kind":"A","b":{"c":{"d":2}}}`, ""},
		{"an object whose kind comes after other keys is pruned",
			"apiVersion: v1\nmetadata:\n  name: x\nkind: A\na: 1\n", `{"apiVersion":"v1","metadata":{"name":"x"},"kind":"A"}`, "A"},
		{"a kind that is not a string prunes nothing",
			"kind: 1\na: 1\n", `{"kind":1,"a":1}`, ""},
		{"the items of a List are pruned by their own kind",
			"items:\n- kind: A\n  a: 1\n- kind: B\n  a: 2\n- a: 3\n  kind: A\nkind: List\n",
			`{"items":[{"kind":"A"},{"kind":"B","a":2},{"a":3,"kind":"A"}],"kind":"List"}`, "List"},
		{"only the root's items are objects",
			"kind: B\nspec:\n  items:\n  - kind: A\n    a: 1\n", `{"kind":"B","spec":{"items":[{"kind":"A","a":1}]}}`, "B"},
		{"a pruned value may be inline",
			"kind: A\na: \"multi\n  line\"\nb: 1\n", `{"kind":"A","b":1}`, "A"},
		{"a multi-line quoted scalar in a pruned value is followed to its end",
			"kind: A\na:\n  m: \"one\n\n    two: three\n   \\\" four\"\n  n: 'it''s\n    x'\nb: 1\n", `{"kind":"A","b":1}`, "A"},
		{"a plain scalar's text is passed over even where it looks like a quote",
			"kind: A\na:\n  m: text\n    \"more\n  n: 'x'\nb: \"y\"\n", `{"kind":"A","b":"y"}`, "A"},
		{"a plain scalar on its own line is passed over the same way",
			"kind: A\na:\n  m:\n    text\n   \"more\nb: \"y\"\n", `{"kind":"A","b":"y"}`, "A"},
		{"a block scalar's text is passed over unread",
			"kind: A\na:\n  s: |\n    {\"x\": [\n    &anchor *alias !tag\n    \"open\n  t:\n  - |-\n    - entries\n  u: >\n    'folded\nb: 1\n", `{"kind":"A","b":1}`, "A"},
		{"an indentless sequence under a pruned key is passed over",
			"kind: A\na:\n- x\n- \"y\n  z\"\n- - |\n    t\nb: 1\n", `{"kind":"A","b":1}`, "A"},
		{"a path through a sequence drops the key in each mapping entry",
			"kind: A\nl:\n- e: 1\n  x: 2\n- x: 3\n- e:\n  - 4\n", `{"kind":"A","l":[{"x":2},{"x":3},{}]}`, "A"},
		{"an indented sequence is gone through the same way",
			"kind: A\nl:\n  - x: 1\n    e:\n      y: 2\n  -   e: 3\n      x: 4\n", `{"kind":"A","l":[{"x":1},{"x":4}]}`, "A"},
		{"a sequence under a mapping key of the path is gone through",
			"kind: A\nm:\n  k:\n  - e: 1\n    z: 2\n  j: 3\n", `{"kind":"A","m":{"k":[{"z":2}],"j":3}}`, "A"},
		{"entries that are not mappings are kept",
			"kind: A\nl:\n- e\n- []\n-\n- - e: 1\n- {}\n", `{"kind":"A","l":["e",[],null,[{"e":1}],{}]}`, "A"},
		{"a mapping where the path wants a sequence is kept",
			"kind: A\nl:\n  e: 1\n", `{"kind":"A","l":{"e":1}}`, "A"},
		{"a sequence where the path wants a mapping is kept",
			"kind: A\nm:\n- k:\n  - e: 1\n", `{"kind":"A","m":[{"k":[{"e":1}]}]}`, "A"},
		{"an empty flow sequence is kept", "kind: A\nl: []\nm:\n  k: []\n", `{"kind":"A","l":[],"m":{"k":[]}}`, "A"},
		{"a key of the path's name at another depth is kept",
			"kind: A\ne: 1\nx:\n  l:\n  - e: 2\nl:\n- x:\n    e: 3\n  z:\n  - e: 4\n", `{"kind":"A","e":1,"x":{"l":[{"e":2}]},"l":[{"x":{"e":3},"z":[{"e":4}]}]}`, "A"},
		{"a key spelt [] is not a sequence's entries",
			"kind: A\nl:\n  \"[]\":\n    e: 1\n", `{"kind":"A","l":{"[]":{"e":1}}}`, "A"},
		{"nested sequences are gone through one [] each",
			"kind: A\nw:\n- - f: 1\n    g: 2\n  - f: 3\n- f: 4\n", `{"kind":"A","w":[[{"g":2},{}],{"f":4}]}`, "A"},
		{"a multi-line value pruned in an entry is followed to its end",
			"kind: A\nl:\n- e: \"a\n    b\"\n  x: 1\n- e: |\n    - t\n  x: 2\n", `{"kind":"A","l":[{"x":1},{"x":2}]}`, "A"},
		{"the items of a List are pruned through their sequences by their own kind",
			"items:\n- kind: A\n  l:\n  - e: 1\n    x: 2\n- kind: B\n  l:\n  - e: 1\nkind: List\n",
			`{"items":[{"kind":"A","l":[{"x":2}]},{"kind":"B","l":[{"e":1}]}],"kind":"List"}`, "List"},
		{"an anchor in a value pruned in an entry is refused", "kind: A\nl:\n- e:\n    x: &y 1\n", "", ""},
		{"an anchor in a pruned value is refused", "kind: A\na:\n  x: &y 1\nb: 2\n", "", ""},
		{"an alias in a pruned value is refused", "kind: A\na:\n  x: *y\n", "", ""},
		{"a flow collection with content in a pruned value is refused", "kind: A\na:\n  x: [1,\n  2]\n", "", ""},
		{"a quoted scalar continued without indentation is refused", "kind: A\na:\n  x: \"y\n  z\"\nb: 1\n", "", ""},
		{"an unterminated quoted scalar in a pruned value is refused", "kind: A\na:\n  x: \"y\n", "", ""},
		{"a scalar where no node can start is refused", "kind: A\na:\n  x: 'y'\n    \"z\"\n", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var lay Layout
			out, err := AppendJSONLayout(nil, []byte(tc.in), opts, &lay)
			if tc.want == "" {
				if !errors.Is(err, ErrUnsupported) {
					t.Fatalf("got %s, %v; want ErrUnsupported", out, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tc.want {
				t.Errorf("got  %s\nwant %s", out, tc.want)
			}
			if lay.Root.PrunedAs != tc.pruned {
				t.Errorf("PrunedAs %q, want %q", lay.Root.PrunedAs, tc.pruned)
			}
			if err := differ([]byte(tc.in), opts); err != nil {
				t.Errorf("differential: %v", err)
			}
		})
	}
}

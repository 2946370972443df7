package typed

import (
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// candidate is a field found while walking a struct and its embedded
// structs, before names are de-duplicated.
type candidate struct {
	name   string
	index  []int
	typ    reflect.Type
	tagged bool
}

// buildFields lists the JSON fields of struct plan p following the rules
// encoding/json documents: embedded structs without a tag name are walked
// breadth first (a type once per walk), a field's name is its tag name or
// Go name, and when a name occurs more than once the shallowest field wins,
// then the tagged one; a tie drops the name altogether.
func buildFields(p *plan, building map[reflect.Type]*plan) {
	var found []candidate
	refuse := false
	type level struct {
		typ   reflect.Type
		index []int
		twice bool // the type is embedded more than once at this depth
	}
	next := []level{{typ: p.typ}}
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current := next
		next = nil
		seen := map[reflect.Type]int{}
		for _, lv := range current {
			if visited[lv.typ] {
				continue
			}
			visited[lv.typ] = true
			for i := 0; i < lv.typ.NumField(); i++ {
				sf := lv.typ.Field(i)
				if sf.Anonymous {
					t := sf.Type
					if t.Kind() == reflect.Pointer {
						t = t.Elem()
					}
					if !sf.IsExported() && t.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !validTagName(name) {
					name = ""
				}
				if slices.Contains(strings.Split(opts, ","), "string") {
					refuse = true
				}
				index := append(slices.Clone(lv.index), i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if sf.Anonymous && sf.Type.Kind() == reflect.Pointer {
					refuse = true // promoted through a pointer: not reproduced
				}
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					c := candidate{name: name, index: index, typ: sf.Type, tagged: name != ""}
					if c.name == "" {
						c.name = sf.Name
					}
					found = append(found, c)
					if lv.twice {
						found = append(found, c) // forces a tie, as encoding/json does
					}
					continue
				}
				seen[ft]++
				if seen[ft] == 1 {
					next = append(next, level{typ: ft, index: index})
				}
			}
		}
		for k := range next {
			next[k].twice = seen[next[k].typ] > 1
		}
	}
	if refuse {
		p.kind = kindRefuse
		return
	}
	p.fields, p.exact, p.folded = nil, map[string]int{}, map[string]int{}
	for _, c := range dominantFields(found) {
		for _, r := range c.name {
			if r >= 0x80 {
				// encoding/json folds these with Unicode rules this
				// package does not reproduce.
				p.kind = kindRefuse
				return
			}
		}
		i := len(p.fields)
		p.fields = append(p.fields, field{name: c.name, index: c.index, plan: build(c.typ, building)})
		p.exact[c.name] = i
		if _, ok := p.folded[lowerASCII(c.name)]; !ok {
			p.folded[lowerASCII(c.name)] = i
		}
	}
}

// dominantFields keeps, for each name, the field that hides the others,
// and returns them in declaration order.
func dominantFields(found []candidate) []candidate {
	slices.SortStableFunc(found, func(a, b candidate) int {
		if a.name != b.name {
			return strings.Compare(a.name, b.name)
		}
		if len(a.index) != len(b.index) {
			return len(a.index) - len(b.index)
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	var out []candidate
	for i := 0; i < len(found); {
		j := i + 1
		for j < len(found) && found[j].name == found[i].name {
			j++
		}
		group := found[i:j]
		if len(group) == 1 || len(group[0].index) != len(group[1].index) || group[0].tagged != group[1].tagged {
			out = append(out, group[0])
		}
		i = j
	}
	slices.SortFunc(out, func(a, b candidate) int { return slices.Compare(a.index, b.index) })
	return out
}

// validTagName is encoding/json's rule for a usable tag name.
func validTagName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

package typed

import (
	"encoding"
	"encoding/json"
	"reflect"
	"sync"
)

type kind uint8

const (
	kindRefuse kind = iota // anything this package does not reproduce
	kindRaw                // json.RawMessage: the bytes, copied as they are
	kindUnmarshaler
	kindPointer
	kindStruct
	kindSlice
	kindMap
	kindInterface
	kindString
	kindBool
	kindInt
	kindUint
	kindFloat
)

// plan is how to decode into one Go type.
type plan struct {
	kind kind
	typ  reflect.Type
	elem *plan // pointer target, slice element, map value

	fields []field
	exact  map[string]int // field index by name
	folded map[string]int // field index by ASCII-lower-cased name, first declared wins
}

// field is one JSON-visible field of a struct, possibly promoted from an
// embedded struct.
type field struct {
	name  string
	index []int
	plan  *plan
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	rawMessageType      = reflect.TypeFor[json.RawMessage]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

	plansMu sync.Mutex
	plans   sync.Map // reflect.Type -> *plan
)

// planFor returns the cached plan for t, building it (and the plans of the
// types it holds) on first use.
func planFor(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	plansMu.Lock()
	defer plansMu.Unlock()
	building := map[reflect.Type]*plan{}
	p := build(t, building)
	for typ, bp := range building {
		plans.Store(typ, bp)
	}
	return p
}

// build makes the plan for t. Plans under construction are registered in
// building first so that recursive types terminate.
func build(t reflect.Type, building map[reflect.Type]*plan) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	if p, ok := building[t]; ok {
		return p
	}
	p := &plan{typ: t}
	building[t] = p
	pt := reflect.PointerTo(t)
	switch {
	case t == rawMessageType:
		p.kind = kindRaw
		return p
	case t.Kind() != reflect.Pointer && pt.Implements(unmarshalerType):
		p.kind = kindUnmarshaler
		return p
	case t.Kind() != reflect.Pointer && pt.Implements(textUnmarshalerType):
		return p // kindRefuse
	}
	switch t.Kind() {
	case reflect.Pointer:
		if t.Implements(unmarshalerType) && !t.Elem().Implements(unmarshalerType) && !reflect.PointerTo(t.Elem()).Implements(unmarshalerType) {
			return p // a method on the pointer type itself: not reproduced
		}
		p.kind, p.elem = kindPointer, build(t.Elem(), building)
	case reflect.Struct:
		p.kind = kindStruct
		buildFields(p, building)
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 { // []byte is base64 in encoding/json
			p.kind, p.elem = kindSlice, build(t.Elem(), building)
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !reflect.PointerTo(t.Key()).Implements(textUnmarshalerType) {
			p.kind, p.elem = kindMap, build(t.Elem(), building)
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			p.kind = kindInterface
		}
	case reflect.String:
		p.kind = kindString
	case reflect.Bool:
		p.kind = kindBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind = kindInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		p.kind = kindUint
	case reflect.Float32, reflect.Float64:
		p.kind = kindFloat
	}
	return p
}

package typed

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// object decodes a JSON object into struct v.
func (d *decoder) object(p *plan, v reflect.Value) error {
	d.pos++ // '{'
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return nil
	}
	for {
		key, err := d.key()
		if err != nil {
			return err
		}
		i, ok := p.exact[string(key)]
		if !ok {
			i, ok = p.folded[string(d.lower(key))]
		}
		if ok {
			f := &p.fields[i]
			fv := v.Field(f.index[0])
			for _, x := range f.index[1:] {
				fv = fv.Field(x)
			}
			err = d.value(f.plan, fv)
		} else {
			err = d.skip()
		}
		if err != nil {
			return err
		}
		if done, err := d.next('}'); done || err != nil {
			return err
		}
	}
}

// mapping decodes a JSON object into map v.
func (d *decoder) mapping(p *plan, v reflect.Value) error {
	d.pos++ // '{'
	if v.IsNil() {
		v.Set(reflect.MakeMap(p.typ))
	}
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return nil
	}
	keyType := p.typ.Key()
	elem := reflect.New(p.typ.Elem()).Elem()
	for {
		key, err := d.key()
		if err != nil {
			return err
		}
		k := reflect.ValueOf(intern(key))
		if k.Type() != keyType {
			k = k.Convert(keyType)
		}
		elem.SetZero()
		if err := d.value(p.elem, elem); err != nil {
			return err
		}
		v.SetMapIndex(k, elem)
		if done, err := d.next('}'); done || err != nil {
			return err
		}
	}
}

// array decodes a JSON array into slice v. Slices of large elements are
// made at their exact length, counted first: growing them by doubling, as
// encoding/json does, leaves up to half of each unused and copies the rest
// on the way (the values are the same either way). Counting smaller
// elements costs more time than it saves memory (measured: 10% slower for
// 1% less heap), and a List's json.RawMessage items are short-lived.
func (d *decoder) array(p *plan, v reflect.Value) error {
	d.pos++ // '['
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		v.Set(reflect.MakeSlice(p.typ, 0, 0))
		return nil
	}
	if v.Len() == 0 && p.elem.kind != kindRaw && p.typ.Elem().Size() >= countElemSize {
		if n, ok := d.count(); ok {
			v.Set(reflect.MakeSlice(p.typ, 0, n))
		}
	}
	for n := 0; ; n++ {
		if n >= v.Cap() {
			v.Grow(1)
		}
		v.SetLen(n + 1)
		if err := d.value(p.elem, v.Index(n)); err != nil {
			return err
		}
		if done, err := d.next(']'); done || err != nil {
			return err
		}
	}
}

// countElemSize is the element size from which counting first pays.
const countElemSize = 64

// count returns the number of elements of the array whose first element
// starts at d.pos, leaving d.pos where it was.
func (d *decoder) count() (int, bool) {
	start := d.pos
	defer func() { d.pos = start }()
	for n := 1; ; n++ {
		if d.skip() != nil || d.pos >= len(d.data) {
			return 0, false
		}
		switch d.data[d.pos] {
		case ']':
			return n, true
		case ',':
			d.pos++
		default:
			return 0, false
		}
	}
}

// next consumes ',' (more to come) or the closing byte (done).
func (d *decoder) next(closing byte) (done bool, err error) {
	if d.pos >= len(d.data) {
		return false, d.refuse("unexpected end")
	}
	switch d.data[d.pos] {
	case ',':
		d.pos++
		return false, nil
	case closing:
		d.pos++
		return true, nil
	}
	return false, d.refuse("expected ',' or a closing bracket")
}

// key reads an object key and its ':'.
func (d *decoder) key() ([]byte, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return nil, d.refuse("expected a key")
	}
	k, err := d.strBytes()
	if err != nil {
		return nil, err
	}
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return nil, d.refuse("expected ':'")
	}
	d.pos++
	return k, nil
}

// lower returns key lower-cased for the folded-name lookup, in a buffer
// reused by the next call.
func (d *decoder) lower(key []byte) []byte {
	b := d.lbuf[:0]
	for _, c := range key {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// unmarshaler hands the value at d.pos to v's UnmarshalJSON, as the bytes
// encoding/json would have handed it after sigs.k8s.io/yaml's json.Marshal:
// sorted keys and its string escaping. The bytes are the method's own.
func (d *decoder) unmarshaler(v reflect.Value) error {
	start := d.pos
	if err := d.skip(); err != nil {
		return err
	}
	raw, err := canonical(d.data[start:d.pos])
	if err != nil {
		return d.refuse("cannot re-encode a value: " + err.Error())
	}
	if err := v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
		return d.refuse(err.Error())
	}
	return nil
}

// canonical returns a fresh copy of raw as encoding/json.Marshal writes
// the same value. Numbers and keywords already are; strings are unless
// they hold an escape or a character Marshal escapes; objects and arrays
// are re-encoded.
func canonical(raw []byte) ([]byte, error) {
	switch raw[0] {
	case '{', '[':
	case '"':
		if !bytes.ContainsAny(raw[1:len(raw)-1], "\\<>&\u2028\u2029") {
			return bytes.Clone(raw), nil
		}
	default:
		return bytes.Clone(raw), nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, err
	}
	return json.Marshal(x)
}

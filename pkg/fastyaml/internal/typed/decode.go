package typed

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
)

// ErrRefused is wrapped by every error of this package. Whatever the cause
// (a type mismatch encoding/json would also report, or a case this package
// does not reproduce), the caller's answer is the same: decode again the
// slow way.
var ErrRefused = errors.New("typed decode refused")

type decoder struct {
	data []byte
	pos  int
	lbuf [64]byte // lower-cased key for the case-insensitive lookup
}

func (d *decoder) refuse(what string) error {
	return fmt.Errorf("%w: %s at byte %d", ErrRefused, what, d.pos)
}

// Unmarshal decodes data into the zero value v points to. json.RawMessage
// values share data's memory (encoding/json copies them): data must not
// change while they are in use.
func Unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("%w: target is not a non-nil pointer", ErrRefused)
	}
	d := decoder{data: data}
	if err := d.value(planFor(rv.Type().Elem()), rv.Elem()); err != nil {
		return err
	}
	if d.pos != len(d.data) {
		return d.refuse("data after the value")
	}
	return nil
}

// value decodes the value at d.pos into v, which is addressable.
func (d *decoder) value(p *plan, v reflect.Value) error {
	if d.pos >= len(d.data) {
		return d.refuse("unexpected end")
	}
	c := d.data[d.pos]
	switch p.kind {
	case kindRaw:
		start := d.pos
		if err := d.skip(); err != nil {
			return err
		}
		v.SetBytes(d.data[start:d.pos:d.pos]) // shared with data: see Unmarshal
		return nil
	case kindUnmarshaler:
		return d.unmarshaler(v)
	case kindPointer:
		if c == 'n' {
			v.SetZero()
			return d.literal("null")
		}
		if v.IsNil() {
			v.Set(reflect.New(p.typ.Elem()))
		}
		return d.value(p.elem, v.Elem())
	case kindStruct:
		switch c {
		case '{':
			return d.object(p, v)
		case 'n':
			return d.literal("null")
		}
	case kindSlice:
		switch c {
		case '[':
			return d.array(p, v)
		case 'n':
			v.SetZero()
			return d.literal("null")
		}
	case kindMap:
		switch c {
		case '{':
			return d.mapping(p, v)
		case 'n':
			v.SetZero()
			return d.literal("null")
		}
	case kindInterface:
		x, err := d.generic()
		if err != nil {
			return err
		}
		if x == nil {
			v.SetZero()
		} else {
			v.Set(reflect.ValueOf(x))
		}
		return nil
	case kindString:
		switch c {
		case '"':
			s, err := d.str()
			if err != nil {
				return err
			}
			v.SetString(s)
			return nil
		case 'n':
			return d.literal("null")
		}
	case kindBool:
		switch c {
		case 't':
			v.SetBool(true)
			return d.literal("true")
		case 'f':
			v.SetBool(false)
			return d.literal("false")
		case 'n':
			return d.literal("null")
		}
	case kindInt, kindUint, kindFloat:
		if c == 'n' {
			return d.literal("null")
		}
		if c == '-' || (c >= '0' && c <= '9') {
			return d.number(p, v)
		}
	}
	return d.refuse("value of another type than " + p.typ.String())
}

// literal consumes the keyword w.
func (d *decoder) literal(w string) error {
	if len(d.data)-d.pos < len(w) || string(d.data[d.pos:d.pos+len(w)]) != w {
		return d.refuse("bad literal")
	}
	d.pos += len(w)
	return nil
}

// number parses a number into an int, uint or float value with the strconv
// calls and overflow checks of encoding/json.
func (d *decoder) number(p *plan, v reflect.Value) error {
	start := d.pos
	for d.pos < len(d.data) && numberByte[d.data[d.pos]] {
		d.pos++
	}
	s := d.data[start:d.pos]
	if !validNumber(s) {
		return d.refuse("bad number")
	}
	switch p.kind {
	case kindInt:
		if n, ok := smallInt(s); ok && !v.OverflowInt(n) {
			v.SetInt(n)
			return nil
		}
		n, err := strconv.ParseInt(string(s), 10, 64)
		if err != nil || v.OverflowInt(n) {
			return d.refuse("number does not fit " + p.typ.String())
		}
		v.SetInt(n)
	case kindUint:
		n, err := strconv.ParseUint(string(s), 10, 64)
		if err != nil || v.OverflowUint(n) {
			return d.refuse("number does not fit " + p.typ.String())
		}
		v.SetUint(n)
	default:
		f, err := strconv.ParseFloat(string(s), p.typ.Bits())
		if err != nil || v.OverflowFloat(f) {
			return d.refuse("number does not fit " + p.typ.String())
		}
		v.SetFloat(f)
	}
	return nil
}

var numberByte = func() (t [256]bool) {
	for _, c := range "0123456789+-.eE" {
		t[c] = true
	}
	return t
}()

// smallInt parses a plain decimal of up to 18 digits without strconv.
func smallInt(s []byte) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

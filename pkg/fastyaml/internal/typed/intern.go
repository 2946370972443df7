package typed

import (
	"hash/maphash"
	"sync/atomic"
)

// Decoded objects repeat many short strings: label keys and values, image
// names, mount paths, "TCP", "IfNotPresent". Sharing one copy of each
// saves a large part of a loaded snapshot's memory and most string
// allocations. The table is fixed-size and lock-free: a slot keeps the
// last string that hashed to it, so memory stays bounded whatever is
// decoded, and a collision only costs an allocation. Strings are
// immutable, so sharing them changes no value.
const (
	internSlots  = 1 << 16
	internMaxLen = 96 // longer strings (messages, JSON annotations) rarely repeat
)

var (
	internSeed  = maphash.MakeSeed()
	internTable [internSlots]atomic.Pointer[string]
)

// intern returns b as a string, shared with earlier equal ones when the
// table holds one.
func intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > internMaxLen {
		return string(b)
	}
	slot := &internTable[maphash.Bytes(internSeed, b)&(internSlots-1)]
	if p := slot.Load(); p != nil && *p == string(b) {
		return *p
	}
	s := string(b)
	slot.Store(&s)
	return s
}

// Package typed decodes JSON into Go values with encoding/json's semantics,
// fast, for the JSON that fastyaml writes: compact, valid UTF-8, ASCII
// object keys, no duplicate keys.
//
// encoding/json validates its whole input first and then walks it again
// with a byte-at-a-time state machine; that is most of the cost of
// sigs.k8s.io/yaml's second half. This decoder reads the bytes once, with
// per-type plans built by reflection and cached.
//
// What it reproduces, because sigs.k8s.io/yaml gets it from encoding/json:
// field names from json tags with encoding/json's rules for embedded
// structs (shallowest wins, then the tagged one, else neither); exact key
// match first, then ASCII case-insensitive, first declared field winning;
// unknown keys ignored; null leaving non-nullable values alone and setting
// pointers, maps, slices and interfaces to nil; [] and {} giving empty,
// non-nil slices and maps; json.Unmarshaler called with the bytes
// encoding/json would pass, null included (json.RawMessage excepted: it
// gets the bytes as they are, shared with the input, since whoever reads
// it decodes them again, to the same values); numbers parsed by strconv with
// overflow checks. What it does not do it refuses with an error rather than
// guess: any type mismatch (where sigs.k8s.io/yaml converts a number or a
// bool to a string, or encoding/json reports an error), encoding.
// TextUnmarshaler, []byte, arrays, non-string map keys, non-empty
// interfaces, embedded pointers and ",string" options. Callers fall back to
// sigs.k8s.io/yaml on any error, so a refusal costs time, never
// correctness.
//
// The target must be a pointer to a zero value: decoding into a value that
// already holds data is not reproduced. The input is trusted to be valid
// JSON: values skipped as unknown fields are not validated.
package typed

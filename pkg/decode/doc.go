// Package decode is the stage of the loader that turns the bytes of one file
// into typed Kubernetes and OpenShift objects. It knows nothing about paths,
// archives or de-duplication: the loader hands it one file at a time, from
// several goroutines at once.
//
// The Decoder interface is the seam where a faster parser plugs in, whole
// (a Decoder of its own, set in loader.Options.Decoder) or in part (Staged,
// replacing only the YAML-to-JSON and JSON-to-struct steps). YAML, built on
// sigs.k8s.io/yaml, stays the reference any other implementation must agree
// with; the tests of this package and its fuzz target state that contract.
package decode

// Package decode is the stage of the loader that turns the bytes of one file
// into typed Kubernetes and OpenShift objects. It knows nothing about paths,
// archives or de-duplication: the loader hands it one file at a time, from
// several goroutines at once.
//
// The Decoder interface is the seam where a faster parser plugs in; YAML, the
// baseline built on sigs.k8s.io/yaml, stays the reference that any other
// implementation must agree with.
package decode

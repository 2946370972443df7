// Package snapshot holds the read-only, indexed view of one cluster that the
// loader builds and the checks consume. It imports no file or archive code, so
// the same checks can run over objects from a must-gather, CI artifacts or a
// live cluster.
package snapshot

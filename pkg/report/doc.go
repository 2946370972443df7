// Package report renders a snapshot summary and check results as the
// documented outputs: inspect JSON/text, analyze JSON, JUnit and markdown.
// Writers take an io.Writer and never touch the clock or the file system.
package report

// SchemaVersion is the version of the JSON documents. Bump it only when a
// field is renamed or removed; adding fields keeps it.
const SchemaVersion = 1

package report

import (
	"bytes"
	"io"

	"sigs.k8s.io/yaml"
)

// YAML writes what write writes as JSON, as YAML: `-o yaml` is the same
// document as `-o json`, field for field, as kubectl's is.
func YAML(w io.Writer, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	y, err := yaml.JSONToYAML(b.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(y)
	return err
}

package decode

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// jsonError words an error of encoding/json (or of a decoder that returns
// the same errors) for the problem list: the field, what it must hold and
// what it held, without the Go type names that mean nothing to a user
// ("decode.header", "[]json.RawMessage"). Other errors pass unchanged.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err
	}
	found := valueWords(te.Value)
	field := strings.TrimPrefix(te.Field, ".")
	if field == "" {
		// The value itself: an item or document that is not an object.
		if want := typeWords(te.Type); want != "an object" {
			return fmt.Errorf("want %s, found %s", want, found)
		}
		return fmt.Errorf("not a Kubernetes object: found %s", found)
	}
	return fmt.Errorf("field %s: want %s, found %s", field, typeWords(te.Type), found)
}

// valueWords names a JSON value as encoding/json describes it ("number",
// "number -3", "string", "bool", "array", "object").
func valueWords(v string) string {
	kind, detail, _ := strings.Cut(v, " ")
	var s string
	switch kind {
	case "number":
		s = "a number"
	case "string":
		s = "a string"
	case "bool":
		s = "true or false"
	case "array":
		s = "a list"
	case "object":
		s = "an object"
	default:
		return v
	}
	if detail != "" {
		s += " (" + detail + ")"
	}
	return s
}

// typeWords names what a Go type accepts, in JSON terms.
func typeWords(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	default:
		return "an object"
	}
}

// validate refuses what the API server would never have stored, so that it
// cannot read as compliance downstream: a negative replica count, which a
// check would otherwise report as "runs -3 replicas" or count as scaled to
// zero. The object is then a problem of its file, as an undecodable one is.
func validate(obj runtime.Object) error {
	var replicas *int32
	switch o := obj.(type) {
	case *appsv1.Deployment:
		replicas = o.Spec.Replicas
	case *appsv1.StatefulSet:
		replicas = o.Spec.Replicas
	case *appsv1.ReplicaSet:
		replicas = o.Spec.Replicas
	}
	if replicas != nil && *replicas < 0 {
		return fmt.Errorf("field spec.replicas: %d is negative", *replicas)
	}
	return nil
}

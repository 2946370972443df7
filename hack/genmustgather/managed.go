package main

import (
	"encoding/json"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// managedFields builds the server-side-apply bookkeeping of obj as an API
// server writes it from 4.10 on: a field set ("f:name", list items keyed
// "k:{...}" by their merge key, "." for a set that is itself owned) split
// between the manager that created the object and the kubelet or
// controller that writes its status.
func (c *cluster) managedFields(obj any, creator string) ([]metav1.ManagedFieldsEntry, error) {
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	status := m["status"]
	for _, k := range []string{"status", "apiVersion", "kind"} {
		delete(m, k)
	}
	if md, ok := m["metadata"].(map[string]any); ok {
		for _, k := range []string{"name", "namespace", "uid", "resourceVersion", "creationTimestamp", "managedFields"} {
			delete(md, k)
		}
	}
	spec, err := fieldsV1(m)
	if err != nil {
		return nil, err
	}
	entries := []metav1.ManagedFieldsEntry{{Manager: creator, Operation: metav1.ManagedFieldsOperationUpdate,
		APIVersion: "v1", Time: ptr(c.at(5)), FieldsType: "FieldsV1", FieldsV1: spec}}
	if status != nil {
		st, err := fieldsV1(map[string]any{"status": status})
		if err != nil {
			return nil, err
		}
		entries = append(entries, metav1.ManagedFieldsEntry{Manager: "kubelet", Operation: metav1.ManagedFieldsOperationUpdate,
			APIVersion: "v1", Time: ptr(c.at(710)), FieldsType: "FieldsV1", Subresource: "status", FieldsV1: st})
	}
	return entries, nil
}

func fieldsV1(v map[string]any) (*metav1.FieldsV1, error) {
	set, err := fieldSet(v)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(set)
	if err != nil {
		return nil, err
	}
	return metav1.NewFieldsV1(string(raw)), nil
}

// fieldSet turns a JSON value into its field set. "." (the set owns the
// value itself) goes on list items and on maps of plain values such as
// labels, as the API server writes it.
func fieldSet(v any) (map[string]any, error) {
	out := map[string]any{}
	switch t := v.(type) {
	case map[string]any:
		plain := true
		for k, child := range t {
			set, err := fieldSet(child)
			if err != nil {
				return nil, err
			}
			out["f:"+k] = set
			if _, ok := child.(map[string]any); ok {
				plain = false
			}
		}
		if plain && len(t) > 0 {
			out["."] = map[string]any{}
		}
	case []any:
		for _, item := range t {
			key, ok, err := itemKey(item)
			if err != nil {
				return nil, err
			}
			if !ok {
				return map[string]any{}, nil // an atomic list: owned whole
			}
			set, err := fieldSet(item)
			if err != nil {
				return nil, err
			}
			set["."] = map[string]any{}
			out[key] = set
		}
	}
	return out, nil
}

// itemKey names a list item by its merge key, as the API server does. A
// list of scalars, or of objects without one of the usual merge keys (such
// as a node's images), is atomic: ok is false.
func itemKey(item any) (key string, ok bool, err error) {
	obj, isObj := item.(map[string]any)
	if !isObj {
		return "", false, nil
	}
	for _, name := range []string{"name", "type", "containerPort", "mountPath", "key", "ip"} {
		if v, found := obj[name]; found {
			b, err := json.Marshal(map[string]any{name: v})
			return "k:" + string(b), true, err
		}
	}
	return "", false, nil
}

package vendorlists

import (
	"reflect"
	"strconv"
)

// visitStrings calls fn for every string reachable from v, with its field
// path and the name of the struct field that holds it.
func visitStrings(v reflect.Value, path, field string, fn func(path, field, s string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			visitStrings(v.Elem(), path, field, fn)
		}
	case reflect.String:
		fn(path, field, v.String())
	case reflect.Slice:
		for i := range v.Len() {
			visitStrings(v.Index(i), path+"["+strconv.Itoa(i)+"]", field, fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Name == "SHA256" || f.Name == "Origin" {
				continue
			}
			visitStrings(v.Field(i), path+"."+f.Name, f.Name, fn)
		}
	}
}

// citedSources returns every id in a Sources []string field, by path.
func citedSources(l *List) map[string][]string {
	out := map[string][]string{}
	visitStrings(reflect.ValueOf(l), "list", "", func(path, field, s string) {
		if field == "Sources" {
			out[s] = append(out[s], path)
		}
	})
	return out
}

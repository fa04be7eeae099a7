package request

import (
	"math/bits"
	"reflect"
	"strconv"
	"strings"

	"github.com/gorilla/schema"
)

// formTable is the fast path of decodeForm: it fills a struct from the
// query and form keys as gorilla/schema's Decode would, without schema.
// It exists for speed: schema, on every Decode, splits and resolves each
// key anew ((*cache).parsePath, strings.Split), probes each field it sets
// for encoding.TextUnmarshaler with a reflect.New, and walks the struct for
// defaults and required fields. On the 10-field Signup form of the bench
// corpus, Bind made 105 allocations (4.2 KB) and took 2.35 times as long as
// the plain net/http handler with schema; with this path it makes 32
// (2.7 KB) and takes 1.25 times as long.
//
// It takes a struct type only when every field that schema would find is
// one of:
//
//   - an exported field of type B, *B, []B, *[]B, []*B or *[]*B, where B is a
//     type of kind string, bool, int, int8-int64, uint, uint8-uint64, float32
//     or float64 that is not an encoding.TextUnmarshaler (nor is its
//     pointer, nor the slice type), the pointer types are unnamed, and the
//     B of []*B is the predeclared type itself (schema panics on a named one);
//   - an unexported field of a type whose base (what is left once a
//     pointer, a slice and an array are stripped, as schema does) is of
//     one of those kinds, TextUnmarshaler or not: schema matches its name
//     but never sets it;
//
// with no anonymous (embedded) field, no field named "_", no schema tag
// option "required" or "default:...", and at most 64 fields. Fields tagged
// schema:"-", and fields whose base type is none of those kinds nor a
// struct (maps, funcs, channels, interfaces, [][]T...), are left out as
// schema leaves them out: their keys are unknown. A type with any other
// field (a struct, a time.Time, an array, a **T...) gets no table.
//
// It takes a request only when every key is flat (no '.') and no two keys
// name the same field (schema matches names case-insensitively and then
// applies the keys in map order, so that "age=1&AGE=2" gives either).
// Everything else goes through schema, whose behaviour this reproduces
// exactly: the same field for a key (the first field whose alias, its
// schema tag name or else its Go name, equals the key under
// strings.EqualFold), the last value of a repeated key for a single field,
// nothing for an empty value (ZeroEmpty is off, but a nil pointer field is
// still allocated), "on" as true besides what strconv.ParseBool takes,
// base-10 integers with their bit size, a non-nil empty slice when every
// value is empty, a value that does not convert split on commas for a
// slice of non-strings, and the same schema.ConversionError and
// schema.UnknownKeyError values for decodeForm to report.
type formTable struct {
	fields []formField    // the fields schema finds, in its order
	exact  map[string]int // an alias -> the index in fields that schema matches for that key
}

// formField is one field of a formTable.
type formField struct {
	alias   string
	index   int          // in the struct; -1 for an unexported field, which schema never sets
	typ     reflect.Type // the field's type, pointer removed: what a ConversionError names for a single value
	elem    reflect.Type // for a slice, its element type, pointer removed: what a ConversionError names
	kind    reflect.Kind // of the single value or of the element
	bits    int          // bit size for strconv
	ptr     bool         // the field is a pointer to typ
	slice   bool
	elemPtr bool // the slice's elements are pointers to elem
}

// newFormTable returns the formTable of struct type t, or nil when the fast
// path cannot take t (see formTable).
func newFormTable(t reflect.Type) *formTable {
	if t.NumField() > 64 {
		return nil // decode keeps the fields it has seen in a uint64
	}
	ft := &formTable{exact: make(map[string]int)}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		// schema allocates nil embedded pointers on every Decode and
		// promotes the fields of embedded structs.
		if sf.Anonymous || sf.Name == "_" {
			return nil
		}
		alias, options := schemaAlias(sf)
		if alias == "-" {
			continue
		}
		for _, o := range options {
			if o == "required" || strings.HasPrefix(o, "default:") {
				return nil
			}
		}
		switch base := schemaBase(sf.Type); {
		case base.Kind() == reflect.Struct:
			return nil
		case !isSchemaKind(base.Kind()):
			continue // schema has no converter for it and leaves it out
		}
		f := formField{alias: alias, index: -1}
		if sf.IsExported() {
			var ok bool
			if f, ok = simpleField(sf.Type); !ok {
				return nil
			}
			f.alias, f.index = alias, i
		}
		ft.fields = append(ft.fields, f)
	}
	for _, f := range ft.fields {
		if _, ok := ft.exact[f.alias]; !ok {
			ft.exact[f.alias] = ft.match(f.alias)
		}
	}
	return ft
}

// schemaAlias returns the name schema gives field sf and its tag options,
// as gorilla/schema's fieldAlias does.
func schemaAlias(sf reflect.StructField) (string, []string) {
	var alias string
	var options []string
	if tag := sf.Tag.Get("schema"); tag != "" {
		parts := strings.Split(tag, ",")
		alias, options = parts[0], parts[1:]
	}
	if alias == "" {
		alias = sf.Name
	}
	return alias, options
}

// schemaBase strips t as gorilla/schema's createField does before it looks
// for a converter: a pointer, then a slice and its pointer element, then an
// array and its pointer element.
func schemaBase(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Slice {
		t = t.Elem()
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
	}
	if t.Kind() == reflect.Array {
		t = t.Elem()
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
	}
	return t
}

// isSchemaKind reports whether gorilla/schema has a built-in converter for
// kind k: a string, a bool or a number (header and path fields take the
// same kinds).
func isSchemaKind(k reflect.Kind) bool {
	switch k {
	case reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// simpleField describes an exported field of type t for the fast path, or
// reports false when t is not one it takes.
func simpleField(t reflect.Type) (formField, bool) {
	var f formField
	if t.Kind() == reflect.Pointer {
		if t.Name() != "" {
			return f, false
		}
		f.ptr, t = true, t.Elem()
	}
	f.typ = t
	if t.Kind() == reflect.Slice {
		if isTextUnmarshaler(t) {
			return f, false
		}
		f.slice, t = true, t.Elem()
		if t.Kind() == reflect.Pointer {
			// schema sets a new *B from the converter's B, which panics
			// for a named B.
			if t.Name() != "" || t.Elem().PkgPath() != "" || t.Elem().Name() != t.Elem().Kind().String() {
				return f, false
			}
			f.elemPtr, t = true, t.Elem()
		}
		f.elem = t
	}
	if !isSchemaKind(t.Kind()) || isTextUnmarshaler(t) {
		return f, false
	}
	f.kind = t.Kind()
	if t.Kind() != reflect.String && t.Kind() != reflect.Bool {
		f.bits = t.Bits()
	}
	return f, true
}

// isTextUnmarshaler reports whether t or *t is an encoding.TextUnmarshaler,
// which schema would call instead of its converters (and whose failures
// typeMessage words as a format).
func isTextUnmarshaler(t reflect.Type) bool {
	return t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType)
}

// match returns the index in fields of the first field whose alias equals
// key under strings.EqualFold, as schema's structInfo.get finds it, or -1.
func (ft *formTable) match(key string) int {
	for i := range ft.fields {
		if strings.EqualFold(ft.fields[i].alias, key) {
			return i
		}
	}
	return -1
}

// lookup is match with the common case, a key that is an alias, first.
func (ft *formTable) lookup(key string) int {
	if i, ok := ft.exact[key]; ok {
		return i
	}
	return ft.match(key)
}

// formHit is a key that names a field, and its values.
type formHit struct {
	key    string
	values []string
}

// decode fills dst, a struct of the table's type, from src as schema's
// Decode would, and returns what Decode would: nil or a schema.MultiError.
// It leaves out the unknown keys unless unknown is set. It reports false,
// having changed nothing, when src has a key it does not take.
func (ft *formTable) decode(dst reflect.Value, src map[string][]string, unknown bool) (bool, error) {
	// A fixed array rather than a second pass over src: the lookups are
	// most of the cost.
	var hits [64]formHit
	var seen uint64
	unknowns := false
	for key, values := range src {
		if strings.IndexByte(key, '.') >= 0 {
			return false, nil
		}
		i := ft.lookup(key)
		if i < 0 {
			unknowns = true
			continue
		}
		if seen&(1<<i) != 0 {
			return false, nil
		}
		seen |= 1 << i
		hits[i] = formHit{key, values}
	}
	var errs schema.MultiError
	for rest := seen; rest != 0; rest &= rest - 1 {
		i := bits.TrailingZeros64(rest)
		f := &ft.fields[i]
		if f.index < 0 {
			continue
		}
		if err := f.set(dst.Field(f.index), hits[i].key, hits[i].values); err != nil {
			if errs == nil {
				errs = schema.MultiError{}
			}
			errs[hits[i].key] = err
		}
	}
	if unknown && unknowns {
		for key := range src {
			if ft.lookup(key) < 0 {
				if errs == nil {
					errs = schema.MultiError{}
				}
				errs[key] = schema.UnknownKeyError{Key: key}
			}
		}
	}
	if len(errs) > 0 {
		return true, errs
	}
	return true, nil
}

// set fills v, the field f, from the values of key, as schema's decode
// does.
func (f *formField) set(v reflect.Value, key string, values []string) error {
	if f.ptr {
		// schema allocates the pointer before it looks at the value.
		if v.IsNil() {
			v.Set(reflect.New(f.typ))
		}
		v = v.Elem()
	}
	if !f.slice {
		if len(values) == 0 || values[len(values)-1] == "" {
			return nil // ZeroEmpty is off
		}
		s := values[len(values)-1]
		x, ok := parseScalar(f.kind, f.bits, s)
		if !ok {
			return schema.ConversionError{Key: key, Type: f.typ, Index: -1}
		}
		setScalar(v, f.kind, s, x)
		return nil
	}
	// Two passes, so that v changes only when every value converts, and
	// then in place: one allocation, where reflect.MakeSlice makes two.
	n := 0
	for i, s := range values {
		if s == "" {
			continue
		}
		if _, ok := parseScalar(f.kind, f.bits, s); ok {
			n++
			continue
		}
		if strings.IndexByte(s, ',') < 0 {
			return schema.ConversionError{Key: key, Type: f.elem, Index: i}
		}
		for part := range strings.SplitSeq(s, ",") {
			if part == "" {
				continue
			}
			if _, ok := parseScalar(f.kind, f.bits, part); !ok {
				return schema.ConversionError{Key: key, Type: f.elem, Index: i}
			}
			n++
		}
	}
	if n == 0 {
		v.Set(reflect.MakeSlice(f.typ, 0, 0)) // empty, not nil, as schema sets it
		return nil
	}
	// A new array, as schema makes: the old one may be shared.
	v.SetZero()
	v.Grow(n)
	v.SetLen(n)
	n = 0
	for _, s := range values {
		if s == "" {
			continue
		}
		if x, ok := parseScalar(f.kind, f.bits, s); ok {
			f.setElem(v.Index(n), s, x)
			n++
			continue
		}
		for part := range strings.SplitSeq(s, ",") {
			if part != "" {
				x, _ := parseScalar(f.kind, f.bits, part)
				f.setElem(v.Index(n), part, x)
				n++
			}
		}
	}
	return nil
}

// setElem sets the slice element e to s, converted to x.
func (f *formField) setElem(e reflect.Value, s string, x scalar) {
	if f.elemPtr {
		p := reflect.New(f.elem)
		setScalar(p.Elem(), f.kind, s, x)
		e.Set(p)
		return
	}
	setScalar(e, f.kind, s, x)
}

// setScalar sets v, of kind kind, to s, converted to x by parseScalar.
func setScalar(v reflect.Value, kind reflect.Kind, s string, x scalar) {
	switch kind {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		v.SetBool(x.b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(x.i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(x.u)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(x.f)
	}
}

// scalar is s converted to a bool or a number.
type scalar struct {
	b bool
	i int64
	u uint64
	f float64
}

// parseScalar converts s as schema's built-in converter for kind does
// (strings always convert), and reports whether it did: "on" or what
// strconv.ParseBool takes for a bool, base 10 within bitSize for an
// integer.
func parseScalar(kind reflect.Kind, bitSize int, s string) (scalar, bool) {
	var x scalar
	var err error
	switch kind {
	case reflect.String:
	case reflect.Bool:
		x.b = true
		if s != "on" {
			x.b, err = strconv.ParseBool(s)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x.i, err = strconv.ParseInt(s, 10, bitSize)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		x.u, err = strconv.ParseUint(s, 10, bitSize)
	case reflect.Float32, reflect.Float64:
		x.f, err = strconv.ParseFloat(s, bitSize)
	default:
		return x, false
	}
	return x, err == nil
}

package response

import (
	"iter"
	"slices"
)

// Field is one response header line: a name as it was given (not
// canonicalised) and its value.
type Field struct {
	Name  string
	Value string
}

// Header is the ordered header list of a Response, WebOb's headerlist with
// its ResponseHeaders view: fields keep their order and repeated names
// (several Set-Cookie lines, say), and every lookup compares names ignoring
// ASCII case.
//
// Header does not validate names or values; Response's typed setters do,
// and ServeHTTP drops invalid names and blanks CR and LF in values as
// net/http does. The zero value is an empty list ready to use.
type Header struct {
	fields []Field
}

// equalFold reports whether a and b are equal ignoring ASCII case, as
// WebOb's k.lower() == key comparison is for header names.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if ca == cb {
			continue
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}

// Get returns the value of the last field named name, or "" if there is
// none (WebOb's headers[name] is the last value too).
func (h *Header) Get(name string) string {
	v, _ := h.Lookup(name)
	return v
}

// Lookup returns the value of the last field named name and whether there
// is one, so that an empty value can be told from a missing field.
func (h *Header) Lookup(name string) (string, bool) {
	for i := len(h.fields) - 1; i >= 0; i-- {
		if equalFold(h.fields[i].Name, name) {
			return h.fields[i].Value, true
		}
	}
	return "", false
}

// first returns the value of the first field named name, as WebOb's
// header_getter properties read it.
func (h *Header) first(name string) (string, bool) {
	for _, f := range h.fields {
		if equalFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// Has reports whether a field named name is present.
func (h *Header) Has(name string) bool {
	_, ok := h.Lookup(name)
	return ok
}

// Values returns the values of every field named name, in order (WebOb's
// getall). It returns nil when there is none.
func (h *Header) Values(name string) []string {
	var vs []string
	for _, f := range h.fields {
		if equalFold(f.Name, name) {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// Add appends a field at the end of the list.
func (h *Header) Add(name, value string) {
	h.fields = append(h.fields, Field{name, value})
}

// Set removes every field named name and appends one field at the end, as
// WebOb's headers[name] = value does: a replaced header moves to the end.
func (h *Header) Set(name, value string) {
	if i := h.index(name); i >= 0 && i == len(h.fields)-1 {
		// The only field named name is the last one (Content-Length after
		// New): replacing it in place gives the same list.
		h.fields[i] = Field{name, value}
		return
	}
	h.Del(name)
	h.Add(name, value)
}

// Del removes every field named name.
func (h *Header) Del(name string) {
	if h.index(name) != -1 {
		h.fields = slices.DeleteFunc(h.fields, func(f Field) bool { return equalFold(f.Name, name) })
	}
}

// index returns the index of the one field named name, -1 when there is
// none and -2 when there are several.
func (h *Header) index(name string) int {
	at := -1
	for i := range h.fields {
		if equalFold(h.fields[i].Name, name) {
			if at >= 0 {
				return -2
			}
			at = i
		}
	}
	return at
}

// Len returns the number of fields.
func (h *Header) Len() int { return len(h.fields) }

// Fields returns a copy of the fields in order.
func (h *Header) Fields() []Field { return slices.Clone(h.fields) }

// All iterates over the fields in order, as name, value pairs.
func (h *Header) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, f := range h.fields {
			if !yield(f.Name, f.Value) {
				return
			}
		}
	}
}

// Reset removes every field.
func (h *Header) Reset() { h.fields = h.fields[:0] }

// Clone returns a copy of h that shares nothing with it.
func (h *Header) Clone() *Header { return &Header{fields: slices.Clone(h.fields)} }

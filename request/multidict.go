package request

import (
	"errors"
	"fmt"
	"iter"
)

// Item is one key/value pair of a MultiDict. For a multipart file field File
// is set and Value holds the file name.
type Item struct {
	Key   string
	Value string
	File  *File
}

// ErrNotOne is returned by MultiDict.GetOne when a key has no value or more
// than one.
var ErrNotOne = errors.New("request: key does not have exactly one value")

// MultiDict is WebOb's MultiDict: an ordered list of key/value pairs in which
// keys may repeat. The zero value is an empty MultiDict ready to use.
//
// Get returns the last value for a key, as WebOb's md[key] does; GetAll
// returns every value in wire order.
type MultiDict struct {
	items []Item
}

// NewMultiDict returns a MultiDict holding items, in order.
func NewMultiDict(items ...Item) *MultiDict {
	return &MultiDict{items: items}
}

// Len reports the number of pairs, counting repeated keys.
func (m *MultiDict) Len() int {
	if m == nil {
		return 0
	}
	return len(m.items)
}

// Items returns the pairs in order. The slice is shared: do not modify it.
func (m *MultiDict) Items() []Item {
	if m == nil {
		return nil
	}
	return m.items
}

// All iterates the pairs in order.
func (m *MultiDict) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, it := range m.Items() {
			if !yield(it.Key, it.Value) {
				return
			}
		}
	}
}

// Keys returns each distinct key once, in order of first appearance.
func (m *MultiDict) Keys() []string {
	var keys []string
	seen := make(map[string]struct{})
	for _, it := range m.Items() {
		if _, ok := seen[it.Key]; !ok {
			seen[it.Key] = struct{}{}
			keys = append(keys, it.Key)
		}
	}
	return keys
}

// Lookup returns the last value for key and whether there is one.
func (m *MultiDict) Lookup(key string) (string, bool) {
	it, ok := m.lookup(key)
	return it.Value, ok
}

func (m *MultiDict) lookup(key string) (Item, bool) {
	items := m.Items()
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].Key == key {
			return items[i], true
		}
	}
	return Item{}, false
}

// Get returns the last value for key, or "" when there is none. Use GetAll
// for every value, GetOne to insist on exactly one.
func (m *MultiDict) Get(key string) string {
	v, _ := m.Lookup(key)
	return v
}

// File returns the last file uploaded under key, or nil.
func (m *MultiDict) File(key string) *File {
	items := m.Items()
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].Key == key && items[i].File != nil {
			return items[i].File
		}
	}
	return nil
}

// GetAll returns every value for key in order, or nil.
func (m *MultiDict) GetAll(key string) []string {
	var vs []string
	for _, it := range m.Items() {
		if it.Key == key {
			vs = append(vs, it.Value)
		}
	}
	return vs
}

// GetOne returns the only value for key; it returns an error wrapping
// ErrNotOne when there is none or more than one.
func (m *MultiDict) GetOne(key string) (string, error) {
	vs := m.GetAll(key)
	if len(vs) != 1 {
		return "", fmt.Errorf("%w: %q has %d", ErrNotOne, key, len(vs))
	}
	return vs[0], nil
}

// Has reports whether key has at least one value.
func (m *MultiDict) Has(key string) bool {
	_, ok := m.lookup(key)
	return ok
}

// Add appends a pair.
func (m *MultiDict) Add(key, value string) {
	m.items = append(m.items, Item{Key: key, Value: value})
}

// Set removes every value for key and appends key=value at the end, as
// WebOb's md[key] = value does.
func (m *MultiDict) Set(key, value string) {
	m.Del(key)
	m.Add(key, value)
}

// Del removes every value for key.
func (m *MultiDict) Del(key string) {
	kept := m.items[:0]
	for _, it := range m.items {
		if it.Key != key {
			kept = append(kept, it)
		}
	}
	clear(m.items[len(kept):])
	m.items = kept
}

// Mixed returns a map with a single string for keys that appear once and a
// []string for repeated keys, as WebOb's mixed().
func (m *MultiDict) Mixed() map[string]any {
	out := make(map[string]any)
	for _, it := range m.Items() {
		switch v := out[it.Key].(type) {
		case nil:
			out[it.Key] = it.Value
		case string:
			out[it.Key] = []string{v, it.Value}
		case []string:
			out[it.Key] = append(v, it.Value)
		}
	}
	return out
}

// DictOfLists returns every key with all of its values, as WebOb's
// dict_of_lists().
func (m *MultiDict) DictOfLists() map[string][]string {
	out := make(map[string][]string)
	for _, it := range m.Items() {
		out[it.Key] = append(out[it.Key], it.Value)
	}
	return out
}

// Copy returns an independent copy of m.
func (m *MultiDict) Copy() *MultiDict {
	return &MultiDict{items: append([]Item(nil), m.Items()...)}
}

// Params is WebOb's NestedMultiDict of GET and POST, read-only: Get looks in
// GET first and returns the last value there, and only then in POST; GetAll
// and Items give GET's values followed by POST's.
type Params struct {
	GET, POST *MultiDict
}

// Lookup returns params[key] as WebOb does: the last GET value when GET has
// key, else the last POST value.
func (p Params) Lookup(key string) (string, bool) {
	if v, ok := p.GET.Lookup(key); ok {
		return v, true
	}
	return p.POST.Lookup(key)
}

// Get returns the value Lookup finds, or "".
func (p Params) Get(key string) string {
	v, _ := p.Lookup(key)
	return v
}

// Has reports whether GET or POST has key.
func (p Params) Has(key string) bool {
	return p.GET.Has(key) || p.POST.Has(key)
}

// GetAll returns GET's values for key followed by POST's.
func (p Params) GetAll(key string) []string {
	return append(p.GET.GetAll(key), p.POST.GetAll(key)...)
}

// File returns the last file POSTed under key, or nil.
func (p Params) File(key string) *File {
	return p.POST.File(key)
}

// Items returns GET's pairs followed by POST's. When one of them is empty
// the other's slice is returned as it is: do not modify it.
func (p Params) Items() []Item {
	switch {
	case p.POST.Len() == 0:
		return p.GET.Items()
	case p.GET.Len() == 0:
		return p.POST.Items()
	}
	out := make([]Item, 0, p.GET.Len()+p.POST.Len())
	return append(append(out, p.GET.Items()...), p.POST.Items()...)
}

// Keys returns each distinct key once, GET's first.
func (p Params) Keys() []string {
	return NewMultiDict(p.Items()...).Keys()
}

// Len reports the number of pairs in GET and POST together.
func (p Params) Len() int { return p.GET.Len() + p.POST.Len() }

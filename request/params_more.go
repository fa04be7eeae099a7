package request

import "fmt"

// GetOne returns the only value for key in GET and POST together, as
// WebOb's NestedMultiDict.getone: an error wrapping ErrNotOne when there is
// none or more than one (one in GET and one in POST is two).
func (p Params) GetOne(key string) (string, error) {
	vs := p.GetAll(key)
	if len(vs) != 1 {
		return "", fmt.Errorf("%w: %q has %d", ErrNotOne, key, len(vs))
	}
	return vs[0], nil
}

// Mixed returns GET and POST together as MultiDict.Mixed does: a string
// for a key seen once, a []string, GET's values first, for a repeated one.
func (p Params) Mixed() map[string]any { return p.Copy().Mixed() }

// DictOfLists returns every key with all of its values, GET's first, as
// WebOb's NestedMultiDict.dict_of_lists.
func (p Params) DictOfLists() map[string][]string { return p.Copy().DictOfLists() }

// Copy returns GET's pairs followed by POST's in a new, writable MultiDict,
// as WebOb's NestedMultiDict.copy. Files stay reachable through its File.
func (p Params) Copy() *MultiDict {
	return &MultiDict{items: append(make([]Item, 0, p.Len()), p.Items()...)}
}

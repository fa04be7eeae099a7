package serve

import "sync"

// onceLog decides which build failures get logged: a page that does not
// compile is logged when its failure is new, that is once per build key
// (the content of everything the page is built from), not on every
// request for it. A page whose inputs change to another failing state is
// logged again, and so is a page that comes back to an earlier failure.
// The zero value is ready to use.
type onceLog struct {
	mu   sync.Mutex
	last map[string]string // page → the key last logged for it
}

// first reports whether key is new for page, and remembers it: the first
// call for a (page, key) returns true, the next ones false, until another
// key for the page was seen.
func (o *onceLog) first(page, key string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if k, ok := o.last[page]; ok && k == key {
		return false
	}
	if o.last == nil {
		o.last = make(map[string]string)
	}
	o.last[page] = key
	return true
}

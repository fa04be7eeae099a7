package request

import "unsafe"

// Sizes of the storage inside every Request for the first parses: a dozen
// pairs and 192 bytes for decoded text cover the query and form of most
// pages, and keep a Request near 1 KiB.
const (
	scratchItems = 12
	scratchBytes = 192
)

// scratch is storage inside the Request for what parsing the query and the
// form produces (the pairs, and the bytes of the keys and values that
// percent-decoding changed), so that a typical request's parses allocate
// nothing of their own. net/http's response keeps its small buffers inline
// for the same reason.
//
// Storage is handed out from the front and never handed out twice: a
// MultiDict or a string made from it stays valid and unchanged for as long
// as anyone holds it, whatever the Request parses later. The strings keep
// the whole Request reachable while they are held.
type scratch struct {
	items  [scratchItems]Item
	nItems int
	bytes  [scratchBytes]byte
	nBytes int
}

// takeItems returns an empty slice with room for n pairs, from the scratch
// when it has room. Its capacity is exactly n, so that appending to a
// MultiDict past its pairs moves it out rather than into the next one's.
func (s *scratch) takeItems(n int) []Item {
	if s.nItems+n > len(s.items) {
		return make([]Item, 0, n)
	}
	i := s.nItems
	s.nItems += n
	return s.items[i:i:s.nItems]
}

// textBuf hands out room for the decoded strings of one parse: from a
// Request's scratch while it lasts, then from heap chunks of at least
// chunk bytes, so that a long query still costs one allocation, not one
// per string.
type textBuf struct {
	s     *scratch // nil: no scratch (the heap only)
	heap  []byte   // the current heap chunk; len is what was handed out
	chunk int
}

// room returns an empty slice with a capacity of n bytes that no other
// string uses.
func (t *textBuf) room(n int) []byte {
	if s := t.s; s != nil && s.nBytes+n <= len(s.bytes) {
		i := s.nBytes
		s.nBytes += n
		return s.bytes[i:i:s.nBytes]
	}
	if cap(t.heap)-len(t.heap) < n {
		t.heap = make([]byte, 0, max(n, t.chunk))
	}
	i := len(t.heap)
	t.heap = t.heap[:i+n]
	return t.heap[i : i : i+n]
}

// unquote returns s decoded as webobUnquote decodes it (a query's key or
// value), in room from t when decoding changes it.
func (t *textBuf) unquote(s string, plus bool) string {
	if !hasEscape(s, plus) {
		return s
	}
	return keep(appendUnquote(t.room(len(s)), s, plus))
}

// formUnquote returns s decoded as a UTF-8 form's key or value (see
// appendFormUnquote), in room from t when decoding changes it.
func (t *textBuf) formUnquote(s string) string {
	s = pyReplaceInvalid(s)
	if !hasEscape(s, true) {
		return s
	}
	return keep(appendFormUnquote(t.room(len(s)), s))
}

// keep returns b as a string without copying it. b must be room from a
// textBuf (or a slice nobody writes again): room hands each byte out once,
// so the string never changes. Decoding never makes a string longer than
// the room asked for; if it did, append would have moved b to new memory,
// which is as safe.
func keep(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

package request

import "unsafe"

// scratch is storage allocated with the Request for what parsing its query
// produces (the pairs, and the bytes of the keys and values that
// percent-decoding changed), so that the parse allocates nothing of its
// own. newRequest sizes it to the query the Request is made for; most
// Requests have none.
//
// Storage is handed out from the front and never handed out twice: a
// MultiDict or a string made from it stays valid and unchanged for as long
// as anyone holds it, whatever the Request parses later, and the strings
// keep the whole allocation reachable while they are held. The Request
// points to its scratch, so that copies of a Request share what is left
// rather than hand the same storage out twice.
type scratch struct {
	items []Item // not handed out yet
	text  []byte
}

// takeItems returns an empty slice with room for n pairs, from s when it
// has room (s may be nil). Its capacity is exactly n, so that appending to
// a MultiDict past its pairs moves it out rather than into the next one's.
func (s *scratch) takeItems(n int) []Item {
	if s == nil || len(s.items) < n {
		return make([]Item, 0, n)
	}
	out := s.items[:0:n]
	s.items = s.items[n:]
	return out
}

// newRequest allocates a Request, with scratch for the query qs in the
// same allocation when qs is short and has escapes: one allocation where
// the Request, the pairs and the decoded strings were three. Any other
// Request is allocated alone: one larger allocation in place of the
// Request and the pairs measured slower than the two (past 512 bytes the
// runtime allocates differently), and a Request without a query is no
// larger for it.
func newRequest(qs string) *Request {
	// Decoding never makes a string longer: qs bounds the decoded text.
	if qs == "" || !hasEscape(qs, true) || len(qs) > 256 {
		return &Request{}
	}
	n := queryPairs(qs)
	switch {
	case n <= 4 && len(qs) <= 64:
		return withScratch[store4]()
	case n <= 16:
		return withScratch[store16]()
	}
	return &Request{}
}

// storage is what one size of scratch lends.
type storage interface {
	lend() ([]Item, []byte)
}

// sized is a Request and its scratch in one allocation.
type sized[S any] struct {
	req   Request
	s     scratch
	store S
}

func withScratch[S any, PS interface {
	*S
	storage
}]() *Request {
	p := new(sized[S])
	p.s.items, p.s.text = PS(&p.store).lend()
	p.req.scratch = &p.s
	return &p.req
}

type (
	store4 struct {
		items [4]Item
		text  [64]byte
	}
	store16 struct {
		items [16]Item
		text  [256]byte
	}
)

func (s *store4) lend() ([]Item, []byte)  { return s.items[:], s.text[:] }
func (s *store16) lend() ([]Item, []byte) { return s.items[:], s.text[:] }

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
	if s := t.s; s != nil && len(s.text) >= n {
		out := s.text[:0:n]
		s.text = s.text[n:]
		return out
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

package response

import (
	"strconv"
	"sync/atomic"
	"unsafe"
)

// headerValues returns room for n header values to give w.Header(): the
// storage inside r for the first serve of r that needs no more than it has,
// else new. The storage is handed out once, so that the header map of an
// earlier serve, which may still be read, never sees it change; a Response
// served concurrently (a handler registered once) gets it for one serve.
func (r *Response) headerValues(n int) []string {
	if n <= len(r.vals) && atomic.CompareAndSwapUint32(&r.valsLent, 0, 1) {
		return r.vals[:n:n]
	}
	return make([]string, n)
}

// itoa returns n in decimal: for a Content-Length of 100 or more (smaller
// numbers come from strconv's table without allocating), the first time in
// storage inside r. Those bytes are never written again: whoever holds the
// string, say from Header().Get, keeps the same value.
func (r *Response) itoa(n int64) string {
	if n < 100 || r.digitsLent {
		return strconv.FormatInt(n, 10)
	}
	r.digitsLent = true
	b := strconv.AppendInt(r.digits[:0], n, 10)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

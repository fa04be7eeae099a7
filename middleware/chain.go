package middleware

import "net/http"

// Chain returns a middleware that applies mw in order, the first one
// outermost: Chain(a, b, c)(h) is a(b(c(h))), so a request passes through
// a, then b, then c, as with chi's Chain. Chain() returns h unchanged.
func Chain(mw ...func(http.Handler) http.Handler) func(http.Handler) http.Handler {
	mw = append([]func(http.Handler) http.Handler(nil), mw...) // the caller may reuse its slice
	for i, m := range mw {
		if m == nil {
			panic("middleware: Chain: middleware " + itoa(i) + " is nil")
		}
	}
	return func(h http.Handler) http.Handler {
		if h == nil {
			panic("middleware: Chain: nil handler")
		}
		for i := len(mw) - 1; i >= 0; i-- {
			h = mw[i](h)
		}
		return h
	}
}

// Package reqcopy copies an *http.Request into memory its caller
// allocated. r.WithContext allocates the copy on its own; a middleware
// that allocates something per request anyway (its context, the URL's
// copy) can hold the request's copy in the same allocation: one
// allocation less per request and per layer. Mount is the copy a router
// hands a handler it mounts under a prefix, made so.
package reqcopy

import (
	"context"
	"net/http"
)

// WithContext sets *dst to what r.WithContext(ctx) returns, and returns
// dst. r.WithContext is inlined here, and the copy it makes does not
// escape: it is on the stack (TestWithContextAllocs checks it).
func WithContext(dst, r *http.Request, ctx context.Context) *http.Request {
	*dst = *r.WithContext(ctx)
	return dst
}

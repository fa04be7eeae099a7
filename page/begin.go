package page

import (
	"context"
	"net/http"

	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// borrowedKey is the context key of the request's *handoff.Borrowed, which
// the request's reqCtx holds (see safetyNets.serve).
type borrowedKey struct{}

// begin records, on the lent connection of the request with ctx, that the
// page's own code starts on it (see handoff.Borrowed.Begin).
func begin(ctx context.Context) {
	if b, ok := ctx.Value(borrowedKey{}).(*handoff.Borrowed); ok {
		b.Begin()
	}
}

// withBegin returns app calling begin as the first thing it does, inside
// the adapter's panic handling, so that a program dying at any moment
// leaves as little as can be between "the server can give this request
// to another program" and "the page ran it". It reports false for a shape
// it does not know: the caller then calls begin itself.
func withBegin(app any) (any, bool) {
	switch f := app.(type) {
	case func(http.ResponseWriter, *http.Request):
		return func(w http.ResponseWriter, r *http.Request) { begin(r.Context()); f(w, r) }, true
	case webob.Func:
		return webob.Func(func(r *request.Request) (*response.Response, error) { begin(r.Context()); return f(r) }), true
	case func(*request.Request) (*response.Response, error):
		return func(r *request.Request) (*response.Response, error) { begin(r.Context()); return f(r) }, true
	case func(*request.Request) *response.Response:
		return func(r *request.Request) *response.Response { begin(r.Context()); return f(r) }, true
	case webob.App:
		return webob.App(func(r *request.Request) (any, error) { begin(r.Context()); return f(r) }), true
	case func(*request.Request) (any, error):
		return func(r *request.Request) (any, error) { begin(r.Context()); return f(r) }, true
	}
	return app, false
}

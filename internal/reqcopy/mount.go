package reqcopy

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/gowebob/gowebob/internal/deadline"
	"github.com/gowebob/gowebob/internal/envctx"
)

// Mount returns a copy of r as a handler mounted at prefix sees it, as
// http.StripPrefix makes it: its URL path is pathInfo (RawPath cleared),
// and its context adds prefix to the SCRIPT_NAME of the environ r's
// context carries, then sets env's keys (kept, not copied). The context
// node, the request's copy and its URL's are one allocation, where
// request.NewContextWithEnviron, r.WithContext and the URL's copy made
// three. A context kept past the request (by a goroutine the handler
// started) keeps the copy with it.
func Mount(r *http.Request, prefix, pathInfo string, env map[string]string) *http.Request {
	m := new(mounted)
	return m.fill(r, r.Context(), prefix, pathInfo, env)
}

// MountUntil is Mount with a deadline: the copy's context ends at due
// (deadline.Ctx, lazy: no timer unless a handler asks for Done), which
// the caller releases once the handler returns. It is in the same
// allocation, where a request copy of its own would make another. The
// Ctx is nil, and there is nothing to release, when due is zero or r's
// context ends first.
func MountUntil(r *http.Request, prefix, pathInfo string, env map[string]string, due time.Time) (*http.Request, *deadline.Ctx) {
	m := new(mountedUntil)
	if !m.dl.Init(r.Context(), due) {
		return m.fill(r, r.Context(), prefix, pathInfo, env), nil
	}
	return m.fill(r, &m.dl, prefix, pathInfo, env), &m.dl
}

// mounted is what Mount allocates.
type mounted struct {
	env envctx.Node
	req http.Request
	url url.URL
}

// mountedUntil is what MountUntil allocates.
type mountedUntil struct {
	dl deadline.Ctx
	mounted
}

// fill makes m's request the copy of r that Mount returns, its context
// over parent.
func (m *mounted) fill(r *http.Request, parent context.Context, prefix, pathInfo string, env map[string]string) *http.Request {
	r2 := WithContext(&m.req, r, m.env.Mount(parent, prefix, env))
	m.url = *r.URL
	r2.URL = &m.url
	r2.URL.Path, r2.URL.RawPath = pathInfo, ""
	return r2
}

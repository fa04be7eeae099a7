package reqcopy

import (
	"net/http"
	"net/url"

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
	r2 := WithContext(&m.req, r, m.env.Mount(r.Context(), prefix, env))
	m.url = *r.URL
	r2.URL = &m.url
	r2.URL.Path, r2.URL.RawPath = pathInfo, ""
	return r2
}

// mounted is what Mount allocates.
type mounted struct {
	env envctx.Node
	req http.Request
	url url.URL
}

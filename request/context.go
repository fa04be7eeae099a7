package request

import (
	"context"

	"github.com/gowebob/gowebob/internal/envctx"
)

// NewContextWithEnviron returns a copy of ctx that carries env: environ values that
// FromHTTP sets over the ones it derives from the *http.Request. Routers and
// dispatchers use it to pass SCRIPT_NAME down when they strip a mount prefix
// from the URL path, and gowebob serve to pass REMOTE_ADDR and the scheme
// through its proxy.
func NewContextWithEnviron(ctx context.Context, env Environ) context.Context {
	// The node is internal/envctx's, so that this module's middleware can
	// set a key or a few over the environ in a context, in a node of its
	// own allocation, rather than copy that environ.
	return new(envctx.Node).Init(ctx, env)
}

// contextUsed records that a context has carried an environ (an
// envctx.Node) or an exact one (HTTPRequest's): until then FromHTTP skips
// looking for either through the request context's chain of parents.
var contextUsed = &envctx.Used

// EnvironFromContext returns the environ values stored by
// NewContextWithEnviron, with those this module's middleware set over them
// (RequestID's HTTP_X_REQUEST_ID, a Dispatcher's SCRIPT_NAME): the map
// NewContextWithEnviron was given when it is all ctx carries, else a new
// map.
func EnvironFromContext(ctx context.Context) (Environ, bool) {
	n := envctx.Of(ctx)
	if n == nil {
		return nil, false
	}
	return n.Map(), true
}

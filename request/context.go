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
	if !contextUsed.Load() {
		contextUsed.Store(true)
	}
	// The key and the flag are internal/envctx's, so that this module's
	// middleware can keep an environ in a context node of its own
	// allocation (envctx.Node).
	return context.WithValue(ctx, environKey{}, env)
}

// environKey is the context key of NewContextWithEnviron's environ.
type environKey = envctx.Key

// contextUsed records that NewContextWithEnviron (or an envctx.Node) has
// been used: until then no context carries an environ, and FromHTTP skips
// looking for one through the request context's chain of parents.
var contextUsed = &envctx.Used

// EnvironFromContext returns the environ values stored by NewContextWithEnviron.
func EnvironFromContext(ctx context.Context) (Environ, bool) {
	env, ok := ctx.Value(environKey{}).(Environ)
	return env, ok
}

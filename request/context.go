package request

import (
	"context"
	"sync/atomic"
)

// environKey is the context key of NewContextWithEnviron's environ. A pointer to a
// struct type cannot collide with another package's keys and needs no
// allocation when stored in an interface.
type environKey struct{}

// NewContextWithEnviron returns a copy of ctx that carries env: environ values that
// FromHTTP sets over the ones it derives from the *http.Request. Routers and
// dispatchers use it to pass SCRIPT_NAME down when they strip a mount prefix
// from the URL path, and gowebob serve to pass REMOTE_ADDR and the scheme
// through its proxy.
func NewContextWithEnviron(ctx context.Context, env Environ) context.Context {
	if !contextUsed.Load() {
		contextUsed.Store(true)
	}
	return context.WithValue(ctx, environKey{}, env)
}

// contextUsed records that NewContextWithEnviron has been called: until then no
// context carries an environ, and FromHTTP skips looking for one through
// the request context's chain of parents.
var contextUsed atomic.Bool

// EnvironFromContext returns the environ values stored by NewContextWithEnviron.
func EnvironFromContext(ctx context.Context) (Environ, bool) {
	env, ok := ctx.Value(environKey{}).(Environ)
	return env, ok
}

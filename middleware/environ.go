package middleware

import (
	"context"

	"github.com/gowebob/gowebob/request"
)

// withEnviron returns a copy of ctx whose environ (request.NewContextWithEnviron) is
// the one already in ctx plus the key/value pairs kv. The environ in ctx
// is copied, never changed.
func withEnviron(ctx context.Context, kv ...string) context.Context {
	old, _ := request.EnvironFromContext(ctx)
	return extendEnviron(ctx, old, kv...)
}

// extendEnviron is withEnviron for a caller that has looked up the
// environ in ctx already, old: the lookup walks the context's chain.
func extendEnviron(ctx context.Context, old request.Environ, kv ...string) context.Context {
	env := make(request.Environ, len(old)+len(kv)/2)
	for k, v := range old {
		env[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		env[kv[i]] = kv[i+1]
	}
	return request.NewContextWithEnviron(ctx, env)
}

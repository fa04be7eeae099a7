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
	return request.NewContextWithEnviron(ctx, extended(old, kv...))
}

// extended returns a copy of old with the key/value pairs kv.
func extended(old request.Environ, kv ...string) request.Environ {
	env := make(request.Environ, len(old)+len(kv)/2)
	for k, v := range old {
		env[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		env[kv[i]] = kv[i+1]
	}
	return env
}

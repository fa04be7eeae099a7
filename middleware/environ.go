package middleware

import (
	"context"

	"github.com/gowebob/gowebob/internal/envctx"
)

// withEnviron returns a copy of ctx whose environ (request.NewContextWithEnviron) is
// the one already in ctx plus the key/value pairs kv. The environ in ctx
// is not copied, nor changed.
func withEnviron(ctx context.Context, kv ...string) context.Context {
	env := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		env[kv[i]] = kv[i+1]
	}
	return new(envctx.Node).Over(ctx, "", "", env)
}

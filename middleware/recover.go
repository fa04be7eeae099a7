package middleware

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/gowebob/gowebob/exc"
)

// RecoverOptions configures RecoverWith.
type RecoverOptions struct {
	// Logger receives one error record per recovered panic, with the panic
	// value and the stack. If nil, slog.Default() at the time of the panic
	// is used.
	Logger *slog.Logger

	// Renderer renders the 500 Internal Server Error. If nil, the zero
	// exc.Renderer is used (WebOb's page, chosen by the Accept header).
	Renderer *exc.Renderer
}

// Recover is RecoverWith with the zero RecoverOptions: it logs to
// slog.Default().
func Recover(next http.Handler) http.Handler {
	return RecoverWith(RecoverOptions{})(next)
}

// RecoverWith returns a middleware that recovers a panic in the handlers it
// wraps. The panic value and the stack go to the log, never to the client.
// If the response has not started, the client gets a 500 Internal Server
// Error rendered by exc; if it has, the connection is aborted (by panicking
// with http.ErrAbortHandler), since a half-sent response cannot be turned
// into an error page. A panic with http.ErrAbortHandler itself is not
// logged and goes on up, so that net/http aborts the response as it should.
func RecoverWith(opts RecoverOptions) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// The recorder tells whether the answer began. AccessLog's, when
			// it runs just outside, already knows; else one from the pool.
			rec, shared := w.(*recorder)
			if !shared {
				rec = recorderPool.Get().(*recorder)
				rec.ResponseWriter = w
			}
			defer func() {
				v := recover()
				started := rec.started()
				if !shared {
					*rec = recorder{}
					recorderPool.Put(rec)
				}
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger := opts.Logger
				if logger == nil {
					logger = slog.Default()
				}
				attrs := []slog.Attr{
					slog.String("panic", fmt.Sprint(v)),
					slog.String("method", r.Method),
					slog.String("path", r.URL.Path),
				}
				if id, ok := RequestIDFromContext(r.Context()); ok {
					attrs = append(attrs, slog.String("request_id", id))
				}
				attrs = append(attrs, slog.String("stack", string(debug.Stack())))
				logger.LogAttrs(r.Context(), slog.LevelError, "panic recovered", attrs...)
				if started {
					panic(http.ErrAbortHandler)
				}
				opts.Renderer.Error(w, r, exc.InternalServerError("").WithErr(fmt.Errorf("panic: %v", v)))
			}()
			next.ServeHTTP(rec, r)
		})
	}
}

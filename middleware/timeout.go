package middleware

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/gowebob/gowebob/exc"
)

// Timeout returns a middleware that gives the handler d to answer, as
// http.TimeoutHandler does, but renders its error with exc. The handler
// runs in its own goroutine with a context that is cancelled after d; its
// response is buffered and sent only when it returns in time. After d the
// client gets a 503 Service Unavailable rendered for its Accept header, and
// whatever the handler writes from then on is discarded: its Write returns
// http.ErrHandlerTimeout. A panic in the handler is raised again in the
// serving goroutine, so that Recover around Timeout sees it.
//
// Because the response is buffered, the handler's writer cannot Flush or
// Hijack, and it does not Unwrap to the connection's: a streaming handler
// should watch its context instead. If the client goes away first, nothing
// is written.
//
// Timeout panics if d is not positive.
func Timeout(d time.Duration) func(http.Handler) http.Handler {
	if d <= 0 {
		panic("middleware: Timeout: non-positive duration " + d.String())
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			tw := &timeoutWriter{header: make(http.Header)}
			done := make(chan struct{})
			panicked := make(chan any, 1)
			go func() {
				defer func() {
					if p := recover(); p != nil {
						panicked <- p
					}
				}()
				next.ServeHTTP(tw, r.WithContext(ctx))
				close(done)
			}()
			select {
			case p := <-panicked:
				panic(p)
			case <-done:
				tw.mu.Lock()
				defer tw.mu.Unlock()
				dst := w.Header()
				for k, v := range tw.header {
					dst[k] = v
				}
				if tw.code == 0 {
					tw.code = http.StatusOK
				}
				w.WriteHeader(tw.code)
				_, _ = w.Write(tw.buf.Bytes())
			case <-ctx.Done():
				tw.mu.Lock()
				defer tw.mu.Unlock()
				if errors.Is(ctx.Err(), context.DeadlineExceeded) {
					tw.err = http.ErrHandlerTimeout
					exc.Error(w, r, exc.ServiceUnavailable("The server did not answer in time."))
				} else {
					tw.err = ctx.Err() // the client went away
				}
			}
		})
	}
}

// timeoutWriter is the handler's writer under Timeout: it buffers the
// response until the handler returns in time.
type timeoutWriter struct {
	header http.Header

	mu   sync.Mutex
	buf  bytes.Buffer
	code int
	err  error // set once the time is up
}

func (tw *timeoutWriter) Header() http.Header { return tw.header }

func (tw *timeoutWriter) Write(p []byte) (int, error) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.err != nil {
		return 0, tw.err
	}
	if tw.code == 0 {
		tw.code = http.StatusOK
	}
	return tw.buf.Write(p)
}

func (tw *timeoutWriter) WriteHeader(code int) {
	if code < 100 || code > 999 {
		panic("middleware: Timeout: invalid WriteHeader code " + itoa(code)) // as net/http's
	}
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.err != nil || tw.code != 0 || code < 200 {
		return // informational responses cannot be buffered: dropped
	}
	tw.code = code
}

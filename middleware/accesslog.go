package middleware

import (
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/gowebob/gowebob/internal/envctx"
	"github.com/gowebob/gowebob/internal/logline"
)

// AccessLog returns a middleware that logs one record per request to
// logger (slog.Default() at the time of the request if nil), after the
// handler returns: "http request" with method, path (without the query,
// which may hold secrets), status, bytes (of body written), duration,
// remote (the client address: REMOTE_ADDR from the environ in the context
// when ProxyHeaders ran before, else the peer's) and request_id (from
// RequestID, before or after AccessLog in the chain). The level is Info,
// or Error for a 5xx status. A handler that panics is logged with status
// 500 before the panic goes on; one that panics after its answer began
// (as with http.ErrAbortHandler, which net/http answers by closing the
// connection) is logged with its status and error errCut's text, at level
// Warn.
//
// The status is 200 when the handler wrote nothing, as net/http then
// answers.
//
// A response whose sending failed (a write or a flush returned an error:
// the write deadline passed, the client went away) is logged as what the
// client got, at level Warn (Error for a 5xx): error is the first error,
// bytes the body bytes the ResponseWriter accepted up to it (net/http
// buffers a few KiB, so the client may have got fewer), and status is the
// status the handler set only if a flush succeeded before the failure,
// which puts the status line on the connection; else it is 0, since
// net/http sends the status line with the first buffered body bytes and
// the client may have got none of them. A failure net/http meets after the
// handler returned, sending what was still buffered, is not seen.
func AccessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		// The records' source, for a handler with AddSource: this
		// function, found once rather than with runtime.Callers per
		// record as LogAttrs would.
		var pcs [1]uintptr
		runtime.Callers(1, pcs[:])
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// Only the monotonic clock: time.Now reads the wall clock too,
			// which only the record's time, at the end, needs.
			start := time.Since(epoch)
			rec := recorderPool.Get().(*recorder)
			rec.ResponseWriter = w
			done := false
			defer func() {
				status := rec.status
				switch {
				case !done && !rec.started():
					status = http.StatusInternalServerError
				case status == 0:
					status = http.StatusOK
				}
				if !done && rec.started() && rec.err == nil {
					// A panic after the answer began (http.ErrAbortHandler,
					// most often): net/http closes the connection, and the
					// client has part of the answer.
					rec.err = errCut
				}
				level := slog.LevelInfo
				if rec.err != nil {
					level = slog.LevelWarn
				}
				if status >= 500 {
					level = slog.LevelError
				}
				if rec.err != nil && !rec.sent {
					status = 0
				}
				l := logger
				if l == nil {
					l = slog.Default()
				}
				ctx := r.Context()
				if !l.Enabled(ctx, level) {
					*rec = recorder{}
					recorderPool.Put(rec)
					return
				}
				// The record's time is the end the duration is measured
				// to: one clock reading less than LogAttrs.
				end := time.Now()
				id, ok := RequestIDFromContext(ctx)
				if !ok {
					id = w.Header().Get(requestIDHeader)
				}
				// One array for both shapes of the record, on the stack:
				// no allocation for the error attribute's room.
				attrs := [...]slog.Attr{
					slog.String("method", r.Method),
					slog.String("path", r.URL.Path),
					slog.Int("status", status),
					slog.Int64("bytes", rec.bytes),
					slog.Duration("duration", end.Sub(epoch)-start),
					slog.String("remote", remoteAddr(r)),
					slog.String("request_id", id),
					{},
				}
				n := len(attrs) - 1
				if rec.err != nil {
					attrs[n] = slog.Any("error", rec.err)
					n++
				}
				*rec = recorder{}
				recorderPool.Put(rec)
				// As LogAttrs, a handler's error goes nowhere.
				if lh, ok := l.Handler().(*logline.Handler); ok {
					// The servers' handler: the line without a record,
					// which allocates room for more than five attributes.
					_ = lh.HandleAttrs(ctx, end, level, "http request", attrs[:n])
					return
				}
				record := slog.NewRecord(end, level, "http request", pcs[0])
				record.AddAttrs(attrs[:n]...)
				_ = l.Handler().Handle(ctx, record)
			}()
			next.ServeHTTP(rec, r)
			done = true
		})
	}
}

// epoch is the time the durations AccessLog measures are read from: a
// reading of the monotonic clock since it costs half of time.Now, which
// reads the wall clock too.
var epoch = time.Now()

// errCut is the error AccessLog logs for an answer that began and whose
// handler panicked: the client got part of it.
var errCut = errors.New("answer cut short: the handler aborted it after it began")

// recorderPool saves AccessLog and Recover one allocation per request. A
// handler must not use its ResponseWriter after ServeHTTP returns, as
// net/http says.
var recorderPool = sync.Pool{New: func() any { return new(recorder) }}

// remoteAddr returns the client address: REMOTE_ADDR from the environ in
// r's context, else the host of r.RemoteAddr.
func remoteAddr(r *http.Request) string {
	if a, _ := envctx.Of(r.Context()).Lookup("REMOTE_ADDR"); a != "" {
		return a
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// Package middleware holds the net/http middleware a gowebob application
// usually wants, each a func(http.Handler) http.Handler that works around
// any http.Handler, gowebob's or not.
//
//   - [Recover] turns a panic into a 500 rendered by exc and logs the stack.
//   - [AccessLog] logs one slog record per request.
//   - [RequestID] gives each request an X-Request-ID.
//   - [Compress] compresses responses with gzip or deflate.
//   - [BodyLimit] and [Timeout] bound the request body and the handler's time.
//   - [ProxyHeaders] believes X-Forwarded-* or Forwarded from trusted proxies.
//   - [CORS] answers cross-origin requests from an allow list.
//   - [MethodOverride] lets an HTML form POST stand for PUT, PATCH or DELETE.
//   - [Static] serves a folder of files, as WebOb's DirectoryApp.
//
// [Chain] composes them; the first one given is the outermost:
//
//	h := middleware.Chain(
//		middleware.ProxyHeaders(middleware.ProxyOptions{TrustedProxies: lb}),
//		middleware.RequestID,
//		middleware.AccessLog(logger),
//		middleware.Recover,
//		middleware.Compress(middleware.CompressOptions{}),
//	)(app)
//
// That order is the one to prefer: ProxyHeaders first so that everything
// after it sees the client's address, RequestID before AccessLog so that the
// log has the id, AccessLog outside Recover so that it logs the 500.
//
// # Passing values to handlers
//
// Middleware never changes the *http.Request it is given (it derives a copy
// with r.WithContext, as net/http's StripPrefix does). Values it computes for
// the request reach handlers through the context: RequestIDFromContext, and
// the environ that request.FromHTTP reads back (request.NewContextWithEnviron), so that
// a gowebob Request sees the client's address, scheme and host set by
// ProxyHeaders and the id set by RequestID in its Environ. Each middleware
// adds to the environ already in the context; none changes it in place.
//
// Errors are rendered by the exc package for the request's Accept header
// (HTML, JSON or plain text), so they look like the application's own.
//
// # What it does not promise
//
// The response writers the middleware wrap implement Unwrap, so
// http.ResponseController reaches Flush, Hijack and deadlines, and forward
// Flush, but they do not implement every optional interface of the writer
// they wrap (http.Hijacker, io.ReaderFrom): use http.ResponseController.
// Timeout's writer buffers the response and unwraps to nothing, as
// http.TimeoutHandler's does. No middleware here is a router or an
// authentication scheme.
package middleware

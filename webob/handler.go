package webob

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Func is the shape of a WebOb application: it reads a Request and returns a
// Response, or an error. An exc error (or a request package error, which
// carries its status) is rendered as the HTTP error it stands for; any other
// error is a 500.
type Func func(*request.Request) (*response.Response, error)

// Handler adapts a Func or an App to http.Handler, as WebOb's wsgify. The
// zero value answers 500 to everything: set Func or App.
type Handler struct {
	// Func is the application, when it always returns a Response or an
	// error.
	Func Func

	// App is the application when it composes as wsgify's do (see App);
	// it is used when Func is nil.
	App App

	// Renderer renders the errors Func or App returns, and the 500 of a
	// panic: WebOb's per-exception templates and json_formatter, for this
	// handler. If nil, exc's defaults (WebOb's pages) are used.
	Renderer *exc.Renderer

	// Logger receives errors and recovered panics. If nil, slog.Default()
	// is used.
	Logger *slog.Logger

	// Limits bounds request parsing. The zero value means
	// request.DefaultLimits().
	Limits request.Limits
}

// Handle returns a Handler for f with the default logger and limits.
func Handle(f Func) *Handler { return &Handler{Func: f} }

var _ http.Handler = (*Handler)(nil)

// ServeHTTP builds the Request (SCRIPT_NAME from the context, see
// request.NewContextWithEnviron), calls Func and writes what it returns. A panic is
// recovered and answered with a 500, except http.ErrAbortHandler, which is
// re-raised so that net/http aborts the response as it should.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := request.FromHTTP(r, "")
	req.Limits = h.Limits
	defer req.Close()
	if h.Func == nil && h.App != nil {
		h.serveApp(w, req)
		return
	}
	resp, err := h.call(req)
	if err == nil && resp == nil {
		err = errNilResponse
	}
	if err != nil {
		h.writeError(w, req, err)
		return
	}
	h.serveResponse(w, req, resp)
}

// serveResponse writes resp for req, logging an error writing its body.
func (h *Handler) serveResponse(w http.ResponseWriter, req *request.Request, resp *response.Response) {
	if err := resp.Serve(w, req); err != nil {
		h.logger().LogAttrs(req.Context(), slog.LevelWarn, "webob: writing response body",
			slog.String("method", req.Method()), slog.String("path", req.Path()), slog.Any("error", err))
	}
}

// errNilResponse is what a Func that returned (nil, nil) gave.
var errNilResponse = errors.New("webob: handler returned a nil response and a nil error")

// PanicError is the error a recovered panic becomes: Value is what was
// passed to panic, Stack the goroutine's stack at that point. It is logged,
// never shown to the client.
type PanicError struct {
	Value any
	Stack []byte
}

// Error implements error.
func (e *PanicError) Error() string { return fmt.Sprintf("webob: panic: %v", e.Value) }

// PanicWriter is a ResponseWriter that answers a recovered panic itself,
// instead of the 500 the adapters write: gowebob serve -dev's page
// programs give the adapter one, made for the request, to show the panic
// page. WritePanic reports whether it answered; if not, the 500 is written
// as usual. The adapters find it in the writer they are given, or in what
// that writer's Unwrap methods return. The panic is logged either way.
type PanicWriter interface {
	WritePanic(pe *PanicError) bool
}

// writePanic hands pe to the PanicWriter in w, if any, and reports
// whether it answered.
func writePanic(w http.ResponseWriter, pe *PanicError) bool {
	for w != nil {
		if pw, ok := w.(PanicWriter); ok {
			return pw.WritePanic(pe)
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return false
		}
		w = u.Unwrap()
	}
	return false
}

func (h *Handler) call(req *request.Request) (resp *response.Response, err error) {
	defer func() {
		if v := recover(); v != nil {
			resp, err = nil, h.recovered(v)
		}
	}()
	if h.Func == nil {
		return nil, errors.New("webob: Handler has no Func or App")
	}
	return h.Func(req)
}

// recovered turns a recovered panic value into a *PanicError, re-raising
// http.ErrAbortHandler so that net/http aborts the response.
func (h *Handler) recovered(v any) error {
	if v == http.ErrAbortHandler {
		panic(v)
	}
	return &PanicError{Value: v, Stack: debug.Stack()}
}

func (h *Handler) logger() *slog.Logger {
	if h.Logger != nil {
		return h.Logger
	}
	return slog.Default()
}

// writeError renders err for req and logs it when it is the server's fault.
// A panic goes to the PanicWriter in w, if any.
func (h *Handler) writeError(w http.ResponseWriter, req *request.Request, err error) {
	he := exc.FromError(err)
	if he.Code >= 500 {
		logError(req.Context(), h.logger(), req, err)
	}
	var pe *PanicError
	if errors.As(err, &pe) && writePanic(w, pe) {
		return
	}
	h.Renderer.Response(he, req).Serve(w, req)
}

// logError logs a server-side failure with the request's method and path,
// and the stack of a panic.
func logError(ctx context.Context, log *slog.Logger, req *request.Request, err error) {
	attrs := []slog.Attr{slog.String("method", req.Method()), slog.String("path", req.Path()), slog.Any("error", err)}
	var pe *PanicError
	if errors.As(err, &pe) {
		attrs = append(attrs, slog.String("stack", string(pe.Stack)))
	}
	log.LogAttrs(ctx, slog.LevelError, "webob: request failed", attrs...)
}

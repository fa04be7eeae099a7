package webob

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// App is a handler that composes as WebOb's wsgify does: it returns what
// to answer with, which may be
//
//   - nil: the response to fill (Response(req)), a 200 with WebOb's
//     defaults if the App never asked for it;
//   - a *response.Response, which gets the cookies set on Response(req)
//     (WebOb's merge_cookies);
//   - a string or a []byte, written to Response(req), which is sent;
//   - an *exc.HTTPError, rendered as if it had been returned as the error;
//   - any other http.Handler, to which the request is delegated: it gets
//     the environ as it is now (after a PathInfoPop, say; see
//     request.Request.HTTPRequest) and the cookies set on Response(req);
//
// or an error, rendered as Func's errors are. Any other value is a
// programmer error, answered with a 500 and logged.
type App func(*request.Request) (any, error)

// HandleApp returns a Handler for a with the default logger, limits and
// error rendering.
func HandleApp(a App) *Handler { return &Handler{App: a} }

// fillKey is the context key of the response an App fills.
type fillKey struct{}

// fill holds Response(req)'s response; nil until asked for.
type fill struct{ resp *response.Response }

func (f *fill) response() *response.Response {
	if f.resp == nil {
		f.resp = response.New()
	}
	return f.resp
}

// Response returns the response an App handler may fill instead of
// returning one, WebOb's req.response: the same Response on every call
// during one request, made on the first (200, WebOb's default
// Content-Type). Its cookies are merged into a Response the App returns.
// For a Request that no App handler is serving it returns a new Response
// each time, which nothing sends.
func Response(req *request.Request) *response.Response {
	if f, ok := req.Context().Value(fillKey{}).(*fill); ok {
		return f.response()
	}
	return response.New()
}

// serveApp is ServeHTTP for an App.
func (h *Handler) serveApp(w http.ResponseWriter, req *request.Request) {
	f := &fill{}
	req.SetContext(context.WithValue(req.Context(), fillKey{}, f))
	v, err := h.callApp(req)
	if err != nil {
		h.writeError(w, req, err)
		return
	}
	var resp *response.Response
	switch v := v.(type) {
	case nil:
		resp = f.response()
	case *response.Response:
		if v == nil {
			h.writeError(w, req, errNilResponse)
			return
		}
		if f.resp != nil {
			f.resp.MergeCookies(v)
		}
		resp = v
	case string:
		resp = f.response()
		_, _ = resp.WriteString(v)
	case []byte:
		resp = f.response()
		_, _ = resp.Write(v)
	case *exc.HTTPError:
		h.writeError(w, req, v)
		return
	case http.Handler:
		hr, err := req.HTTPRequest()
		if err != nil {
			h.writeError(w, req, err)
			return
		}
		if f.resp != nil {
			// After the delegate's own cookies, as WebOb's merge_cookies.
			v = f.resp.MergeCookiesHandler(v)
		}
		v.ServeHTTP(w, hr)
		return
	default:
		h.writeError(w, req, fmt.Errorf("webob: App returned a %T, which is not an answer", v))
		return
	}
	h.serveResponse(w, req, resp)
}

// callApp calls h.App, turning a panic into a *PanicError.
func (h *Handler) callApp(req *request.Request) (v any, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, h.recovered(p)
		}
	}()
	return h.App(req)
}

// Middleware returns a middleware made of f, as WebOb's
// wsgify.middleware: f gets each request and the next handler, and
// returns what an App returns; returning next delegates to it (with the
// environ as f left it), and f may instead call response.Send(req, next)
// to change what next answers.
func Middleware(f func(req *request.Request, next http.Handler) (any, error)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return HandleApp(func(req *request.Request) (any, error) { return f(req, next) })
	}
}

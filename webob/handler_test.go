package webob_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

func newLogger() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewTextHandler(&buf, nil)), &buf
}

func serve(h http.Handler, method, target, accept string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	if accept != "" {
		r.Header.Set("Accept", accept)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandlerOK(t *testing.T) {
	h := webob.Handle(func(r *request.Request) (*response.Response, error) {
		resp := response.New()
		get, err := r.GET()
		if err != nil {
			return nil, err
		}
		resp.SetText("hello " + get.Get("name"))
		return resp, nil
	})
	w := serve(h, "GET", "/?name=ada", "")
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, "hello ada", w.Body.String())
	assert.Equal(t, "text/html; charset=UTF-8", w.Header().Get("Content-Type"))
}

func TestHandlerErrors(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		accept     string
		wantCode   int
		wantBody   string // substring
		wantLogged bool
	}{
		{"exc", exc.NotFound("no such user"), "text/plain", 404, "404 Not Found\n\nThe resource could not be found.\n\n no such user  ", false},
		{"wrapped exc", fmt.Errorf("loading: %w", exc.Forbidden("")), "application/json", 403, `"code": "403 Forbidden"`, false},
		{"request error", &request.TooLargeError{What: "body", Limit: 10}, "text/plain", 413, "413", false},
		{"foreign", errors.New("db password is hunter2"), "text/html", 500, "500 Internal Server Error", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, buf := newLogger()
			h := &webob.Handler{Logger: log, Func: func(*request.Request) (*response.Response, error) { return nil, tt.err }}
			w := serve(h, "GET", "/x", tt.accept)
			assert.Equal(t, tt.wantCode, w.Code)
			assert.Contains(t, w.Body.String(), tt.wantBody)
			assert.NotContains(t, w.Body.String(), "hunter2", "internal error text never reaches the client")
			if tt.wantLogged {
				assert.Contains(t, buf.String(), "hunter2")
				assert.Contains(t, buf.String(), "method=GET path=/x")
			} else {
				assert.Empty(t, buf.String())
			}
		})
	}
}

func TestHandlerPanicAndNil(t *testing.T) {
	log, buf := newLogger()
	h := &webob.Handler{Logger: log, Func: func(r *request.Request) (*response.Response, error) {
		if r.PathInfo() == "/panic" {
			panic("secret state")
		}
		return nil, nil
	}}
	w := serve(h, "GET", "/panic", "text/plain")
	assert.Equal(t, 500, w.Code)
	assert.NotContains(t, w.Body.String(), "secret")
	assert.Contains(t, buf.String(), "secret state")
	assert.Contains(t, buf.String(), "stack=", "the stack goes to the log")

	buf.Reset()
	w = serve(h, "GET", "/nil", "text/plain")
	assert.Equal(t, 500, w.Code)
	assert.Contains(t, buf.String(), "nil response")
}

func TestHandlerAbortPanics(t *testing.T) {
	h := webob.Handle(func(*request.Request) (*response.Response, error) { panic(http.ErrAbortHandler) })
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { serve(h, "GET", "/", "") })
}

func TestAdaptShapes(t *testing.T) {
	shapes := map[string]any{
		"func error": func(*request.Request) (*response.Response, error) {
			r := response.New()
			r.SetText("ok")
			return r, nil
		},
		"func": func(*request.Request) *response.Response {
			r := response.New()
			r.SetText("ok")
			return r
		},
		"raw":     func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "ok") },
		"handler": http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "ok") }),
	}
	for name, app := range shapes {
		h, err := webob.Adapt(app)
		require.NoError(t, err, name)
		assert.Equal(t, "ok", serve(h, "GET", "/", "").Body.String(), name)
	}
	_, err := webob.Adapt(func() {})
	assert.Error(t, err)
	_, err = webob.Adapt(nil)
	assert.Error(t, err)
	assert.Panics(t, func() { webob.MustAdapt(42) })
}

func TestRawPanic(t *testing.T) {
	h := webob.MustAdapt(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/late" {
			w.Write([]byte("partial"))
		}
		panic("boom")
	})
	w := serve(h, "GET", "/early", "text/plain")
	assert.Equal(t, 500, w.Code)
	assert.Contains(t, w.Body.String(), "500 Internal Server Error")
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { serve(h, "GET", "/late", "") },
		"a panic after the response started aborts the connection")
}

func TestHandlerHEAD(t *testing.T) {
	h := webob.Handle(func(*request.Request) (*response.Response, error) {
		r := response.New()
		r.SetText(strings.Repeat("x", 10))
		return r, nil
	})
	w := serve(h, "HEAD", "/", "")
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, "10", w.Header().Get("Content-Length"))
	assert.Empty(t, w.Body.String())
}

// panicPage is a webob.PanicWriter that answers the panics it is given,
// or declines them.
type panicPage struct {
	http.ResponseWriter
	r       *http.Request
	decline bool
	got     *webob.PanicError
}

func (p *panicPage) WritePanic(pe *webob.PanicError) bool {
	p.got = pe
	if p.decline {
		return false
	}
	p.WriteHeader(599)
	fmt.Fprintf(p, "panic page for %s: %v", p.r.URL.Path, pe.Value)
	return true
}

// wrapped hides a writer behind Unwrap, as middleware does.
type wrapped struct{ http.ResponseWriter }

func (w wrapped) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func TestPanicWriter(t *testing.T) {
	log, buf := newLogger()
	shapes := map[string]http.Handler{
		"func": &webob.Handler{Logger: log, Func: func(*request.Request) (*response.Response, error) { panic("kaboom") }},
		"raw":  webob.MustAdapt(func(http.ResponseWriter, *http.Request) { panic("kaboom") }),
	}
	for name, h := range shapes {
		for _, decline := range []bool{false, true} {
			rec := httptest.NewRecorder()
			r := httptest.NewRequest("GET", "/p", nil)
			pw := &panicPage{ResponseWriter: rec, r: r, decline: decline}
			h.ServeHTTP(wrapped{pw}, r)
			require.NotNil(t, pw.got, "%s: WritePanic called", name)
			assert.Equal(t, "kaboom", pw.got.Value, name)
			assert.NotEmpty(t, pw.got.Stack, name)
			if decline {
				assert.Equal(t, 500, rec.Code, "%s: declined, the usual 500", name)
				assert.NotContains(t, rec.Body.String(), "kaboom", name)
			} else {
				assert.Equal(t, 599, rec.Code, name)
				assert.Equal(t, "panic page for /p: kaboom", rec.Body.String(), name)
			}
		}
	}
	assert.Contains(t, buf.String(), "kaboom", "the panic is logged either way")
}

package webob_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

func TestApp(t *testing.T) {
	t.Parallel()
	echoPath := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner := request.FromHTTP(r, "")
		fmt.Fprintf(w, "script=%s path=%s", inner.ScriptName(), inner.PathInfo())
	})
	tests := []struct {
		name       string
		app        webob.App
		wantCode   int
		wantBody   string
		wantCookie []string
		wantCT     string
	}{
		{"nil uses the filled response", func(req *request.Request) (any, error) {
			resp := webob.Response(req)
			_ = resp.SetCookie("a", "1", response.CookieOptions{})
			_ = resp.SetText("filled")
			return nil, nil
		}, 200, "filled", []string{"a=1; Path=/"}, "text/html; charset=UTF-8"},
		{"nil never filled", func(*request.Request) (any, error) { return nil, nil }, 200, "", nil, "text/html; charset=UTF-8"},
		{"string", func(*request.Request) (any, error) { return "héllo", nil }, 200, "héllo", nil, "text/html; charset=UTF-8"},
		{"bytes", func(*request.Request) (any, error) { return []byte{1, 2}, nil }, 200, "\x01\x02", nil, "text/html; charset=UTF-8"},
		{"response gets the cookies", func(req *request.Request) (any, error) {
			_ = webob.Response(req).SetCookie("sid", "x", response.CookieOptions{})
			resp := response.New()
			resp.Header().Set("Content-Type", "text/plain")
			_ = resp.SetCookie("own", "y", response.CookieOptions{})
			_ = resp.SetText("mine")
			return resp, nil
		}, 200, "mine", []string{"own=y; Path=/", "sid=x; Path=/"}, "text/plain"},
		{"handler delegated with the environ as it is", func(req *request.Request) (any, error) {
			req.PathInfoPop()
			_ = webob.Response(req).SetCookie("c", "1", response.CookieOptions{})
			return echoPath, nil
		}, 200, "script=/blog path=/2024", []string{"c=1; Path=/"}, "text/plain; charset=utf-8"},
		{"returned HTTPError", func(*request.Request) (any, error) { return exc.NotFound("nope"), nil }, 404, "404 Not Found\n\nThe resource could not be found.\n\n nope  ", nil, "text/plain; charset=UTF-8"},
		{"error", func(*request.Request) (any, error) { return nil, exc.Forbidden("") }, 403, "", nil, "text/plain; charset=UTF-8"},
		{"unknown value", func(*request.Request) (any, error) { return 42, nil }, 500, "", nil, "text/plain; charset=UTF-8"},
		{"nil response", func(*request.Request) (any, error) { return (*response.Response)(nil), nil }, 500, "", nil, "text/plain; charset=UTF-8"},
		{"panic", func(*request.Request) (any, error) { panic("boom") }, 500, "", nil, "text/plain; charset=UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			log, _ := newLogger()
			h := &webob.Handler{App: tt.app, Logger: log}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/blog/2024", nil))
			assert.Equal(t, tt.wantCode, w.Code)
			if tt.wantBody != "" || tt.wantCode == 200 {
				assert.Equal(t, tt.wantBody, w.Body.String())
			}
			assert.Equal(t, tt.wantCookie, w.Result().Header.Values("Set-Cookie"))
			assert.Equal(t, tt.wantCT, w.Header().Get("Content-Type"))
		})
	}
}

func TestHandlerRenderer(t *testing.T) {
	t.Parallel()
	rd := &exc.Renderer{JSON: func(body, status, title string, req *request.Request) any {
		return map[string]string{"error": title}
	}}
	for _, h := range []*webob.Handler{
		{Renderer: rd, Func: func(*request.Request) (*response.Response, error) { return nil, exc.NotFound("") }},
		{Renderer: rd, App: func(*request.Request) (any, error) { return nil, exc.NotFound("") }},
	} {
		w := serve(h, "GET", "/", "application/json")
		assert.Equal(t, 404, w.Code)
		assert.Equal(t, `{"error":"Not Found"}`, w.Body.String())
	}
}

func TestMiddleware(t *testing.T) {
	t.Parallel()
	auth := webob.Middleware(func(req *request.Request, next http.Handler) (any, error) {
		if _, ok := req.Cookie("sid"); !ok {
			return nil, exc.Unauthorized("")
		}
		req.Environ["REMOTE_USER"] = "ada"
		return next, nil
	})
	app := auth(webob.HandleApp(func(req *request.Request) (any, error) {
		return "hello " + req.RemoteUser(), nil
	}))
	w := serve(app, "GET", "/", "")
	assert.Equal(t, 401, w.Code)

	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Cookie", "sid=1")
	w = httptest.NewRecorder()
	app.ServeHTTP(w, r)
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, "hello ada", w.Body.String())
}

func TestResponseOutsideApp(t *testing.T) {
	t.Parallel()
	req := request.New(request.Environ{}, nil)
	a, b := webob.Response(req), webob.Response(req)
	assert.NotSame(t, a, b, "outside an App each call is a new Response")
}

// An App returns whatever answers the request: a string, a Response, an
// error, or another handler to delegate to; cookies set on
// webob.Response(req) go with any of them.
func ExampleApp() {
	static := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "file %s", request.FromHTTP(r, "").PathInfo())
	})
	app := webob.HandleApp(func(req *request.Request) (any, error) {
		_ = webob.Response(req).SetCookie("seen", "1", response.CookieOptions{})
		switch seg, _ := req.PathInfoPop(); seg {
		case "hello":
			return "Hello!", nil
		case "static":
			return static, nil // the rest of the path goes to it
		}
		return nil, exc.NotFound("")
	})
	for _, target := range []string{"/hello", "/static/css/site.css", "/nope"} {
		w := httptest.NewRecorder()
		app.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(w.Code, w.Header().Get("Set-Cookie"), strings.SplitN(w.Body.String(), "\n", 2)[0])
	}
	// Output:
	// 200 seen=1; Path=/ Hello!
	// 200 seen=1; Path=/ file /css/site.css
	// 404  404 Not Found
}

// Middleware makes a middleware of a function that gets the request and
// the next handler, as WebOb's wsgify.middleware: it returns next to pass
// the request on, or anything an App returns to answer it itself.
func ExampleMiddleware() {
	requireKey := webob.Middleware(func(req *request.Request, next http.Handler) (any, error) {
		if req.Headers().Get("X-Api-Key") != "secret" {
			return nil, exc.Forbidden("")
		}
		return next, nil
	})
	app := requireKey(webob.HandleApp(func(*request.Request) (any, error) { return "data", nil }))
	for _, key := range []string{"", "secret"} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("X-Api-Key", key)
		w := httptest.NewRecorder()
		app.ServeHTTP(w, r)
		fmt.Println(w.Code, strings.SplitN(w.Body.String(), "\n", 2)[0])
	}
	// Output:
	// 403 403 Forbidden
	// 200 data
}

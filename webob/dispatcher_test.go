package webob_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// echo answers with what the Request makes of SCRIPT_NAME and PATH_INFO.
func echo(name string) webob.Func {
	return func(r *request.Request) (*response.Response, error) {
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText(fmt.Sprintf("%s script=%q path=%q url=%s", name, r.ScriptName(), r.PathInfo(), r.PathURL()))
		return resp, nil
	}
}

func TestDispatcher(t *testing.T) {
	var d webob.Dispatcher
	d.Mount("hello_webob.go", echo("hw"))
	d.Mount("index.go", echo("root-index"))
	d.Mount("admin/users.go", echo("users"))
	d.Mount("admin/index.go", echo("admin-index"))
	d.Mount("raw.go", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "raw %s", r.URL.Path) })

	tests := []struct {
		target, want string
		code         int
	}{
		{"/hello_webob.go", `hw script="/hello_webob.go" path="" url=http://example.com/hello_webob.go`, 200},
		{"/hello_webob", `hw script="/hello_webob" path="" url=http://example.com/hello_webob`, 200},
		{"/hello_webob/a/b", `hw script="/hello_webob" path="/a/b" url=http://example.com/hello_webob/a/b`, 200},
		{"/hello_webob.go/a/", `hw script="/hello_webob.go" path="/a/" url=http://example.com/hello_webob.go/a/`, 200},
		{"/", `root-index script="" path="/" url=http://example.com/`, 200},
		{"/index.go", `root-index script="/index.go" path="" url=http://example.com/index.go`, 200},
		{"/admin/users/7", `users script="/admin/users" path="/7" url=http://example.com/admin/users/7`, 200},
		{"/admin/users.go", `users script="/admin/users.go" path="" url=http://example.com/admin/users.go`, 200},
		{"/admin/", `admin-index script="/admin" path="/" url=http://example.com/admin/`, 200},
		{"/admin", `admin-index script="/admin" path="" url=http://example.com/admin`, 200},
		{"/raw/x", "raw /x", 200},
		{"/nothing", "", 404},
		{"/admin/nothing", "", 404},
		{"/hello_webob.go/../admin/users.go", "", 404},
		{"/hello_webobx", "", 404},
		{"/admin/users.go.go", "", 404},
	}
	for _, tt := range tests {
		w := serve(&d, "GET", tt.target, "text/plain")
		assert.Equal(t, tt.code, w.Code, "GET %s", tt.target)
		if tt.code == 200 {
			assert.Equal(t, tt.want, w.Body.String(), "GET %s", tt.target)
		} else {
			assert.Equal(t, "404 Not Found\n\nThe resource could not be found.\n\n   ", w.Body.String(), "GET %s: one uniform 404", tt.target)
		}
	}
}

func TestDispatcherUnderPrefix(t *testing.T) {
	var d webob.Dispatcher
	d.Mount("page.go", echo("page"))
	mux := http.NewServeMux()
	mux.Handle("/site/", webob.Mounted("/site", &d))
	w := serve(mux, "GET", "/site/page/x", "")
	assert.Equal(t, `page script="/site/page" path="/x" url=http://example.com/site/page/x`, w.Body.String())
	assert.Equal(t, 404, serve(mux, "GET", "/site/other", "").Code)
}

func TestDispatcherCustomNotFound(t *testing.T) {
	d := webob.Dispatcher{NotFound: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(418) })}
	assert.Equal(t, 418, serve(&d, "GET", "/x", "").Code)
}

func TestDispatcherMountPanics(t *testing.T) {
	for _, name := range []string{"", "x", "/x.go", "../x.go", "a/../b.go", ".go"} {
		var d webob.Dispatcher
		assert.Panics(t, func() { d.Mount(name, echo("x")) }, "Mount(%q)", name)
	}
	var d webob.Dispatcher
	d.Mount("a.go", echo("a"))
	assert.Panics(t, func() { d.Mount("a.go", echo("a")) }, "mounting twice")
}

func TestMountedOutside(t *testing.T) {
	h := webob.Mounted("/app", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	r := httptest.NewRequest("GET", "/application", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, 404, w.Code)
}

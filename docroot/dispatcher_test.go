package docroot_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// echo answers with what the Request makes of SCRIPT_NAME and PATH_INFO.
func echo(name string) http.Handler {
	return webob.Handle(func(r *request.Request) (*response.Response, error) {
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText(fmt.Sprintf("%s script=%q path=%q url=%s", name, r.ScriptName(), r.PathInfo(), r.PathURL()))
		return resp, nil
	})
}

func serve(h http.Handler, target string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", target, nil)
	r.Header.Set("Accept", "text/plain")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestDispatcher(t *testing.T) {
	var d docroot.Dispatcher
	d.Mount("hello_webob.go", echo("hw"))
	d.Mount("index.go", echo("root-index"))
	d.Mount("admin/users.go", echo("users"))
	d.Mount("admin/index.go", echo("admin-index"))
	d.Mount("raw.go", webob.MustAdapt(func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "raw %s", r.URL.Path) }))
	d.Mount("shop/cart.go", echo("cart"))
	d.Mount("shop.go", echo("shop"))

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
		{"/shop.go/x", `shop script="/shop.go" path="/x" url=http://example.com/shop.go/x`, 200},
		{"/shop/cart", `cart script="/shop/cart" path="" url=http://example.com/shop/cart`, 200},

		// Dot segments are removed first, as gowebob serve and Apache do.
		{"/hello_webob.go/a/./b", `hw script="/hello_webob.go" path="/a/b" url=http://example.com/hello_webob.go/a/b`, 200},
		{"/admin/../hello_webob/x/..", `hw script="/hello_webob" path="/" url=http://example.com/hello_webob/`, 200},
		{"/hello_webob.go/../admin/users.go", `users script="/admin/users.go" path="" url=http://example.com/admin/users.go`, 200},

		{"/nothing", "", 404},
		{"/admin/nothing", "", 404},
		{"/hello_webobx", "", 404},
		{"/admin/users.go.go", "", 404},
		// gowebob serve answers a folder without index.go with a 404, even
		// when a page has the folder's name.
		{"/shop", "", 404},
		{"/shop/", "", 404},
		{"/../hello_webob", "", 404},
		{"/hello_webob/.git", "", 404},
	}
	// A Fixed Dispatcher answers the same, the first time and from what
	// it kept.
	for _, fixed := range []bool{false, true, true} {
		d.Fixed = fixed
		for _, tt := range tests {
			w := serve(&d, tt.target)
			assert.Equal(t, tt.code, w.Code, "GET %s (Fixed %v)", tt.target, fixed)
			if tt.code == 200 {
				assert.Equal(t, tt.want, w.Body.String(), "GET %s (Fixed %v)", tt.target, fixed)
			} else {
				assert.Equal(t, "404 Not Found\n\nThe resource could not be found.\n\n   ", w.Body.String(), "GET %s (Fixed %v): one uniform 404", tt.target, fixed)
			}
		}
	}
}

func TestDispatcherMatch(t *testing.T) {
	var d docroot.Dispatcher
	h, got := d.Match("/x")
	assert.Nil(t, h, "Match on an empty Dispatcher")
	assert.Equal(t, docroot.Target{}, got)

	users := echo("users")
	d.Mount("admin/users.go", users)
	h, got = d.Match("/admin/users/7")
	assert.Equal(t, users, h)
	assert.Equal(t, docroot.Target{Kind: docroot.Page, File: "admin/users.go", ScriptName: "/admin/users", PathInfo: "/7"}, got)
	h, got = d.Match("/admin")
	assert.Nil(t, h, "Match of a folder without index.go")
	assert.Equal(t, docroot.Target{}, got)
}

// TestDispatcherServeTarget: a request answered through Match and
// ServeTarget gets what ServeHTTP answers, for a page, a static file and
// a URL that is neither; Match names the static file's target without a
// handler.
func TestDispatcherServeTarget(t *testing.T) {
	d := &docroot.Dispatcher{Static: fstest.MapFS{"style.css": {Data: []byte("p{}")}}}
	d.Mount("page.go", echo("page"))
	h, got := d.Match("/style.css")
	assert.Nil(t, h, "a static file has no page handler")
	assert.Equal(t, docroot.Target{Kind: docroot.Static, File: "style.css", ScriptName: "/style.css"}, got)
	for _, target := range []string{"/page/x?y=1", "/page.go", "/style.css", "/nothing", "/.hidden"} {
		want := serve(d, target)
		matched := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, t := d.Match(r.URL.Path)
			d.ServeTarget(w, r, t)
		})
		w := serve(matched, target)
		assert.Equal(t, want.Code, w.Code, target)
		assert.Equal(t, want.Header(), w.Header(), target)
		assert.Equal(t, want.Body.String(), w.Body.String(), target)
	}
}

func TestDispatcherUnderPrefix(t *testing.T) {
	var d docroot.Dispatcher
	d.Mount("page.go", echo("page"))
	mux := http.NewServeMux()
	mux.Handle("/site/", webob.Mounted("/site", &d))
	w := serve(mux, "/site/page/x")
	assert.Equal(t, `page script="/site/page" path="/x" url=http://example.com/site/page/x`, w.Body.String())
	assert.Equal(t, 404, serve(mux, "/site/other").Code)
}

func TestDispatcherCustomNotFound(t *testing.T) {
	d := docroot.Dispatcher{NotFound: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(418) })}
	assert.Equal(t, 418, serve(&d, "/x").Code)
	d.Mount("x.go", echo("x"))
	assert.Equal(t, 418, serve(&d, "/y").Code)
	assert.Equal(t, 200, serve(&d, "/x").Code)
}

func TestDispatcherMountPanics(t *testing.T) {
	for _, name := range []string{
		"", "x", "/x.go", "../x.go", "a/../b.go", "./x.go", "a//b.go", ".go", "x.go/",
		"x_test.go", "_x.go", ".x.go", "internal/x.go", "testdata/x.go", "vendor/x.go", ".git/x.go",
	} {
		var d docroot.Dispatcher
		assert.Panics(t, func() { d.Mount(name, echo("x")) }, "Mount(%q)", name)
	}
	var d docroot.Dispatcher
	assert.Panics(t, func() { d.Mount("a.go", nil) }, "Mount of a nil handler")
	d.Mount("a.go", echo("a"))
	assert.Panics(t, func() { d.Mount("a.go", echo("a")) }, "mounting twice")
	assert.Panics(t, func() { d.Mount("a.go/b.go", echo("b")) }, "a page used as a folder")
	d.Mount("c.go/d.go", echo("d"))
	assert.Panics(t, func() { d.Mount("c.go", echo("c")) }, "a folder mounted as a page")
}

func BenchmarkDispatcherMatch(b *testing.B) {
	var d docroot.Dispatcher
	for _, name := range []string{"hello_webob.go", "index.go", "admin/index.go", "admin/users.go"} {
		d.Mount(name, echo(name))
	}
	for _, p := range []string{"/hello_webob.go", "/hello_webob/a/b", "/admin/", "/admin/users/7", "/hello_webob/a/./b/../c", "/missing"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d.Match(p)
			}
		})
	}
}

// TestDispatcherMountEnviron: a page's environ keys reach its requests
// over an outer router's, beside SCRIPT_NAME, and neither the outer
// environ nor the page's is changed.
func TestDispatcherMountEnviron(t *testing.T) {
	var got request.Environ
	page := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		got, _ = request.EnvironFromContext(r.Context())
	})
	tests := []struct {
		name  string
		outer request.Environ // in the context, nil for none
		page  request.Environ
		want  request.Environ
	}{
		{name: "no environ", want: request.Environ{"SCRIPT_NAME": "/shop/cart"}},
		{name: "page's keys", page: request.Environ{"gowebob.page": "shop/cart.go"},
			want: request.Environ{"SCRIPT_NAME": "/shop/cart", "gowebob.page": "shop/cart.go"}},
		{name: "over the outer router's",
			outer: request.Environ{"SCRIPT_NAME": "/app", "HTTP_X_REQUEST_ID": "r1", "gowebob.page": "outer"},
			page:  request.Environ{"gowebob.page": "shop/cart.go", "DOCUMENT_ROOT": "/srv/www"},
			want: request.Environ{"SCRIPT_NAME": "/app/shop/cart", "HTTP_X_REQUEST_ID": "r1",
				"gowebob.page": "shop/cart.go", "DOCUMENT_ROOT": "/srv/www"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d docroot.Dispatcher
			d.MountEnviron("shop/cart.go", page, tt.page)
			outer, pageEnv := tt.outer.Clone(), tt.page.Clone()
			r := httptest.NewRequest("GET", "/shop/cart/x", nil)
			if tt.outer != nil {
				r = r.WithContext(request.NewContextWithEnviron(r.Context(), tt.outer))
			}
			got = nil
			d.ServeHTTP(httptest.NewRecorder(), r)
			assert.Equal(t, tt.want, got)
			if tt.outer != nil {
				assert.Equal(t, outer, tt.outer, "the outer environ is copied, not changed")
			}
			if tt.page != nil {
				assert.Equal(t, pageEnv, tt.page, "the page's environ is copied, not changed")
			}
		})
	}
}

// TestDispatcherTimeout: a page's request context ends Timeout after the
// Dispatcher hands it over, with the page's SCRIPT_NAME still in it; a
// Dispatcher without Timeout adds no deadline.
func TestDispatcherTimeout(t *testing.T) {
	var (
		deadline time.Time
		has      bool
		err      error
		script   string
	)
	page := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		deadline, has = r.Context().Deadline()
		if has {
			<-r.Context().Done()
		}
		err = r.Context().Err()
		script = request.FromHTTP(r, "").ScriptName()
	})
	d := docroot.Dispatcher{Timeout: 20 * time.Millisecond}
	d.Mount("slow.go", page)
	start := time.Now()
	w := serve(&d, "/slow/x")
	assert.Equal(t, 200, w.Code)
	require.True(t, has, "a deadline")
	assert.WithinDuration(t, start.Add(d.Timeout), deadline, time.Second)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, "/slow", script)

	d.Timeout = 0
	serve(&d, "/slow")
	assert.False(t, has, "no Timeout, no deadline")
	assert.NoError(t, err)
}

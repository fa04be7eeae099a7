package webob_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// Handle turns a WebOb-style function into an http.Handler; a returned exc
// error is rendered for the client's Accept header.
func ExampleHandle() {
	h := webob.Handle(func(req *request.Request) (*response.Response, error) {
		get, err := req.GET()
		if err != nil {
			return nil, err
		}
		name := get.Get("name")
		if name == "" {
			return nil, exc.BadRequest("name is required")
		}
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText("Hello, " + name + "!")
		return resp, nil
	})

	for _, target := range []string{"/?name=Ada", "/"} {
		r := httptest.NewRequest("GET", target, nil)
		r.Header.Set("Accept", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 200 Hello, Ada!
	// 400 {"message": "The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />\nname is required\n\n", "code": "400 Bad Request", "title": "Bad Request"}
}

// Mounted serves an application under a URL prefix: the application sees
// the prefix as SCRIPT_NAME and the rest as PATH_INFO.
func ExampleMounted() {
	h := webob.Mounted("/shop", webob.Handle(func(req *request.Request) (*response.Response, error) {
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText(fmt.Sprintf("script=%s path=%s url=%s", req.ScriptName(), req.PathInfo(), req.PathURL()))
		return resp, nil
	}))
	for _, target := range []string{"/shop/cart/7", "/shopping"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 200 script=/shop path=/cart/7 url=http://example.com/shop/cart/7
	// 404 404 Not Found
	//
	// The resource could not be found.
}

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

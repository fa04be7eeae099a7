package webob_test

import (
	"fmt"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

var greet = webob.Handle(func(req *request.Request) (*response.Response, error) {
	params, err := req.Params()
	if err != nil {
		return nil, err
	}
	name := params.Get("name")
	if name == "" {
		return nil, exc.BadRequest("name is required")
	}
	resp := response.New()
	resp.SetContentType("text/plain")
	_ = resp.SetText(req.Method() + " hello " + name)
	return resp, nil
})

// Get calls a handler in one line, as WebOb's wsgify.get.
func ExampleHandler_Get() {
	resp, _ := greet.Get("/?name=Ada", nil)
	text, _ := resp.Text()
	fmt.Println(resp.Status(), text)
	resp, _ = greet.Get("/", nil)
	fmt.Println(resp.Status())
	// Output:
	// 200 OK GET hello Ada
	// 400 Bad Request
}

// Post sends a form, as WebOb's wsgify.post.
func ExampleHandler_Post() {
	resp, _ := greet.Post("/", []request.Item{{Key: "name", Value: "Grace"}}, nil)
	fmt.Println(resp.Text())
	// Output: POST hello Grace <nil>
}

// Request takes any request.Blank options, as WebOb's wsgify.request.
func ExampleHandler_Request() {
	resp, _ := greet.Request("/?name=Lin", &request.BlankOptions{Method: "PUT"})
	fmt.Println(resp.Text())
	// Output: PUT hello Lin <nil>
}

// hello.go is the bench "hello" page for gowebob serve: bench.GowebobHello as a file.
package main

import (
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// helloBody is bench.HelloBody.
const helloBody = "<html><body><h1>Hello, world!</h1></body></html>"

// Application is bench.GowebobHello.
func Application(req *request.Request) (*response.Response, error) {
	resp := response.New()
	if err := resp.SetText(helloBody); err != nil {
		return nil, err
	}
	return resp, nil
}

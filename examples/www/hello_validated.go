// hello_validated.go is the hello_webob form bound to a struct and
// validated (bind.Bind): the first name is required.
package main

import (
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Application is pages.HelloWebObValidated.
func Application(req *request.Request) (*response.Response, error) {
	return pages.HelloWebObValidated(req)
}

// hello_webob.go is the seed's WebOb form page (hello_webob.py) for gowebob serve.
package main

import (
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Application is pages.HelloWebOb.
func Application(req *request.Request) (*response.Response, error) { return pages.HelloWebOb(req) }

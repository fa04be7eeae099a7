// hello_webob.go serves the seed's WebOb form page (hello_webob.py): a form that posts back to its own URL and lists the params it got.
package main

import (
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Application is pages.HelloWebOb.
func Application(req *request.Request) (*response.Response, error) { return pages.HelloWebOb(req) }

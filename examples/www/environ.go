// environ.go serves a dump of the CGI/WSGI environ the page sees, as text or, for a client that prefers it, JSON.
package main

import (
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Application is pages.Environ.
func Application(req *request.Request) (*response.Response, error) { return pages.Environ(req) }

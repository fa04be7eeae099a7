// inspect.go serves the JSON document of what the request package makes of the request, the twin of the seed's inspect.py.
package main

import (
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Application is pages.Inspect.
func Application(req *request.Request) (*response.Response, error) { return pages.Inspect(req) }

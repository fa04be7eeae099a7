// Command inspect serves the inspect page on its own: every request is
// answered with a JSON document of what the request package makes of it,
// the document the seed's inspect.py prints on WebOb (see pages.Inspect).
//
//	go run ./examples/inspect -addr 127.0.0.1:8080
//	curl 'http://127.0.0.1:8080/a/b?x=1&x=2'
//
// It stops gracefully on SIGINT or SIGTERM.
package main

import (
	"net/http"

	"github.com/gowebob/gowebob/examples/internal/serve"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// newHandler returns the application: pages.Inspect through webob.Handle.
func newHandler() http.Handler { return webob.Handle(pages.Inspect) }

func main() { serve.Main("inspect", newHandler()) }

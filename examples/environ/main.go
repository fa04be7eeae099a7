// Command environ serves a dump of the CGI/WSGI environ the page sees, as
// KEY: value lines or, for a client that prefers application/json, as a JSON
// object (see pages.Environ).
//
//	go run ./examples/environ -addr 127.0.0.1:8080
//	curl -H 'Accept: application/json' http://127.0.0.1:8080/a/b?x=1
//
// It stops gracefully on SIGINT or SIGTERM.
package main

import (
	"net/http"

	"github.com/gowebob/gowebob/examples/internal/serve"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// newHandler returns the application: pages.Environ through webob.Handle.
func newHandler() http.Handler { return webob.Handle(pages.Environ) }

func main() { serve.Main("environ", newHandler()) }

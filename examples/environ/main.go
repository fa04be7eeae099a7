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
	"context"
	"net"
	"net/http"

	"github.com/gowebob/gowebob/examples/internal/serve"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// newHandler returns the application: pages.Environ through webob.Handle.
func newHandler() http.Handler { return webob.Handle(pages.Environ) }

// run serves newHandler on addr until ctx is done; ready gets the address.
func run(ctx context.Context, addr string, ready func(net.Addr)) error {
	return serve.Run(ctx, addr, newHandler(), ready)
}

func main() { serve.Main("environ", newHandler()) }

// Command hello serves the seed's raw hello page: the same small HTML page
// for every request, a plain net/http handler (see pages.Hello).
//
//	go run ./examples/hello -addr 127.0.0.1:8080
//	curl http://127.0.0.1:8080/
//
// It stops gracefully on SIGINT or SIGTERM.
package main

import (
	"net/http"

	"github.com/gowebob/gowebob/examples/internal/serve"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// newHandler returns the application: pages.Hello through webob.MustAdapt.
func newHandler() http.Handler { return webob.MustAdapt(pages.Hello) }

func main() { serve.Main("hello", newHandler()) }

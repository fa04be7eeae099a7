// Command hello_webob serves the seed's WebOb form page: a form that posts
// back to its own URL and lists the params it got, the HTML hello_webob.py
// gives on WebOb (see pages.HelloWebOb).
//
//	go run ./examples/hello_webob -addr 127.0.0.1:8080
//	curl 'http://127.0.0.1:8080/some/path?firstname=Ada&lastname=Lovelace'
//
// It stops gracefully on SIGINT or SIGTERM.
package main

import (
	"net/http"

	"github.com/gowebob/gowebob/examples/internal/serve"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// newHandler returns the application: pages.HelloWebOb through webob.Handle.
func newHandler() http.Handler { return webob.Handle(pages.HelloWebOb) }

func main() { serve.Main("hello_webob", newHandler()) }

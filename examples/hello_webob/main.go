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
	"context"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/gowebob/gowebob/examples/internal/serve"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// newHandler returns the application: pages.HelloWebOb through webob.Handle.
func newHandler() http.Handler { return webob.Handle(pages.HelloWebOb) }

// run serves newHandler on addr until ctx is done; ready gets the address.
func run(ctx context.Context, addr string, ready func(net.Addr)) error {
	return serve.Run(ctx, addr, newHandler(), ready)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, *addr, func(a net.Addr) { log.Printf("hello_webob: listening on http://%s/", a) })
	if err != nil {
		log.Fatalf("hello_webob: %v", err)
	}
}

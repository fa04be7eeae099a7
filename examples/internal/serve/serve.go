// Package serve runs the example commands' HTTP servers: one function that
// listens, serves with timeouts and shuts down gracefully, so that each
// example's main.go only says which handler it serves.
//
// It is internal to the examples and promises nothing beyond them.
package serve

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// The server limits every example uses. They bound what a slow or hostile
// client can hold: headers must arrive within ReadHeaderTimeout, a whole
// request within ReadTimeout, and idle keep-alive connections are closed.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 30 * time.Second
	IdleTimeout       = 120 * time.Second
	MaxHeaderBytes    = 64 << 10
	ShutdownTimeout   = 10 * time.Second
)

// NewServer returns an *http.Server for h with the limits above.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}

// Run listens on addr ("127.0.0.1:8080"; port 0 picks a free one) and serves
// h until ctx is done, then shuts the server down gracefully, giving requests
// in flight ShutdownTimeout to finish. ready, if not nil, is called with the
// address actually listened on once the listener is open. Run returns nil
// after a clean shutdown, and otherwise the error that stopped it.
func Run(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := NewServer(h)
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Main is the main function of an example command called name: it reads
// -addr (default 127.0.0.1:8080), serves h there with Run until SIGINT or
// SIGTERM, and exits non-zero on an error.
func Main(name string, h http.Handler) {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := Run(ctx, *addr, h, func(a net.Addr) { log.Printf("%s: listening on http://%s/", name, a) })
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
}

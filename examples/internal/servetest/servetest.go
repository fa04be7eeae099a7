// Package servetest serves an example command's handler for a test the
// way the command does (serve.Run), on a free loopback port, and stops it
// gracefully when the test ends.
package servetest

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/gowebob/gowebob/examples/internal/serve"
)

// Start runs serve.Run with h on 127.0.0.1:0 and returns the server's base URL,
// "http://127.0.0.1:PORT". When the test ends it cancels run's context and
// fails the test unless run returns nil (a clean shutdown) within 15s.
func Start(tb testing.TB, h http.Handler) string {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	errc := make(chan error, 1)
	go func() { errc <- serve.Run(ctx, "127.0.0.1:0", h, func(a net.Addr) { addrc <- a }) }()
	var addr net.Addr
	select {
	case addr = <-addrc:
	case err := <-errc:
		cancel()
		tb.Fatalf("run returned before listening: %v", err)
	case <-time.After(10 * time.Second):
		cancel()
		tb.Fatal("run did not start listening within 10s")
	}
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-errc:
			if err != nil {
				tb.Errorf("run after shutdown = %v, want nil", err)
			}
		case <-time.After(15 * time.Second):
			tb.Error("run did not return within 15s of its context being cancelled")
		}
	})
	return "http://" + addr.String()
}

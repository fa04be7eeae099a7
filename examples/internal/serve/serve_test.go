package serve_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/gowebob/gowebob/examples/internal/serve"
)

func TestNewServerLimits(t *testing.T) {
	srv := serve.NewServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 {
		t.Errorf("NewServer timeouts = %v %v %v %v, want all set", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}
	if srv.MaxHeaderBytes != serve.MaxHeaderBytes {
		t.Errorf("NewServer MaxHeaderBytes = %d, want %d", srv.MaxHeaderBytes, serve.MaxHeaderBytes)
	}
}

// TestRunGracefulShutdown cancels Run while a request is in flight: the
// request completes and Run returns nil.
func TestRunGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	addrc, errc := make(chan net.Addr, 1), make(chan error, 1)
	go func() { errc <- serve.Run(ctx, "127.0.0.1:0", h, func(a net.Addr) { addrc <- a }) }()
	addr := <-addrc

	type result struct {
		body string
		err  error
	}
	resc := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + addr.String() + "/")
		if err != nil {
			resc <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		resc <- result{string(b), err}
	}()
	<-started
	cancel()
	select {
	case err := <-errc:
		t.Fatalf("Run returned %v while a request was in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if res := <-resc; res.err != nil || res.body != "done" {
		t.Errorf("in-flight request = %q, %v; want \"done\", nil", res.body, res.err)
	}
	if err := <-errc; err != nil {
		t.Errorf("Run after shutdown = %v, want nil", err)
	}
}

func TestRunListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = serve.Run(context.Background(), ln.Addr().String(), http.NotFoundHandler(), nil)
	if err == nil {
		t.Errorf("Run(%s) on a port in use = nil, want an error", ln.Addr())
	}
}

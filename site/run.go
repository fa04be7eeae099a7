package site

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gowebob/gowebob/middleware"
)

// serving returns the handler Run serves, o having its defaults: the
// site's Dispatcher with the request timeout, each page's turns and
// metrics before it, then the middleware, and the metrics.
func (s *Site) serving(o Options) (http.Handler, *metrics, error) {
	files := make([]string, len(s.Pages))
	for i, p := range s.Pages {
		files[i] = p.File
	}
	m := newMetrics(files)
	d, err := s.dispatcher(max(o.RequestTimeout, 0))
	if err != nil {
		return nil, nil, err
	}
	h := m.measure(gatePages(d, m, o))
	if len(o.TrustedProxies) > 0 {
		h = middleware.ProxyHeaders(middleware.ProxyOptions{TrustedProxies: o.TrustedProxies})(h)
	}
	h = middleware.RecoverWith(middleware.RecoverOptions{Logger: o.Logger})(h)
	if !o.NoAccessLog {
		h = middleware.AccessLog(o.Logger)(h)
	}
	return middleware.RequestID(h), m, nil
}

// Run serves s on ln (see Listener) until ctx ends, then shuts down
// gracefully: the readiness probe says draining, the listener closes, and
// the requests in flight get o.ShutdownTimeout to finish. The requests go
// through the same middleware as under gowebob serve (RequestID,
// AccessLog unless o.NoAccessLog, Recover), then ProxyHeaders for
// o.TrustedProxies, the metrics, and each page's limits (see Options). With o.MetricsAddr, the
// metrics and probes are served there until Run returns (after Main's
// SIGHUP upgrade, only until the drain begins: the new program answers
// them on the same socket).
func Run(ctx context.Context, s *Site, ln net.Listener, o Options) error {
	o = o.withDefaults()
	log := o.Logger
	h, m, err := s.serving(o)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: o.ReadHeaderTimeout,
		ReadTimeout:       o.ReadTimeout,
		WriteTimeout:      o.WriteTimeout,
		IdleTimeout:       o.IdleTimeout,
		MaxHeaderBytes:    o.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	var fr fresh
	hs.ConnState = fr.track
	var hl health
	var mln net.Listener
	if o.MetricsAddr != "" || o.MetricsListener != nil {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", m)
		mux.HandleFunc("GET /livez", hl.live)
		mux.HandleFunc("GET /readyz", hl.ready)
		mln = o.MetricsListener
		if mln == nil {
			if mln, err = net.Listen("tcp", o.MetricsAddr); err != nil {
				return err
			}
		}
		ms := &http.Server{Handler: mux, ReadHeaderTimeout: o.ReadHeaderTimeout}
		go ms.Serve(mln)
		defer ms.Close()
		log.Info("metrics", "url", "http://"+mln.Addr().String()+"/metrics")
	}
	errc := make(chan error, 1)
	go func() {
		if o.TLSCert != "" || o.TLSKey != "" {
			errc <- hs.ServeTLS(ln, o.TLSCert, o.TLSKey)
			return
		}
		errc <- hs.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	hl.draining.Store(true)
	if mln != nil && errors.Is(context.Cause(ctx), errUpgraded) {
		// The new program shares the metrics socket: let it answer every
		// new probe, rather than this one say "draining" to some. The
		// probes this one accepted are answered.
		mln.Close()
	}
	log.Info("shutting down", "timeout", o.ShutdownTimeout)
	start := time.Now()
	// Stop accepting, then let the connections just accepted begin their
	// request before Shutdown (see fresh), for at most the time a client
	// gets to send its header.
	ln.Close()
	<-errc // Serve returns on the closed listener
	fr.wait(min(o.ReadHeaderTimeout, o.ShutdownTimeout))
	sctx, cancel := context.WithTimeout(context.Background(), o.ShutdownTimeout-time.Since(start))
	defer cancel()
	if err := hs.Shutdown(sctx); errors.Is(err, context.DeadlineExceeded) {
		log.Warn("shutdown: requests still running after the timeout", "timeout", o.ShutdownTimeout)
		hs.Close()
	}
	return nil
}

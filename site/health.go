package site

import (
	"net/http"
	"sync/atomic"
)

// health answers the liveness and readiness probes: /livez is 200 while
// the program runs, /readyz 200 while it accepts new work and 503 from the
// moment it begins to drain (on SIGTERM, SIGINT or an upgrade), so that a
// load balancer stops sending it requests before it stops listening.
type health struct {
	draining atomic.Bool
}

func (h *health) live(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (h *health) ready(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if h.draining.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("draining\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

package site

import (
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// fresh counts the connections that have not yet begun their first
// request (http.StateNew).
//
// http.Server.Shutdown drops a request it reads after it began, without
// an answer (net/http's conn.serve returns when it sees the server
// shutting down): a connection accepted just before the listener closed,
// whose request was still in flight, would fail. That is the very
// connection an upgrade or a rolling restart must not lose, so Run first
// closes the listener, waits for the fresh connections to begin their
// request, then shuts down.
type fresh struct {
	n     atomic.Int64
	conns sync.Map // net.Conn -> struct{}, the fresh ones
}

// track is the server's ConnState hook.
func (f *fresh) track(c net.Conn, st http.ConnState) {
	if st == http.StateNew {
		f.conns.Store(c, struct{}{})
		f.n.Add(1)
		return
	}
	// A connection fresh until now is counted: none is when n is 0, as
	// under steady keep-alive load, where this runs twice per request.
	if f.n.Load() == 0 {
		return
	}
	if _, ok := f.conns.LoadAndDelete(c); ok {
		f.n.Add(-1)
	}
}

// wait returns once no connection is fresh, or after max.
func (f *fresh) wait(max time.Duration) {
	deadline := time.Now().Add(max)
	for f.n.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
}

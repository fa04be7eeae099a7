package serve

import (
	"context"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
)

// Limits are the timeouts and header limit of the HTTP server in front of
// a Server, which page programs apply to the connections handed to them.
type Limits = pageproto.Limits

// Serve serves the docroot with hs on ln until hs is shut down, handing
// each connection whose request is for a page to the page's program, as
// mod_wsgi's daemon mode cannot: the program then answers that request and
// the connection's next ones for the same URL path itself, at the speed of
// an in-process handler, and hands the connection back when a request is
// for anything else, or when a file the URL's mapping depends on changed.
// hs.Handler (s itself, or middleware around s) answers everything else:
// static files, errors, HTTP/2 and TLS connections, and any request that
// cannot be handed over (a header over 128 KiB; a system without unix
// socket pairs).
//
// Page programs log the requests they answer through s's Logger, as
// middleware.RequestID and middleware.AccessLog would, and apply s.Limits,
// which should be hs's own. A program that crashes takes its connections
// down with it: the client of a request in flight sees the connection
// close instead of a 502, and the next request starts the program again.
func (s *Server) Serve(hs *http.Server, ln net.Listener) error {
	return hs.Serve(s.handOver(hs, ln))
}

// handOver sets hs up for Serve and returns the listener to serve: ln's
// connections and the ones page programs hand back.
func (s *Server) handOver(hs *http.Server, ln net.Listener) net.Listener {
	l := handoff.NewListener(ln, handoff.Refuse)
	s.mu.Lock()
	s.handbacks = l
	s.mu.Unlock()
	next := hs.Handler
	if next == nil {
		next = s
	}
	hs.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, handed := s.handOff(w, r)
		if handed {
			return
		}
		if res != nil {
			r = r.WithContext(context.WithValue(r.Context(), resolvedKey{}, res))
		}
		next.ServeHTTP(w, r)
	})
	connContext := hs.ConnContext
	hs.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		if connContext != nil {
			ctx = connContext(ctx, c)
		}
		return handoff.WithConn(ctx, c)
	}
	return l
}

// sendTimeout bounds handing a connection to a page program.
const sendTimeout = 5 * time.Second

// proxyFirst tags a connection whose first request must not be handed
// over again: sending it failed once.
type proxyFirst struct{}

// resolvedKey is the context key of a *resolved: what handOff found out
// about a request it did not hand over, so that ServeHTTP does not resolve
// the path, or try to start the page's program, a second time.
type resolvedKey struct{}

// resolved is the target of a request, and for a page the error of
// getting its program ready, if any.
type resolved struct {
	t   urlmap.Target
	err error
}

// handOff hands r's connection to the program of the page r is for, and
// reports whether it did; when it did not, nothing was written to w, and
// res is what it resolved, if it got that far.
func (s *Server) handOff(w http.ResponseWriter, r *http.Request) (res *resolved, handed bool) {
	s.mu.Lock()
	hb := s.handbacks
	s.mu.Unlock()
	if hb == nil || r.ProtoMajor != 1 || r.TLS != nil {
		return nil, false
	}
	if _, ok := handoff.TakeTag(r.Context()).(proxyFirst); ok {
		return nil, false
	}
	rec := &recorder{s: s}
	res = &resolved{t: urlmap.Resolve(rec, r.URL.Path)}
	t := res.t
	if t.Kind != urlmap.Page {
		return res, false
	}
	p := s.page(t.File)
	c, err := s.ready(p)
	if err != nil {
		res.err = err // ServeHTTP answers with it
		return res, false
	}
	defer c.release()
	if c.ctl == nil {
		return res, false
	}
	p.mu.Lock()
	inputs := p.stats
	p.mu.Unlock()
	rt := &pageproto.Route{Path: r.URL.Path, Environ: s.targetEnviron(t), Checks: append(rec.checks, inputs...)}
	msg := pageproto.AppendRoute([]byte{pageproto.MsgConn}, rt)
	head := len(msg)
	msg = handoff.AppendHead(msg, r)
	// What the connection has buffered is at most net/http's 4 KiB reader.
	if len(msg)+4<<10 > handoff.MaxMessage {
		return res, false
	}
	raw, msg, err := handoff.Hijack(w, msg)
	if err != nil {
		return res, false
	}
	// A program that stopped reading its socket pair must not hold the
	// server's handlers: the send fails and the request is proxied.
	c.ctl.SetWriteDeadline(time.Now().Add(sendTimeout))
	if err := handoff.Send(c.ctl, msg, raw); err != nil {
		// The program is gone or stuck (it never saw the request): once
		// its exit is seen, the request comes round again, and is
		// proxied, which starts a new program if this one exited.
		s.logger().Warn("page program did not take a connection", "page", p.rel, "error", err)
		select {
		case <-c.exited:
		case <-time.After(time.Second):
		}
		hb.Inject(handoff.NewConn(raw, msg[head:], proxyFirst{}))
		return nil, true
	}
	raw.Close()
	return nil, true
}

// handback takes a connection a page program handed back.
func (s *Server) handback(conn net.Conn, data []byte) {
	s.mu.Lock()
	hb := s.handbacks
	s.mu.Unlock()
	if hb == nil {
		handoff.Refuse(conn)
		return
	}
	hb.Inject(handoff.NewConn(conn, data, nil))
}

// recorder is the urlmap.Files of a hand-over: it notes the state of each
// file Resolve looked at, for the page program to check again.
type recorder struct {
	s      *Server
	checks []pageproto.Check
}

func (r *recorder) Stat(name string) (fs.FileInfo, error) {
	fi, err := r.s.stat(name)
	abs := r.s.abs(name)
	if err != nil {
		r.checks = append(r.checks, pageproto.Check{Path: abs})
	} else {
		r.checks = append(r.checks, pageproto.FileCheck(abs, fi))
	}
	return fi, err
}

func (r *recorder) IsPage(name string, fi fs.FileInfo) bool { return r.s.isPage(name, fi) }

// receive takes the program's messages: connections handed back go to
// handback, log records to log; every message is a sign of work.
func (c *child) receive(log *slog.Logger, handback func(net.Conn, []byte)) {
	handoff.Receive(c.ctl, func(msg []byte, conn net.Conn) bool {
		c.lastUsed.Store(time.Now().UnixNano())
		switch {
		case msg[0] == pageproto.MsgConn && conn != nil:
			handback(conn, append([]byte(nil), msg[1:]...))
			return false
		case msg[0] == pageproto.MsgLog:
			logRecords(log, msg[1:])
		}
		if conn != nil {
			conn.Close()
		}
		return false
	})
}

// logRecords logs the records of a MsgLog with log's handler.
func logRecords(log *slog.Logger, b []byte) {
	h := log.Handler()
	for len(b) > 0 {
		rec, rest, err := pageproto.ParseRecord(b)
		if err != nil {
			log.Warn("bad log message from a page program", "error", err)
			return
		}
		if h.Enabled(context.Background(), rec.Level) {
			h.Handle(context.Background(), rec)
		}
		b = rest
	}
}

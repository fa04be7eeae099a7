package serve

import (
	"context"
	"encoding/binary"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
)

// Settings are the timeouts and header limit of the HTTP server in front
// of a Server, which page programs apply to the connections lent to them,
// and the safety nets page programs apply to every request.
type Settings = pageproto.Settings

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
// middleware.RequestID and middleware.AccessLog would, and apply
// s.Settings, whose timeouts should be hs's own. The server keeps its own
// descriptor of every connection it lends, and the program records in
// memory they share what it did with each (see handoff.Table): when a
// program dies, the requests its handlers were running fail (a 502 when
// nothing of the answer was sent, else the connection closes), and every
// other connection, with the bytes the program read and did not begin to
// answer, is served again, by a new program.
func (s *Server) Serve(hs *http.Server, ln net.Listener) error {
	return hs.Serve(s.lendFrom(hs, ln))
}

// lendFrom sets hs up for Serve and returns the listener to serve: ln's
// connections and the ones page programs hand back.
func (s *Server) lendFrom(hs *http.Server, ln net.Listener) net.Listener {
	l := handoff.NewListener(ln, refuseOrClose)
	// Shutdown waits for the handlers: the event streams must end.
	hs.RegisterOnShutdown(s.endStreams)
	s.mu.Lock()
	s.givenBack = l
	s.mu.Unlock()
	next := hs.Handler
	if next == nil {
		next = s
	}
	hs.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, lent := s.lend(w, r)
		if lent {
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

// resolvedKey is the context key of a *resolved: what lend found out
// about a request it did not hand over, so that ServeHTTP does not resolve
// the path, or try to start the page's program, a second time.
type resolvedKey struct{}

// resolved is the target of a request, and for a page the error of
// getting its program ready, if any.
type resolved struct {
	t   urlmap.Target
	err error
}

// lend hands r's connection to the program of the page r is for, and
// reports whether it did; when it did not, nothing was written to w, and
// res is what it resolved, if it got that far.
func (s *Server) lend(w http.ResponseWriter, r *http.Request) (res *resolved, lent bool) {
	s.mu.Lock()
	hb := s.givenBack
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
	// The route's checks are the page's inputs as they are now, not the
	// ones the program was built from: while a newer version builds, or
	// after it failed to, the server lends on purpose to the last good
	// program, and the states it was built from would fail the program's
	// check of the connection's next request, which would come back here
	// and go to it again, round and round until the build ends. With
	// today's states the program answers the connection's requests for
	// this path until a file changes again, or until its successor is
	// started: then it is stopped, and gives its idle connections back to
	// the server, which lends them to the successor.
	c, inputs, err := s.ready(p)
	if err != nil {
		res.err = err // ServeHTTP answers with it
		return res, false
	}
	defer c.release()
	if c.lender == nil {
		return res, false
	}
	rt := &pageproto.Route{Path: r.URL.Path, Environ: s.targetEnviron(t), Checks: append(rec.checks, inputs...)}
	msg := pageproto.AppendRoute(pageproto.AppendIndex([]byte{pageproto.MsgConn}, 0), rt)
	head := handoff.AppendHead(nil, r)
	// What the connection has buffered is at most net/http's 4 KiB reader.
	if len(head)+4<<10 > handoff.SlotBuf || len(msg)+binary.MaxVarintLen32 > handoff.MaxMessage {
		return res, false
	}
	raw, data, err := handoff.Hijack(w, head)
	if err != nil {
		return res, false
	}
	i, ok := c.lender.Lend(raw, data)
	if !ok {
		// Every slot is lent (or the program just died): the request
		// comes round again and is proxied.
		hb.Inject(handoff.NewConn(raw, data, proxyFirst{}))
		return nil, true
	}
	msg = pageproto.AppendRoute(pageproto.AppendIndex([]byte{pageproto.MsgConn}, i), rt)
	// A program that stopped reading its socket pair must not hold the
	// server's handlers: the send fails and the request is proxied.
	c.ctl.SetWriteDeadline(time.Now().Add(sendTimeout))
	if err := handoff.Send(c.ctl, msg, raw); err != nil {
		// The program is gone or stuck (it never saw the request): the
		// request comes round again and is proxied, which starts a new
		// program if this one exited. If it exited meanwhile, its exit
		// reclaimed the connection already.
		s.logger().Warn("page program did not take a connection", "page", p.rel, "error", err)
		if hc, ok := c.lender.Take(i, nil); ok {
			hc.Tag = proxyFirst{}
			hb.Inject(hc)
		}
		return nil, true
	}
	// The server keeps its descriptor (in the lender) until the program
	// is done with the connection, out of its poller, which would
	// otherwise wake for every request the program answers on it.
	c.lender.Park(i, raw)
	return nil, true
}

// takeBack serves again a connection a page program gave back, or left
// unanswered when it died.
func (s *Server) takeBack(hc *handoff.Conn) {
	s.mu.Lock()
	hb := s.givenBack
	s.mu.Unlock()
	if hb == nil {
		handoff.Refuse(hc)
		return
	}
	hb.Inject(hc)
}

// refuseOrClose answers a connection given back after the server stopped
// accepting: a 503 when a request of it was read, else (an idle
// connection) only the close, as for an idle connection of the server's.
func refuseOrClose(c net.Conn) {
	if hc, ok := c.(*handoff.Conn); ok && hc.Buffered() == 0 {
		c.Close()
		return
	}
	handoff.Refuse(c)
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

// receive takes the program's messages until it closes its end: its
// hello, connections it gives back, requests to be recycled, and log
// records; every message is a sign of work.
func (c *child) receive(sp childSpec) {
	handoff.Receive(c.ctl, func(msg []byte, conn net.Conn) bool {
		if conn != nil {
			conn.Close() // a program sends no descriptors
		}
		c.lastUsed.Store(time.Now().UnixNano())
		switch msg[0] {
		case pageproto.MsgHello:
			if v, _, err := pageproto.ParseIndex(msg[1:]); err == nil {
				select {
				case c.hello <- v:
				default:
				}
			}
		case pageproto.MsgBack:
			i, rest, err := pageproto.ParseIndex(msg[1:])
			if err != nil {
				break
			}
			var data []byte
			if len(rest) > 0 {
				data = append([]byte(nil), rest...)
			}
			if hc, ok := c.lender.Take(i, data); ok {
				sp.back(hc)
			}
		case pageproto.MsgLog:
			logRecords(sp.log, sp.logBatch, msg[1:])
		case pageproto.MsgRecycle:
			sp.recycle(c, string(msg[1:]))
		}
		return false
	})
}

// logRecords logs the records of a MsgLog with log's handler, in one
// write when batch holds the handler's writer.
func logRecords(log *slog.Logger, batch interface {
	Hold()
	Release()
}, b []byte) {
	if batch != nil {
		batch.Hold()
		defer batch.Release()
	}
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

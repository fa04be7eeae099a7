package webob

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gowebob/gowebob/internal/fswatch"
	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/middleware"
)

// handoffServer answers the connections gowebob serve hands to a page
// program: the first request of each is the one the server routed here;
// each later request whose path the server routed here before, with the
// files it decided on unchanged, is answered here too, and any other
// request goes back to the server with its connection. It logs its
// requests as the server does (RequestID, then AccessLog), through the
// server's logger.
type handoffServer struct {
	ctl     *net.UnixConn
	ln      *handoff.Listener
	hs      *http.Server
	chain   http.Handler
	routes  sync.Map // URL path -> *route
	nroutes atomic.Int64
	watch   *fswatch.Watcher
	logs    *shipper
	active  atomic.Int64
	stopped chan struct{} // closed when the server says stop, or the pair closes

	draining atomic.Bool
	stopOnce sync.Once
}

// route is a pageproto.Route with the watch generation at which its
// checks last held (0: not checked here yet).
type route struct {
	*pageproto.Route
	gen atomic.Uint64
}

// routeKey is the context key of the request's *pageproto.Route.
type routeKey struct{}

// openHandoff starts answering the connections handed over on the socket
// pair at file descriptor pageproto.HandoffFD with h, under the limits
// encoded in limits.
func openHandoff(h http.Handler, limits string) (*handoffServer, error) {
	l, err := pageproto.ParseLimits(limits)
	if err != nil {
		return nil, err
	}
	ctl, err := handoff.Open(os.NewFile(pageproto.HandoffFD, "handoff"))
	if err != nil {
		return nil, err
	}
	return newHandoffServer(h, ctl, l), nil
}

// newHandoffServer starts answering the connections handed over on ctl
// with h, under l.
func newHandoffServer(h http.Handler, ctl *net.UnixConn, l pageproto.Limits) *handoffServer {
	l = l.WithDefaults()
	s := &handoffServer{ctl: ctl, ln: handoff.NewListener(nil, nil), stopped: make(chan struct{}), watch: fswatch.New()}
	s.logs = &shipper{ctl: ctl}
	logger := slog.New(shipHandler{shipper: s.logs})
	s.chain = middleware.RequestID(middleware.AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt := r.Context().Value(routeKey{}).(*pageproto.Route)
		h.ServeHTTP(w, restore(r, rt.Environ))
	})))
	s.hs = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    l.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		ConnContext:       handoff.WithConn,
	}
	go s.hs.Serve(s.ln)
	go s.receive()
	go s.heartbeat()
	return s
}

// receive takes the server's messages until it says stop.
func (s *handoffServer) receive() {
	defer s.stop()
	handoff.Receive(s.ctl, func(msg []byte, conn net.Conn) bool {
		if msg[0] == pageproto.MsgConn && conn != nil {
			if rt, data, err := pageproto.ParseRoute(msg[1:]); err == nil {
				for _, c := range rt.Checks {
					s.watch.Add(c.Path)
				}
				s.remember(rt)
				// The data is a slice of msg, which the next message reuses.
				s.ln.Inject(handoff.NewConn(conn, append([]byte(nil), data...), rt))
				return false
			}
		}
		if conn != nil {
			conn.Close()
		}
		return msg[0] == pageproto.MsgStop
	})
}

// stop makes every later request go back to the server; done reports it.
func (s *handoffServer) stop() {
	s.stopOnce.Do(func() {
		s.draining.Store(true)
		close(s.stopped)
	})
}

// shutdown finishes the requests in flight and closes the idle
// connections, as http.Server.Shutdown does, then flushes the logs.
func (s *handoffServer) shutdown(ctx context.Context) error {
	s.stop()
	s.ln.Settle()
	err := s.hs.Shutdown(ctx)
	s.logs.flush()
	return err
}

// heartbeat tells the server, twice a second, that requests are in flight,
// so that it does not take a page answering a long request for idle.
func (s *handoffServer) heartbeat() {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.stopped:
			return
		case <-t.C:
			if s.active.Load() > 0 {
				handoff.Send(s.ctl, []byte{pageproto.MsgBusy}, nil)
			}
		}
	}
}

// ServeHTTP answers the requests that are this page's, and hands the
// others back.
func (s *handoffServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt, _ := handoff.TakeTag(r.Context()).(*pageproto.Route)
	if rt == nil && !s.draining.Load() {
		rt = s.route(r.URL.Path)
	}
	if rt == nil {
		s.handBack(w, r)
		return
	}
	s.active.Add(1)
	defer s.active.Add(-1)
	s.chain.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), routeKey{}, rt)))
}

// maxRoutes bounds the routes a program remembers: a page with PATH_INFO
// has as many URL paths as clients care to send.
const maxRoutes = 1024

// remember keeps rt for the later requests of its path. When the table is
// full it starts again empty: forgotten paths go back to the server once,
// which sends their routes again.
func (s *handoffServer) remember(rt *pageproto.Route) {
	if _, loaded := s.routes.Swap(rt.Path, &route{Route: rt}); !loaded && s.nroutes.Add(1) > maxRoutes {
		s.routes.Clear()
		s.nroutes.Store(0)
		s.routes.Store(rt.Path, &route{Route: rt})
	}
}

// route returns the route the server gave for path, if the files it was
// decided on are unchanged: checked again only when the watcher saw a
// change (a file written while the route was on its way is seen too: a
// new route is checked at its first use).
func (s *handoffServer) route(path string) *pageproto.Route {
	v, ok := s.routes.Load(path)
	if !ok {
		return nil
	}
	rt := v.(*route)
	gen := s.watch.Generation()
	if rt.gen.Load() == gen {
		return rt.Route
	}
	for _, c := range rt.Checks {
		if !c.Holds() {
			if s.routes.CompareAndDelete(path, rt) {
				s.nroutes.Add(-1)
			}
			return nil
		}
	}
	rt.gen.Store(gen)
	return rt.Route
}

// handBack sends the connection, with the request, back to the server.
func (s *handoffServer) handBack(w http.ResponseWriter, r *http.Request) {
	raw, msg, err := handoff.Hijack(w, handoff.AppendHead([]byte{pageproto.MsgConn}, r))
	if err != nil {
		http.Error(w, "503 Service Unavailable", http.StatusServiceUnavailable)
		return
	}
	defer raw.Close()
	if err := handoff.Send(s.ctl, msg, raw); err != nil {
		handoff.Refuse(raw)
	}
}

// shipper sends log records to the server, which logs them with its own
// logger: a batch per message, at most 10 ms after the batch's first
// record.
type shipper struct {
	ctl     *net.UnixConn
	mu      sync.Mutex
	buf     []byte
	pending bool
}

func (sh *shipper) add(r slog.Record) {
	sh.mu.Lock()
	if len(sh.buf) == 0 {
		sh.buf = append(sh.buf, pageproto.MsgLog)
	}
	sh.buf = pageproto.AppendRecord(sh.buf, r)
	full := len(sh.buf) > handoff.MaxMessage/2
	start := !sh.pending && !full
	if start {
		sh.pending = true
	}
	sh.mu.Unlock()
	switch {
	case full:
		sh.flush()
	case start:
		time.AfterFunc(10*time.Millisecond, sh.flush)
	}
}

// flush sends the records gathered so far.
func (sh *shipper) flush() {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.pending = false
	if len(sh.buf) > 1 {
		handoff.Send(sh.ctl, sh.buf, nil)
	}
	sh.buf = sh.buf[:0]
}

// shipHandler is the slog.Handler of a shipper.
type shipHandler struct {
	*shipper
	attrs []slog.Attr
}

func (h shipHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h shipHandler) Handle(_ context.Context, r slog.Record) error {
	if len(h.attrs) > 0 {
		r = r.Clone()
		r.AddAttrs(h.attrs...)
	}
	h.add(r)
	return nil
}

func (h shipHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return shipHandler{h.shipper, append(append([]slog.Attr(nil), h.attrs...), attrs...)}
}

// WithGroup is not needed by the access log; the records stay flat.
func (h shipHandler) WithGroup(string) slog.Handler { return h }

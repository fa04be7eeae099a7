package page

import (
	"context"
	"fmt"
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

// lendServer answers the connections gowebob serve lends a page program:
// the first request of each is the one the server routed here; each later
// request whose path the server routed here before, with the files it
// decided on unchanged, is answered here too, and any other request goes
// back to the server with its connection. Each connection's steps are
// recorded in its slot of the table the server shares (see
// handoff.Borrowed), so that the server can serve again what this program
// did not begin, even if it dies. It logs its requests as the server does
// (RequestID, then AccessLog), through the server's logger.
type lendServer struct {
	ctl      *net.UnixConn
	table    *handoff.Table
	ln       *handoff.Listener
	hs       *http.Server
	chain    http.Handler // for the lent connections' requests
	proxied  http.Handler // for the requests the server proxies
	routes   sync.Map     // URL path -> *route
	nroutes  atomic.Int64
	watch    *fswatch.Watcher
	logs     *shipper
	settings pageproto.Settings
	nets     safetyNets
	stopped  chan struct{} // closed when the server says stop, or the pair closes

	draining atomic.Bool
	stopOnce sync.Once
}

// route is a pageproto.Route with the watch generation at which its
// checks last held (0: not checked here yet).
type route struct {
	*pageproto.Route
	gen atomic.Uint64
}

// openLendServer starts answering the connections lent on the socket pair
// at file descriptor pageproto.HandoffFD, recorded in the table at
// pageproto.TableFD, with h, under s.
func openLendServer(h http.Handler, s pageproto.Settings) (*lendServer, error) {
	ctl, err := handoff.Open(os.NewFile(pageproto.HandoffFD, "handoff"))
	if err != nil {
		return nil, err
	}
	table, err := handoff.OpenTable(os.NewFile(pageproto.TableFD, "table"))
	if err != nil {
		ctl.Close()
		return nil, err
	}
	return newLendServer(h, ctl, table, s)
}

// newLendServer says hello to the server on ctl, then starts answering
// the connections lent on it with h, under s.
func newLendServer(h http.Handler, ctl *net.UnixConn, table *handoff.Table, s pageproto.Settings) (*lendServer, error) {
	s = s.WithDefaults()
	if err := handoff.Send(ctl, pageproto.AppendIndex([]byte{pageproto.MsgHello}, pageproto.Version), nil); err != nil {
		return nil, fmt.Errorf("page: hello: %w", err)
	}
	ls := &lendServer{ctl: ctl, table: table, stopped: make(chan struct{}), watch: fswatch.New(), settings: s}
	// A connection lent after the shutdown began goes back to the server
	// (closing a Borrowed between requests gives it back).
	ls.ln = handoff.NewListener(nil, func(c net.Conn) { c.Close() })
	ls.logs = &shipper{ctl: ctl}
	logger := slog.New(shipHandler{shipper: ls.logs})
	ls.nets.init(s, logger, ls.recycle)
	ls.chain = middleware.RequestID(middleware.AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The environ is in the context already (safetyNets.serve); h
		// begins the request (see withBegin).
		rt := r.Context().Value(routeKey{}).(*pageproto.Route)
		h.ServeHTTP(w, mount(r, rt.Environ))
	})))
	ls.proxied = ProxiedHandler(h)
	ls.hs = &http.Server{
		Handler:           ls,
		ReadHeaderTimeout: s.ReadHeaderTimeout,
		ReadTimeout:       s.ReadTimeout,
		WriteTimeout:      s.WriteTimeout,
		IdleTimeout:       s.IdleTimeout,
		MaxHeaderBytes:    s.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			if _, ok := c.(*handoff.Borrowed); ok {
				return &connTimer{Context: handoff.WithConn(ctx, c)}
			}
			// The safety nets end a proxied request past its deadline
			// by closing its connection (see safetyNets.expire).
			return &connTimer{Context: ctx, conn: c}
		},
		ConnState: func(c net.Conn, st http.ConnState) {
			if b, ok := c.(*handoff.Borrowed); ok {
				switch st {
				case http.StateIdle:
					b.Idle()
				case http.StateHijacked:
					b.Hijacked()
				}
			}
		},
	}
	go ls.hs.Serve(ls.ln)
	go ls.receive()
	return ls, nil
}

// receive takes the server's messages until it says stop.
func (s *lendServer) receive() {
	defer s.stop()
	handoff.Receive(s.ctl, func(msg []byte, conn net.Conn) bool {
		if msg[0] == pageproto.MsgConn && conn != nil {
			s.borrow(msg[1:], conn)
			return false
		}
		if conn != nil {
			conn.Close()
		}
		return msg[0] == pageproto.MsgStop
	})
}

// borrow takes a lent connection in.
func (s *lendServer) borrow(msg []byte, conn net.Conn) {
	i, rest, err := pageproto.ParseIndex(msg)
	if err != nil || i >= s.table.Len() {
		conn.Close()
		return
	}
	rt, _, err := pageproto.ParseRoute(rest)
	if err != nil {
		rt = nil // then the first request goes back to the server
	} else {
		paths := make([]string, len(rt.Checks))
		for i, c := range rt.Checks {
			paths[i] = c.Path
		}
		s.watch.Add(paths...)
		s.remember(rt)
	}
	b := handoff.Borrow(conn, s.table, i, rt, s.sendBack)
	b.Clock = s.watch.Ticket
	s.ln.Inject(b)
}

// sendBack tells the server it has a connection back, with the bytes read
// from it.
func (s *lendServer) sendBack(b *handoff.Borrowed, data []byte) {
	msg := pageproto.AppendIndex([]byte{pageproto.MsgBack}, b.Index)
	handoff.Send(s.ctl, append(msg, data...), nil)
}

// recycle asks the server for a new program, once.
func (s *lendServer) recycle(reason string) {
	handoff.Send(s.ctl, append([]byte{pageproto.MsgRecycle}, reason...), nil)
}

// stop makes every later request go back to the server; done reports it.
func (s *lendServer) stop() {
	s.stopOnce.Do(func() {
		s.draining.Store(true)
		close(s.stopped)
	})
}

// shutdown finishes the requests in flight and gives the idle connections
// back (http.Server.Shutdown closes them), then flushes the logs.
func (s *lendServer) shutdown(ctx context.Context) error {
	s.stop()
	s.ln.Settle()
	err := s.hs.Shutdown(ctx)
	s.logs.flush()
	return err
}

// ServeHTTP answers the requests that are this page's, and hands the
// others back; a request the server proxied on the program's unix socket
// is answered under the same safety nets.
func (s *lendServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, lent := handoff.FromContext(r.Context()).(*handoff.Borrowed)
	if !lent {
		s.nets.serve(s.proxied, w, r, nil, nil)
		return
	}
	rt, _ := handoff.TakeTag(r.Context()).(*pageproto.Route)
	if rt == nil && !s.draining.Load() {
		rt = s.route(r.URL.Path, b.ReadAt())
	}
	if rt == nil {
		s.giveBack(w, r)
		return
	}
	s.nets.serve(s.chain, w, r, rt, b)
}

// maxRoutes bounds the routes a program remembers: a page with PATH_INFO
// has as many URL paths as clients care to send.
const maxRoutes = 1024

// remember keeps rt for the later requests of its path. When the table is
// full it starts again empty: forgotten paths go back to the server once,
// which sends their routes again.
func (s *lendServer) remember(rt *pageproto.Route) {
	if _, loaded := s.routes.Swap(rt.Path, &route{Route: rt}); !loaded && s.nroutes.Add(1) > maxRoutes {
		s.routes.Clear()
		s.nroutes.Store(0)
		s.routes.Store(rt.Path, &route{Route: rt})
	}
}

// route returns the route the server gave for path, if the files it was
// decided on are unchanged: checked again only when the watcher saw a
// change (a file written while the route was on its way is seen too: a
// new route is checked at its first use). The watcher is asked for the
// changes made before the request's bytes came (ticket, from the
// watcher's Ticket then): one read of its queue, which began after that,
// answers for every request that came before it began.
func (s *lendServer) route(path string, ticket uint64) *pageproto.Route {
	v, ok := s.routes.Load(path)
	if !ok {
		return nil
	}
	rt := v.(*route)
	gen := s.watch.GenerationSince(ticket)
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

// giveBack gives the connection back to the server with the request.
func (s *lendServer) giveBack(w http.ResponseWriter, r *http.Request) {
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, "503 Service Unavailable", http.StatusServiceUnavailable)
		return
	}
	b, ok := conn.(*handoff.Borrowed)
	if !ok {
		handoff.Refuse(conn)
		return
	}
	_, rest := handoff.Detach(conn, brw.Reader)
	b.GiveBack(append(handoff.AppendHead(nil, r), rest...))
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

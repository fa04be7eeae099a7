package page

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/internal/deadline"
	"github.com/gowebob/gowebob/internal/envctx"
	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/internal/reqcopy"
	"github.com/gowebob/gowebob/request"
)

// safetyNets are mod_wsgi's daemon-mode safety nets, applied to every
// request a page program answers: a bounded number of handlers at once
// with a bounded wait for a turn (threads and queue-timeout), a deadline
// for each handler (request-timeout), and a new program after so many
// requests or so long (maximum-requests, and a lifetime).
type safetyNets struct {
	timeout      time.Duration
	queueTimeout time.Duration
	turns        chan struct{} // nil: no bound
	maxRequests  int64
	served       atomic.Int64
	log          *slog.Logger

	recycleOnce sync.Once
	askRecycle  func(reason string)
}

// graceAfterTimeout is how long a handler past its deadline gets to
// return before its program is recycled: a handler that watches its
// context returns at once.
const graceAfterTimeout = time.Second

// gatewayTimeout answers a request whose handler ran past its deadline
// before writing anything.
const gatewayTimeout = "HTTP/1.1 504 Gateway Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n" +
	"Connection: close\r\nContent-Length: 20\r\n\r\n504 Gateway Timeout\n"

func (n *safetyNets) init(s pageproto.Settings, log *slog.Logger, recycle func(reason string)) {
	n.timeout, n.queueTimeout, n.log, n.askRecycle = s.RequestTimeout, s.QueueTimeout, log, recycle
	if s.MaxConcurrent > 0 {
		n.turns = make(chan struct{}, s.MaxConcurrent)
	}
	if s.MaxRequests > 0 {
		n.maxRequests = int64(s.MaxRequests)
	}
	if s.MaxLifetime > 0 {
		time.AfterFunc(s.MaxLifetime, func() { n.recycle("max-lifetime " + s.MaxLifetime.String() + " reached") })
	}
}

// recycle asks the server, once, for a new program (the server logs it,
// with the reason).
func (n *safetyNets) recycle(reason string) {
	n.recycleOnce.Do(func() { n.askRecycle(reason) })
}

// serve runs h for the request under the safety nets, with a lazy
// deadline (deadline.Ctx) and, for a request of a lent connection, its
// route and connection in one context (reqCtx), the route's environ over
// it: one request copy for all of them.
func (n *safetyNets) serve(h http.Handler, w http.ResponseWriter, r *http.Request, rt *pageproto.Route, b *handoff.Borrowed) {
	if !n.turn(r.Context()) {
		n.refuse(w, r)
		return
	}
	defer n.release()
	if b != nil {
		defer b.Returned()
	}
	if n.maxRequests > 0 && n.served.Add(1) == n.maxRequests {
		n.recycle("max-requests " + strconv.FormatInt(n.maxRequests, 10) + " reached")
	}
	c := &reqCtx{rt: rt, b: b}
	var due time.Time
	if n.timeout > 0 {
		due = time.Now().Add(n.timeout)
	}
	timed := c.Init(r.Context(), due)
	ctx := context.Context(c)
	if rt != nil {
		ctx = c.env.Over(ctx, "", "", rt.Environ)
	}
	r = reqcopy.WithContext(&c.req, r, ctx)
	if !timed {
		h.ServeHTTP(w, r)
		return
	}
	defer c.Release()
	ct := connTimerOf(r.Context())
	ct.start(n, b, r, c, due)
	h.ServeHTTP(w, r)
	ct.finish()
}

// reqCtx is the context of a request a page program answers: its lazy
// deadline and, for a lent connection, the route it was decided by and
// the connection, with the route's environ over them and the request's
// copy that carries it all, in one allocation where context.WithTimeout,
// three context.WithValue and two request copies made ten.
type reqCtx struct {
	deadline.Ctx
	rt  *pageproto.Route
	b   *handoff.Borrowed
	env envctx.Node
	req http.Request
}

// routeKey is the context key of the request's *pageproto.Route.
type routeKey struct{}

// Value answers for routeKey and borrowedKey, and asks the deadline's
// context (the request's) for the others.
func (c *reqCtx) Value(key any) any {
	switch key.(type) {
	case routeKey:
		if c.rt != nil {
			return c.rt
		}
		return nil
	case borrowedKey:
		if c.b != nil {
			return c.b
		}
		return nil
	}
	return c.Ctx.Value(key)
}

// withEnviron returns ctx with env's keys over the environ ctx may have
// (a lent connection's request and a proxied one have none from the
// server). env is kept, not copied.
func withEnviron(ctx context.Context, env map[string]string) context.Context {
	return new(envctx.Node).Over(ctx, "", "", env)
}

// connTimer is a connection's request-timeout timer: made at its first
// timed request and reset for each later one, where a timer per request
// (and context.AfterFunc's) cost five allocations. A connection runs one
// request at a time (HTTP/1.1, lent or proxied); one that finds the timer
// busy gets its own.
type connTimer struct {
	context.Context          // the connection's (http.Server.ConnContext): one allocation for both
	conn            net.Conn // the connection: a proxied request's is closed at expiry

	mu       sync.Mutex
	t        *time.Timer
	busy     bool
	expired  bool
	returned atomic.Bool // the current request's handler returned
	n        *safetyNets
	b        *handoff.Borrowed
	r        *http.Request
	ctx      *reqCtx
	due      time.Time
}

// connTimerKey is the context key of a connection's *connTimer (see
// http.Server.ConnContext in newLendServer).
type connTimerKey struct{}

// Value returns ct for connTimerKey, else the connection context's value.
func (ct *connTimer) Value(key any) any {
	if key == (connTimerKey{}) {
		return ct
	}
	return ct.Context.Value(key)
}

// connTimerOf returns the timer of the request's connection, or a new
// one when it has none or it is busy.
func connTimerOf(ctx context.Context) *connTimer {
	if ct, ok := ctx.Value(connTimerKey{}).(*connTimer); ok {
		ct.mu.Lock()
		free := !ct.busy
		ct.busy = true
		ct.mu.Unlock()
		if free {
			return ct
		}
	}
	return &connTimer{Context: ctx, busy: true}
}

// start arms the timer for r, whose handler is about to run.
func (ct *connTimer) start(n *safetyNets, b *handoff.Borrowed, r *http.Request, c *reqCtx, due time.Time) {
	ct.mu.Lock()
	ct.n, ct.b, ct.r, ct.ctx, ct.due, ct.expired = n, b, r, c, due, false
	ct.returned.Store(false)
	if ct.t == nil {
		ct.t = time.AfterFunc(n.timeout, ct.fire)
	} else {
		ct.t.Reset(n.timeout)
	}
	ct.mu.Unlock()
}

// fire expires the request when its time ran out, whether or not its
// context says so yet (a context the handler made real ends on a timer
// of its own, which may run after this one) and even if the client went
// away: a handler running past its deadline is one either way. A timer
// that fired for an earlier request (its handler returned meanwhile)
// finds the current one's deadline still ahead, or none running: it does
// nothing.
func (ct *connTimer) fire() {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	if ct.r == nil || ct.expired || time.Now().Before(ct.due) {
		return
	}
	ct.expired = true
	ct.n.expire(ct.b, ct.r, ct.conn, &ct.returned)
}

// finish disarms the timer once the handler returned. A handler that
// watches its context may see it done, and return, before the timer
// fired: the 504 must still come before net/http writes what the
// handler left (an empty 200), so it is given here; a fire under way
// holds mu until its answer is written.
func (ct *connTimer) finish() {
	ct.t.Stop()
	ct.returned.Store(true)
	ct.mu.Lock()
	if !ct.expired && ct.ctx.Err() == context.DeadlineExceeded {
		ct.expired = true
		ct.n.expire(ct.b, ct.r, ct.conn, &ct.returned)
	}
	ct.n, ct.b, ct.r, ct.ctx, ct.busy = nil, nil, nil, nil, false
	ct.mu.Unlock()
}

// turn waits for a turn to run a handler, at most the queue timeout.
func (n *safetyNets) turn(ctx context.Context) bool {
	if n.turns == nil {
		return true
	}
	select {
	case n.turns <- struct{}{}:
		return true
	default:
	}
	if n.queueTimeout <= 0 {
		return false
	}
	t := time.NewTimer(n.queueTimeout)
	defer t.Stop()
	select {
	case n.turns <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

func (n *safetyNets) release() {
	if n.turns != nil {
		<-n.turns
	}
}

// refuse answers a request that found no turn in time.
func (n *safetyNets) refuse(w http.ResponseWriter, r *http.Request) {
	retry := int(n.queueTimeout / time.Second / 4)
	e := exc.ServiceUnavailable("Too many requests for this page are waiting.").
		WithHeader("Retry-After", strconv.Itoa(max(retry, 1)))
	req := request.FromHTTP(r, "")
	defer req.Close()
	e.Response(req).Serve(w, req)
}

// expire ends a request past its deadline: the client gets a 504 if
// nothing was written yet, or its answer is cut; a handler that does not
// return soon after (it ignores its context) makes the program ask to be
// recycled, since nothing else can stop it. A proxied request's connection
// is closed: the server, which saw the request begin, answers the 504 or
// cuts the answer it was relaying.
func (n *safetyNets) expire(b *handoff.Borrowed, r *http.Request, conn net.Conn, returned *atomic.Bool) {
	attrs := []any{"path", r.URL.Path, "timeout", n.timeout}
	if b != nil {
		attrs = append(attrs, "answered_504", b.Expire([]byte(gatewayTimeout)))
	} else if conn != nil {
		conn.Close()
		attrs = append(attrs, "proxied", true)
	}
	n.log.Warn("request ran past request-timeout", attrs...)
	// returned is the connection's: a request after this one on it (there
	// is none once a request expired: its connection is closed) could not
	// begin before this handler returned.
	time.AfterFunc(graceAfterTimeout, func() {
		if !returned.Load() {
			n.recycle("a handler ignored its context past request-timeout")
		}
	})
}

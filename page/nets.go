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
	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
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

// serve runs h for the request under the safety nets.
func (n *safetyNets) serve(h http.Handler, w http.ResponseWriter, r *http.Request) {
	if !n.turn(r.Context()) {
		n.refuse(w, r)
		return
	}
	defer n.release()
	b, _ := handoff.FromContext(r.Context()).(*handoff.Borrowed)
	if b != nil {
		defer b.Returned()
	}
	if n.maxRequests > 0 && n.served.Add(1) == n.maxRequests {
		n.recycle("max-requests " + strconv.FormatInt(n.maxRequests, 10) + " reached")
	}
	if n.timeout <= 0 {
		h.ServeHTTP(w, r)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), n.timeout)
	defer cancel()
	var returned atomic.Bool
	settled := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(settled)
		if ctx.Err() == context.DeadlineExceeded {
			n.expire(b, r, &returned)
		}
	})
	h.ServeHTTP(w, r.WithContext(ctx))
	returned.Store(true)
	// A handler that watches its context may see it done, and return,
	// before the deadline's expire has begun (the context is done before
	// the functions waiting on it are started), or while it runs: either
	// way the 504 must be given before net/http writes what the handler
	// left (an empty 200).
	if stop() {
		if ctx.Err() == context.DeadlineExceeded {
			n.expire(b, r, &returned)
		}
	} else {
		<-settled
	}
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

// proxiedConnKey is the context key of a proxied request's connection
// (from the server, on the program's unix socket).
type proxiedConnKey struct{}

// expire ends a request past its deadline: the client gets a 504 if
// nothing was written yet, or its answer is cut; a handler that does not
// return soon after (it ignores its context) makes the program ask to be
// recycled, since nothing else can stop it. A proxied request's connection
// is closed: the server, which saw the request begin, answers the 504 or
// cuts the answer it was relaying.
func (n *safetyNets) expire(b *handoff.Borrowed, r *http.Request, returned *atomic.Bool) {
	attrs := []any{"path", r.URL.Path, "timeout", n.timeout}
	if b != nil {
		attrs = append(attrs, "answered_504", b.Expire([]byte(gatewayTimeout)))
	} else if c, ok := r.Context().Value(proxiedConnKey{}).(net.Conn); ok {
		c.Close()
		attrs = append(attrs, "proxied", true)
	}
	n.log.Warn("request ran past request-timeout", attrs...)
	time.AfterFunc(graceAfterTimeout, func() {
		if !returned.Load() {
			n.recycle("a handler ignored its context past request-timeout")
		}
	})
}

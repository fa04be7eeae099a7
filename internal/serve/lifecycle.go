package serve

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/gowebob/gowebob/internal/handoff"
)

// recycle replaces a program that asked for it (a handler past its
// deadline, max-requests, max-lifetime): the next request starts a new
// one, and this one is stopped once its requests are done.
func (s *Server) recycle(c *child, reason string) {
	p := s.page(c.page)
	p.mu.Lock()
	if p.child == c {
		p.child = nil
	}
	p.mu.Unlock()
	if c.retiring.Swap(true) {
		return
	}
	s.logger().Info("recycling page program", "page", c.page, "reason", reason)
	go c.stop(s.grace())
}

// Crash backoff: a program that dies within quickDeath of starting, before
// it began any request (lent or proxied), maxQuickDeaths times in a row is
// started again only after a delay that doubles with each further quick
// death, up to maxBackoff; meanwhile its requests get a 503. (A program
// that dies while it answers is started again by the next request: each
// such death fails the request that caused it, no other.)
const (
	quickDeath     = time.Second
	maxQuickDeaths = 3
	maxBackoff     = 30 * time.Second
)

// errBackoff is a page whose program keeps dying at start.
var errBackoff = errors.New("serve: page program keeps crashing at start")

// crashes counts a page's programs that died at start, for the backoff.
// It has a lock of its own: the start that waits for a program holds the
// page's, and must see the count of the program's exit when it returns
// (see startChild), or the next request would start it again too soon.
type crashes struct {
	mu    sync.Mutex
	quick int       // programs in a row that died within quickDeath of starting
	last  time.Time // when the last of them died
}

// record counts a program's exit, quick or not, and returns the quick
// deaths in a row.
func (c *crashes) record(quick bool, now time.Time) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if quick {
		c.quick++
		c.last = now
	} else {
		c.quick = 0
	}
	return c.quick
}

// backoff returns how long to wait before the next start (0: start now).
func (c *crashes) backoff(now time.Time) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.quick < maxQuickDeaths {
		return 0
	}
	return max(c.last.Add(backoffDelay(c.quick)).Sub(now), 0)
}

// backoffDelay is the wait after deaths quick deaths in a row (at least
// maxQuickDeaths).
func backoffDelay(deaths int) time.Duration {
	return min(time.Second<<(deaths-maxQuickDeaths), maxBackoff)
}

// backoffLocked returns how long the page must wait before its program is
// started again (0: start it now). p.mu is held.
func (p *page) backoffLocked(now time.Time) time.Duration { return p.crashes.backoff(now) }

// exited settles what a program left when it exited: the connections
// whose bytes no handler began on are served again, the requests whose
// handler was running get a 502 (a 504 past the request timeout), and one
// line says what happened: the only line about a program that died at
// start, whose request gets a 502 (see pageError), or, past
// maxQuickDeaths, about the step of the backoff that began.
func (s *Server) exited(c *child, r handoff.Reclaimed, err error) {
	s.mu.Lock()
	delete(s.running, c)
	s.mu.Unlock()
	for _, hc := range r.Back {
		s.takeBack(hc)
	}
	timeout := s.Settings.WithDefaults().RequestTimeout
	for _, bc := range r.Busy {
		answer := badGateway
		if timeout > 0 && bc.Started != 0 && time.Since(time.Unix(0, bc.Started)) >= timeout {
			answer = gatewayTimeout
		}
		go answerAndClose(bc.Conn, answer)
	}
	expected := c.retiring.Load()
	quick := !expected && !r.Began && !c.began.Load() && time.Since(c.started) < quickDeath
	deaths := s.page(c.page).crashes.record(quick, time.Now())
	if expected && err == nil && len(r.Busy) == 0 && r.Cut == 0 {
		return
	}
	attrs := []any{"page", c.page, "failed", len(r.Busy), "cut", r.Cut, "served_again", len(r.Back)}
	if err != nil {
		attrs = append(attrs, "error", err)
	}
	level := slog.LevelWarn
	msg := "page program exited"
	if !c.up.Load() {
		msg = "page program exited at start"
	}
	if deaths >= maxQuickDeaths {
		level = slog.LevelError
		msg = "page program keeps crashing at start: backing off"
		attrs = append(attrs, "quick_deaths", deaths, "retry_in", backoffDelay(deaths))
	}
	s.logger().Log(context.Background(), level, msg, attrs...)
}

// The answers to a request whose program died while its handler ran.
var (
	badGateway = answer(502, "Bad Gateway", "The page's program ended before it answered.")
	// gatewayTimeout: the program was stopped past the request timeout.
	gatewayTimeout = answer(504, "Gateway Timeout", "The page did not answer in time.")
)

func answer(code int, reason, text string) string {
	body := strconv.Itoa(code) + " " + reason + "\n\n" + text + "\n"
	return "HTTP/1.1 " + strconv.Itoa(code) + " " + reason + "\r\nContent-Type: text/plain; charset=UTF-8\r\n" +
		"Connection: close\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

// answerAndClose writes a complete answer and closes the connection.
func answerAndClose(c net.Conn, answer string) {
	c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, answer)
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
	c.Close()
}

// backoffError is errBackoff with the time left before the next start.
type backoffError struct{ wait time.Duration }

func (e *backoffError) Error() string { return errBackoff.Error() }
func (e *backoffError) Unwrap() error { return errBackoff }

package site

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// deadlineCtx is the context of a page's request under RequestTimeout:
// what context.WithDeadline returns, made lazily. Most handlers never
// watch their context (hello_webob does not); for them the deadline costs
// this one struct, where context.WithDeadline costs four allocations, a
// runtime timer set and stopped, and a place in the parent's children
// (about 1 µs a request). The first call to Done makes the real context,
// and from then on every method is that context's, so that what derives
// from it (context.WithCancel, AfterFunc, Cause) works as with
// context.WithDeadline, without a goroutine.
//
// Until then Err computes what the real context would say: the parent's
// error, else context.DeadlineExceeded once the deadline passed. Once
// release was called, without a real context, Err keeps what it said
// then (context.Canceled if the context had not ended) and Done is a
// closed channel.
type deadlineCtx struct {
	parent   context.Context
	deadline time.Time

	mu    sync.Mutex                   // held to make real, and to release
	real  atomic.Pointer[deadlineReal] // nil until Done
	ended atomic.Int32                 // released without real: why (an end)
}

// deadlineReal is the context.WithDeadline a deadlineCtx becomes.
type deadlineReal struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// The ends of a deadlineCtx released without a real context.
const (
	live     int32 = iota // not released
	canceled              // released in time: context.Canceled
	exceeded              // released after the deadline: context.DeadlineExceeded
	ofParent              // released after the parent ended: its error
)

var _ context.Context = (*deadlineCtx)(nil)

// closed is the Done channel of a deadlineCtx released without a real
// context.
var closed = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// newDeadlineCtx returns parent with the deadline d, or nil if the
// parent's deadline comes first: the parent then ends first, and net/http
// cancels a request's context when the handler returns. Call release once
// the handler returned, as context.WithDeadline's cancel.
func newDeadlineCtx(parent context.Context, d time.Time) *deadlineCtx {
	if !deadlineFirst(parent, d) {
		return nil
	}
	return &deadlineCtx{parent: parent, deadline: d}
}

// deadlineFirst reports whether d comes before parent's deadline, if it
// has one: only then does a deadlineCtx make a difference.
func deadlineFirst(parent context.Context, d time.Time) bool {
	pd, ok := parent.Deadline()
	return !ok || pd.After(d)
}

// Deadline returns the deadline: it comes before the parent's.
func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }

// Done makes the real context, and returns its channel.
func (c *deadlineCtx) Done() <-chan struct{} {
	if r := c.real.Load(); r != nil {
		return r.ctx.Done()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if r := c.real.Load(); r != nil {
		return r.ctx.Done()
	}
	if c.ended.Load() != live {
		return closed
	}
	ctx, cancel := context.WithDeadline(c.parent, c.deadline)
	c.real.Store(&deadlineReal{ctx: ctx, cancel: cancel})
	return ctx.Done()
}

// Err is the real context's Err, or what it would be.
func (c *deadlineCtx) Err() error {
	if r := c.real.Load(); r != nil {
		return r.ctx.Err()
	}
	switch c.ended.Load() {
	case canceled:
		return context.Canceled
	case exceeded:
		return context.DeadlineExceeded
	}
	if err := c.parent.Err(); err != nil {
		return err
	}
	if !time.Now().Before(c.deadline) {
		return context.DeadlineExceeded
	}
	return nil
}

// Value is the real context's Value once it is made: the context
// package finds its cancelCtx through Value, to tie children to it.
// Before, no value is c's own.
func (c *deadlineCtx) Value(key any) any {
	if r := c.real.Load(); r != nil {
		return r.ctx.Value(key)
	}
	return c.parent.Value(key)
}

// String names the context as context.WithDeadline's does.
func (c *deadlineCtx) String() string {
	return "site.deadlineCtx(" + c.deadline.String() + ")"
}

// release is the CancelFunc: it cancels the real context if there is one
// (stopping its timer), else fixes what Err says.
func (c *deadlineCtx) release() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r := c.real.Load(); r != nil {
		r.cancel()
		return
	}
	if c.ended.Load() != live {
		return
	}
	switch {
	case c.parent.Err() != nil:
		c.ended.Store(ofParent)
	case !time.Now().Before(c.deadline):
		c.ended.Store(exceeded)
	default:
		c.ended.Store(canceled)
	}
}

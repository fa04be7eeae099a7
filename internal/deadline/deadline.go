// Package deadline is a request deadline that costs nothing until a
// handler watches it.
package deadline

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Ctx is what context.WithDeadline returns, made lazily: the context of
// a page's request under a request timeout, in a built site and in a page
// program of gowebob serve. Most handlers never watch their context
// (hello_webob does not); for them the deadline costs this one struct,
// where context.WithDeadline costs four allocations, a runtime timer set
// and stopped, and a place in the parent's children (about 1 µs a
// request). The first call to Done makes the real context, and from then
// on every method is that context's, so that what derives from it
// (context.WithCancel, AfterFunc, Cause) works as with
// context.WithDeadline, without a goroutine.
//
// Until then Err computes what the real context would say: the parent's
// error, else context.DeadlineExceeded once the deadline passed. Once
// Release was called, without a real context, Err keeps what it said
// then (context.Canceled if the context had not ended) and Done is a
// closed channel.
//
// A Ctx set up by Init with no deadline of its own is its parent: every
// method is the parent's. Nothing in a Ctx enforces the deadline on a
// handler that does not look: that is its caller's timer.
type Ctx struct {
	parent   context.Context
	deadline time.Time // zero: the parent's

	mu    sync.Mutex                   // held to make real, and to release
	real  atomic.Pointer[deadlineReal] // nil until Done
	ended atomic.Int32                 // released without real: why (an end)
}

// deadlineReal is the context.WithDeadline a Ctx becomes.
type deadlineReal struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// The ends of a Ctx released without a real context.
const (
	live     int32 = iota // not released
	canceled              // released in time: context.Canceled
	exceeded              // released after the deadline: context.DeadlineExceeded
	ofParent              // released after the parent ended: its error
)

var _ context.Context = (*Ctx)(nil)

// closed is the Done channel of a Ctx released without a real
// context.
var closed = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// New returns parent with the deadline d, or nil if the parent's
// deadline comes first: the parent then ends first, and net/http cancels
// a request's context when the handler returns. Call Release once the
// handler returned, as context.WithDeadline's cancel.
func New(parent context.Context, d time.Time) *Ctx {
	c := new(Ctx)
	if !c.Init(parent, d) {
		return nil
	}
	return c
}

// Init sets up c, which must be new, as New's context, for a Ctx inside a
// caller's own context type (one allocation for both). When the parent's
// deadline comes first, or d is zero, it reports false and c is the
// parent itself.
func (c *Ctx) Init(parent context.Context, d time.Time) bool {
	c.parent = parent
	if pd, ok := parent.Deadline(); d.IsZero() || ok && !pd.After(d) {
		return false
	}
	c.deadline = d
	return true
}

// Deadline returns the deadline: it comes before the parent's.
func (c *Ctx) Deadline() (time.Time, bool) {
	if c.deadline.IsZero() {
		return c.parent.Deadline()
	}
	return c.deadline, true
}

// Done makes the real context, and returns its channel.
func (c *Ctx) Done() <-chan struct{} {
	if c.deadline.IsZero() {
		return c.parent.Done()
	}
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
func (c *Ctx) Err() error {
	if c.deadline.IsZero() {
		return c.parent.Err()
	}
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
	if passed(c.deadline) {
		return context.DeadlineExceeded
	}
	return nil
}

// passed reports whether d has come: !time.Now().Before(d), with only the
// monotonic clock when d has a reading of it, as time.Now().Add makes:
// time.Until then reads no wall clock, half of time.Now's cost, and
// Release runs on every request under a timeout.
func passed(d time.Time) bool { return time.Until(d) <= 0 }

// Value is the real context's Value once it is made: the context
// package finds its cancelCtx through Value, to tie children to it.
// Before, no value is c's own.
func (c *Ctx) Value(key any) any {
	if r := c.real.Load(); r != nil {
		return r.ctx.Value(key)
	}
	return c.parent.Value(key)
}

// String names the context as context.WithDeadline's does.
func (c *Ctx) String() string {
	if c.deadline.IsZero() {
		return contextName(c.parent)
	}
	return "deadline.Ctx(" + c.deadline.String() + ")"
}

// Release is the CancelFunc: it cancels the real context if there is one
// (stopping its timer), else fixes what Err says.
func (c *Ctx) Release() {
	if c.deadline.IsZero() {
		return
	}
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
	case passed(c.deadline):
		c.ended.Store(exceeded)
	default:
		c.ended.Store(canceled)
	}
}

// contextName is the name of a context, as the context package prints its
// own.
func contextName(c context.Context) string {
	if s, ok := c.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%T", c)
}

package deadline

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeadlineCtx checks that a Ctx says what context.WithDeadline
// would, whether or not Done was called, and in which order the deadline,
// the parent's end and release come.
func TestDeadlineCtx(t *testing.T) {
	t.Parallel()
	errCause := errors.New("client gone")
	tests := []struct {
		name    string
		timeout time.Duration
		done    bool // call Done first: the real context
		steps   func(c *Ctx, cancelParent context.CancelCauseFunc)
		want    error
		cause   error
	}{
		{name: "live", timeout: time.Hour},
		{name: "live, real", timeout: time.Hour, done: true},
		{name: "past the deadline", timeout: time.Millisecond, steps: sleep, want: context.DeadlineExceeded, cause: context.DeadlineExceeded},
		{name: "past the deadline, real", timeout: time.Millisecond, done: true, steps: sleep, want: context.DeadlineExceeded, cause: context.DeadlineExceeded},
		{name: "released", timeout: time.Hour, steps: release, want: context.Canceled, cause: context.Canceled},
		{name: "released, real", timeout: time.Hour, done: true, steps: release, want: context.Canceled, cause: context.Canceled},
		{name: "released, then past the deadline", timeout: 5 * time.Millisecond, steps: func(c *Ctx, f context.CancelCauseFunc) {
			release(c, f)
			sleep(c, f)
		}, want: context.Canceled, cause: context.Canceled},
		{name: "past the deadline, then released", timeout: time.Millisecond, steps: func(c *Ctx, f context.CancelCauseFunc) {
			sleep(c, f)
			release(c, f)
		}, want: context.DeadlineExceeded, cause: context.DeadlineExceeded},
		{name: "parent cancelled", timeout: time.Hour, steps: cancelParent(errCause), want: context.Canceled, cause: errCause},
		{name: "parent cancelled, real", timeout: time.Hour, done: true, steps: cancelParent(errCause), want: context.Canceled, cause: errCause},
		{name: "parent cancelled, then released", timeout: time.Hour, steps: func(c *Ctx, f context.CancelCauseFunc) {
			cancelParent(errCause)(c, f)
			release(c, f)
		}, want: context.Canceled, cause: errCause},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			parent, cancel := context.WithCancelCause(context.WithValue(context.Background(), ctxKey{}, "v"))
			defer cancel(nil)
			d := time.Now().Add(tt.timeout)
			c := New(parent, d)
			require.NotNil(t, c)
			if tt.done {
				c.Done()
			}
			if tt.steps != nil {
				tt.steps(c, cancel)
			}
			got, ok := c.Deadline()
			assert.True(t, ok)
			assert.True(t, got.Equal(d), "Deadline() = %v, want %v", got, d)
			assert.Equal(t, "v", c.Value(ctxKey{}))
			if tt.want != nil {
				// The real context may end a moment after the deadline.
				require.Eventually(t, func() bool { return c.Err() != nil }, time.Second, time.Millisecond)
			}
			assert.Equal(t, tt.want, c.Err(), "Err()")
			assert.Equal(t, tt.cause, context.Cause(c), "context.Cause")
			select {
			case <-c.Done():
				assert.NotNil(t, tt.want, "Done closed, Err nil")
			default:
				assert.Nil(t, tt.want, "Err %v, Done open", tt.want)
			}
			assert.Equal(t, tt.want, c.Err(), "Err() after Done")
		})
	}
}

type ctxKey struct{}

func sleep(*Ctx, context.CancelCauseFunc)       { time.Sleep(10 * time.Millisecond) }
func release(c *Ctx, _ context.CancelCauseFunc) { c.Release() }
func cancelParent(err error) func(*Ctx, context.CancelCauseFunc) {
	return func(_ *Ctx, cancel context.CancelCauseFunc) { cancel(err) }
}

// TestDeadlineCtxChildren checks that what derives from a Ctx ends
// with it: a child context, and context.AfterFunc.
func TestDeadlineCtxChildren(t *testing.T) {
	t.Parallel()
	c := New(context.Background(), time.Now().Add(20*time.Millisecond))
	child, cancel := context.WithCancel(c)
	defer cancel()
	called := make(chan struct{})
	context.AfterFunc(c, func() { close(called) })
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the child context did not end at the parent's deadline")
	}
	assert.Equal(t, context.DeadlineExceeded, child.Err())
	<-called
	c.Release()

	// Derived after release: ended at once.
	r := New(context.Background(), time.Now().Add(time.Hour))
	r.Release()
	late, cancel2 := context.WithCancel(r)
	defer cancel2()
	<-late.Done()
	assert.Equal(t, context.Canceled, late.Err())
}

// TestDeadlineCtxParentFirst checks that a parent whose deadline comes
// first needs no Ctx.
func TestDeadlineCtxParentFirst(t *testing.T) {
	t.Parallel()
	parent, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	assert.Nil(t, New(parent, time.Now().Add(time.Hour)))
	assert.NotNil(t, New(parent, time.Now().Add(time.Second)))
}

// TestDeadlineCtxRace calls every method at once, for go test -race.
func TestDeadlineCtxRace(t *testing.T) {
	t.Parallel()
	c := New(context.Background(), time.Now().Add(time.Millisecond))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			<-c.Done()
			_ = c.Err()
			_ = context.Cause(c)
			c.Release()
		})
	}
	wg.Wait()
	assert.Equal(t, context.DeadlineExceeded, c.Err())
}

// TestNoDeadline checks that a Ctx without a deadline of its own (none
// asked for, or the parent's comes first) is its parent.
func TestNoDeadline(t *testing.T) {
	t.Parallel()
	parent, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	for name, d := range map[string]time.Time{"none": {}, "parent's first": time.Now().Add(2 * time.Hour)} {
		var c Ctx
		assert.False(t, c.Init(parent, d), name)
		pd, _ := parent.Deadline()
		got, ok := c.Deadline()
		assert.True(t, ok, name)
		assert.Equal(t, pd, got, name)
		assert.Equal(t, parent.Done(), c.Done(), name)
		c.Release()
		assert.NoError(t, c.Err(), "%s: Release does not end the parent", name)
		assert.Nil(t, New(parent, d), name)
	}
	cancel()
	var c Ctx
	c.Init(parent, time.Time{})
	assert.ErrorIs(t, c.Err(), context.Canceled)
}

// TestPassed: a deadline has passed as !time.Now().Before says, with a
// monotonic reading (time.Now().Add's) or without one (a wall time).
func TestPassed(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name string
		d    time.Time
		want bool
	}{
		{"past", now.Add(-time.Second), true},
		{"future", now.Add(time.Hour), false},
		{"past, wall clock only", now.Add(-time.Second).Round(0), true},
		{"future, wall clock only", now.Add(time.Hour).Round(0), false},
		{"now", now, true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, passed(tt.d), tt.name)
		assert.Equal(t, !time.Now().Before(tt.d), passed(tt.d), "%s: as time.Now().Before", tt.name)
	}
}

package site

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeadlineCtx checks that a deadlineCtx says what context.WithDeadline
// would, whether or not Done was called, and in which order the deadline,
// the parent's end and release come.
func TestDeadlineCtx(t *testing.T) {
	t.Parallel()
	errCause := errors.New("client gone")
	tests := []struct {
		name    string
		timeout time.Duration
		done    bool // call Done first: the real context
		steps   func(c *deadlineCtx, cancelParent context.CancelCauseFunc)
		want    error
		cause   error
	}{
		{name: "live", timeout: time.Hour},
		{name: "live, real", timeout: time.Hour, done: true},
		{name: "past the deadline", timeout: time.Millisecond, steps: sleep, want: context.DeadlineExceeded, cause: context.DeadlineExceeded},
		{name: "past the deadline, real", timeout: time.Millisecond, done: true, steps: sleep, want: context.DeadlineExceeded, cause: context.DeadlineExceeded},
		{name: "released", timeout: time.Hour, steps: release, want: context.Canceled, cause: context.Canceled},
		{name: "released, real", timeout: time.Hour, done: true, steps: release, want: context.Canceled, cause: context.Canceled},
		{name: "released, then past the deadline", timeout: 5 * time.Millisecond, steps: func(c *deadlineCtx, f context.CancelCauseFunc) {
			release(c, f)
			sleep(c, f)
		}, want: context.Canceled, cause: context.Canceled},
		{name: "past the deadline, then released", timeout: time.Millisecond, steps: func(c *deadlineCtx, f context.CancelCauseFunc) {
			sleep(c, f)
			release(c, f)
		}, want: context.DeadlineExceeded, cause: context.DeadlineExceeded},
		{name: "parent cancelled", timeout: time.Hour, steps: cancelParent(errCause), want: context.Canceled, cause: errCause},
		{name: "parent cancelled, real", timeout: time.Hour, done: true, steps: cancelParent(errCause), want: context.Canceled, cause: errCause},
		{name: "parent cancelled, then released", timeout: time.Hour, steps: func(c *deadlineCtx, f context.CancelCauseFunc) {
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
			c := newDeadlineCtx(parent, d)
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

func sleep(*deadlineCtx, context.CancelCauseFunc)       { time.Sleep(10 * time.Millisecond) }
func release(c *deadlineCtx, _ context.CancelCauseFunc) { c.release() }
func cancelParent(err error) func(*deadlineCtx, context.CancelCauseFunc) {
	return func(_ *deadlineCtx, cancel context.CancelCauseFunc) { cancel(err) }
}

// TestDeadlineCtxChildren checks that what derives from a deadlineCtx ends
// with it: a child context, and context.AfterFunc.
func TestDeadlineCtxChildren(t *testing.T) {
	t.Parallel()
	c := newDeadlineCtx(context.Background(), time.Now().Add(20*time.Millisecond))
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
	c.release()

	// Derived after release: ended at once.
	r := newDeadlineCtx(context.Background(), time.Now().Add(time.Hour))
	r.release()
	late, cancel2 := context.WithCancel(r)
	defer cancel2()
	<-late.Done()
	assert.Equal(t, context.Canceled, late.Err())
}

// TestDeadlineCtxParentFirst checks that a parent whose deadline comes
// first needs no deadlineCtx.
func TestDeadlineCtxParentFirst(t *testing.T) {
	t.Parallel()
	parent, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	assert.Nil(t, newDeadlineCtx(parent, time.Now().Add(time.Hour)))
	assert.NotNil(t, newDeadlineCtx(parent, time.Now().Add(time.Second)))
}

// TestDeadlineCtxRace calls every method at once, for go test -race.
func TestDeadlineCtxRace(t *testing.T) {
	t.Parallel()
	c := newDeadlineCtx(context.Background(), time.Now().Add(time.Millisecond))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			<-c.Done()
			_ = c.Err()
			_ = context.Cause(c)
			c.release()
		})
	}
	wg.Wait()
	assert.Equal(t, context.DeadlineExceeded, c.Err())
}

// TestRunRequestTimeout checks that a page's request context ends at
// RequestTimeout with context.DeadlineExceeded, and that a request
// without one has none.
func TestRunRequestTimeout(t *testing.T) {
	t.Parallel()
	s := &Site{Pages: []Page{
		{File: "wait.go", App: func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
			io.WriteString(w, r.Context().Err().Error())
		}},
		{File: "deadline.go", App: func(w http.ResponseWriter, r *http.Request) {
			_, ok := r.Context().Deadline()
			if ok {
				io.WriteString(w, "deadline")
			}
		}},
	}}
	for _, tt := range []struct {
		timeout time.Duration
		target  string
		want    string
	}{
		{20 * time.Millisecond, "/wait", "context deadline exceeded"},
		{20 * time.Millisecond, "/deadline", "deadline"},
		{-1, "/deadline", ""},
	} {
		h, _, err := s.serving(Options{RequestTimeout: tt.timeout, NoAccessLog: true}.withDefaults())
		require.NoError(t, err)
		code, body := get(t, newTestServer(t, h)+tt.target)
		assert.Equal(t, 200, code)
		assert.Equal(t, tt.want, body, "%s with RequestTimeout %v", tt.target, tt.timeout)
	}
}

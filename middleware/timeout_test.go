package middleware_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gowebob/gowebob/middleware"
)

func TestTimeoutInTime(t *testing.T) {
	t.Parallel()
	h := middleware.Timeout(time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.Context().Deadline(); !ok {
			t.Errorf("Timeout: the handler's context has no deadline")
		}
		w.Header().Set("X-Test", "1")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte("done"))
		w.WriteHeader(http.StatusTeapot) // superfluous: ignored
	}))
	w := serve(t, h, httptest.NewRequest("GET", "/", nil))
	if w.Code != 201 || w.Body.String() != "done" || w.Header().Get("X-Test") != "1" {
		t.Errorf("Timeout: %d %q %v", w.Code, w.Body, w.Header())
	}
	w = serve(t, middleware.Timeout(time.Second)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})), httptest.NewRequest("GET", "/", nil))
	if w.Code != 200 {
		t.Errorf("Timeout, nothing written: %d, want 200", w.Code)
	}
}

func TestTimeoutExpires(t *testing.T) {
	t.Parallel()
	for _, accept := range []string{"", "application/json"} {
		lateErr := make(chan error, 1)
		ctxErr := make(chan error, 1)
		h := middleware.Timeout(20 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Handler", "1")
			<-r.Context().Done()
			ctxErr <- r.Context().Err()
			time.Sleep(10 * time.Millisecond)
			_, err := w.Write([]byte("too late"))
			lateErr <- err
		}))
		r := httptest.NewRequest("GET", "/", nil)
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		w := serve(t, h, r)
		if w.Code != 503 || strings.Contains(w.Body.String(), "too late") || w.Header().Get("X-Handler") != "" {
			t.Errorf("Timeout expired: %d %q %v", w.Code, w.Body, w.Header())
		}
		if accept != "" && !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			t.Errorf("Timeout: Content-Type %q, want JSON", w.Header().Get("Content-Type"))
		}
		if err := <-ctxErr; !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("handler context error %v", err)
		}
		if err := <-lateErr; !errors.Is(err, http.ErrHandlerTimeout) {
			t.Errorf("late Write error %v, want http.ErrHandlerTimeout", err)
		}
	}
}

func TestTimeoutClientGone(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	h := middleware.Timeout(time.Minute)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel()
		<-r.Context().Done()
	}))
	w := serve(t, h, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
	if w.Body.Len() != 0 {
		t.Errorf("Timeout after the client left wrote %q", w.Body)
	}
}

func TestTimeoutPanic(t *testing.T) {
	t.Parallel()
	logger, logs := bufLogger()
	h := middleware.Chain(middleware.RecoverWith(middleware.RecoverOptions{Logger: logger}), middleware.Timeout(time.Second))(panicker("in handler", false))
	w := serve(t, h, httptest.NewRequest("GET", "/", nil))
	if w.Code != 500 || !strings.Contains(logs.String(), "in handler") {
		t.Errorf("Timeout panic: %d, log %s", w.Code, logs)
	}
	h = middleware.Chain(middleware.RecoverWith(middleware.RecoverOptions{Logger: logger}), middleware.Timeout(time.Second))(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(42) }))
	if w := serve(t, h, httptest.NewRequest("GET", "/", nil)); w.Code != 500 {
		t.Errorf("Timeout, invalid code: %d, want 500", w.Code)
	}
}

func TestTimeoutPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if v, _ := recover().(string); !strings.HasPrefix(v, "middleware: Timeout: ") {
			t.Errorf("Timeout(0) panic %q", v)
		}
	}()
	middleware.Timeout(0)
}

package middleware_test

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/middleware"
)

func panicker(v any, writeFirst bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if writeFirst {
			_, _ = w.Write([]byte("partial"))
		}
		panic(v)
	})
}

func TestRecover(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		accept     string
		renderer   *exc.Renderer
		wantType   string
		wantHeader string
	}{
		{name: "plain", wantType: "text/plain; charset=UTF-8"},
		{name: "html", accept: "text/html", wantType: "text/html; charset=UTF-8"},
		{name: "json", accept: "application/json", wantType: "application/json"},
		{name: "renderer", renderer: &exc.Renderer{NoSniff: true}, wantType: "text/plain; charset=UTF-8", wantHeader: "nosniff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logger, logs := bufLogger()
			h := middleware.Chain(middleware.RequestID, middleware.RecoverWith(middleware.RecoverOptions{Logger: logger, Renderer: tt.renderer}))(panicker("secret internal value", false))
			r := httptest.NewRequest("GET", "/boom", nil)
			if tt.accept != "" {
				r.Header.Set("Accept", tt.accept)
			}
			w := serve(t, h, r)
			if w.Code != 500 {
				t.Errorf("Recover: status %d, want 500", w.Code)
			}
			if got := w.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("Recover: Content-Type %q, want %q", got, tt.wantType)
			}
			if got := w.Header().Get("X-Content-Type-Options"); got != tt.wantHeader {
				t.Errorf("Recover: X-Content-Type-Options %q, want %q", got, tt.wantHeader)
			}
			body := w.Body.String()
			if strings.Contains(body, "secret") || strings.Contains(body, "goroutine") || !strings.Contains(body, "Internal Server Error") {
				t.Errorf("Recover: body %q leaks the panic or lacks the title", body)
			}
			var rec map[string]any
			if err := json.Unmarshal(logs.Bytes(), &rec); err != nil {
				t.Fatalf("log %q: %v", logs, err)
			}
			if rec["level"] != "ERROR" || rec["panic"] != "secret internal value" || rec["path"] != "/boom" ||
				!strings.Contains(rec["stack"].(string), "goroutine") || rec["request_id"] != w.Header().Get("X-Request-ID") {
				t.Errorf("Recover: log %v", rec)
			}
		})
	}
}

func TestRecoverAbort(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		h           http.Handler
		wantLog     bool
		inAccessLog bool // Recover shares AccessLog's recorder
	}{
		{"ErrAbortHandler goes on", panicker(http.ErrAbortHandler, false), false, false},
		{"panic after the response started aborts", panicker(errors.New("late"), true), true, false},
		{"inside AccessLog, ErrAbortHandler goes on", panicker(http.ErrAbortHandler, false), false, true},
		{"inside AccessLog, panic after the response started aborts", panicker(errors.New("late"), true), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logger, logs := bufLogger()
			h := middleware.RecoverWith(middleware.RecoverOptions{Logger: logger})(tt.h)
			if tt.inAccessLog {
				h = middleware.AccessLog(slog.New(slog.DiscardHandler))(h)
			}
			defer func() {
				if v := recover(); v != http.ErrAbortHandler {
					t.Errorf("Recover: panic %v, want http.ErrAbortHandler", v)
				}
				if got := logs.Len() > 0; got != tt.wantLog {
					t.Errorf("Recover: logged %v, want %v: %s", got, tt.wantLog, logs)
				}
			}()
			serve(t, h, httptest.NewRequest("GET", "/", nil))
		})
	}
}

func TestRecoverPassThrough(t *testing.T) {
	t.Parallel()
	h := middleware.Recover(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(201)
		_ = http.NewResponseController(w).Flush()
		_, _ = w.Write([]byte("made"))
	}))
	w := serve(t, h, httptest.NewRequest("GET", "/", nil))
	if w.Code != 201 || w.Body.String() != "made" || !w.Flushed {
		t.Errorf("Recover: %d %q flushed=%v, want 201 made true", w.Code, w.Body, w.Flushed)
	}
}

// TestRecoverInsideAccessLog checks Recover on AccessLog's recorder: the
// panic before the answer is a 500, which the access log records.
func TestRecoverInsideAccessLog(t *testing.T) {
	t.Parallel()
	logger, logs := bufLogger()
	h := middleware.AccessLog(logger)(middleware.RecoverWith(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)})(panicker("boom", false)))
	w := serve(t, h, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusInternalServerError {
		t.Errorf("AccessLog(Recover(panicker)): status %d, want 500", w.Code)
	}
	var rec map[string]any
	if err := json.Unmarshal(logs.Bytes(), &rec); err != nil {
		t.Fatalf("access log %q: %v", logs, err)
	}
	if rec["status"] != float64(500) || rec["level"] != "ERROR" || rec["bytes"] == float64(0) {
		t.Errorf("access log %v, want status 500 at ERROR with the page's bytes", rec)
	}
}

package middleware_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/gowebob/gowebob/middleware"
	"github.com/stretchr/testify/assert"
)

func decodeLog(t *testing.T, b *bytes.Buffer) map[string]any {
	t.Helper()
	var rec map[string]any
	if err := json.Unmarshal(b.Bytes(), &rec); err != nil {
		t.Fatalf("log %q: %v", b, err)
	}
	return rec
}

func TestAccessLog(t *testing.T) {
	t.Parallel()
	trusted := middleware.ProxyHeaders(middleware.ProxyOptions{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}})
	tests := []struct {
		name       string
		chain      func(log func(http.Handler) http.Handler) func(http.Handler) http.Handler
		h          http.Handler
		wantStatus float64
		wantBytes  float64
		wantLevel  string
		wantRemote string
		wantID     string
	}{
		{
			name:       "hello",
			chain:      func(l func(http.Handler) http.Handler) func(http.Handler) http.Handler { return l },
			h:          hello,
			wantStatus: 200, wantBytes: 5, wantLevel: "INFO", wantRemote: "192.0.2.1", wantID: "",
		},
		{
			name:       "nothing written",
			chain:      func(l func(http.Handler) http.Handler) func(http.Handler) http.Handler { return l },
			h:          http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}),
			wantStatus: 200, wantBytes: 0, wantLevel: "INFO", wantRemote: "192.0.2.1",
		},
		{
			name: "5xx is an error, request id inside",
			chain: func(l func(http.Handler) http.Handler) func(http.Handler) http.Handler {
				return middleware.Chain(l, middleware.RequestID)
			},
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "down", http.StatusServiceUnavailable)
			}),
			wantStatus: 503, wantBytes: 5, wantLevel: "ERROR", wantRemote: "192.0.2.1", wantID: "abc-123",
		},
		{
			name: "behind a proxy, request id outside",
			chain: func(l func(http.Handler) http.Handler) func(http.Handler) http.Handler {
				return middleware.Chain(trusted, middleware.RequestID, l)
			},
			h:          hello,
			wantStatus: 200, wantBytes: 5, wantLevel: "INFO", wantRemote: "203.0.113.9", wantID: "abc-123",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logger, logs := bufLogger()
			h := tt.chain(middleware.AccessLog(logger))(tt.h)
			r := httptest.NewRequest("GET", "/path?secret=1", nil)
			r.Header.Set("X-Forwarded-For", "203.0.113.9")
			if tt.wantID != "" {
				r.Header.Set("X-Request-ID", tt.wantID)
			}
			serve(t, h, r)
			rec := decodeLog(t, logs)
			want := map[string]any{"msg": "http request", "method": "GET", "path": "/path", "status": tt.wantStatus,
				"bytes": tt.wantBytes, "level": tt.wantLevel, "remote": tt.wantRemote, "request_id": tt.wantID}
			for k, v := range want {
				if rec[k] != v {
					t.Errorf("AccessLog: %s = %v, want %v (%v)", k, rec[k], v, rec)
				}
			}
			if _, ok := rec["duration"].(float64); !ok {
				t.Errorf("AccessLog: duration = %v", rec["duration"])
			}
		})
	}
}

func TestAccessLogPanic(t *testing.T) {
	t.Parallel()
	logger, logs := bufLogger()
	h := middleware.AccessLog(logger)(panicker("boom", false))
	func() {
		defer func() {
			if v := recover(); v != "boom" {
				t.Errorf("AccessLog: panic %v, want boom to go on", v)
			}
		}()
		serve(t, h, httptest.NewRequest("GET", "/", nil))
	}()
	if rec := decodeLog(t, logs); rec["status"] != 500.0 || rec["level"] != "ERROR" {
		t.Errorf("AccessLog after a panic: %v", rec)
	}
}

func TestAccessLogAbortAfterAnswerBegan(t *testing.T) {
	t.Parallel()
	logger, logs := bufLogger()
	h := middleware.AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("partial"))
		w.(http.Flusher).Flush() // the status line is on its way
		panic(http.ErrAbortHandler)
	}))
	func() {
		defer func() {
			if v := recover(); v != http.ErrAbortHandler {
				t.Errorf("AccessLog: panic %v, want http.ErrAbortHandler to go on", v)
			}
		}()
		serve(t, h, httptest.NewRequest("GET", "/", nil))
	}()
	rec := decodeLog(t, logs)
	assert.Equal(t, 200.0, rec["status"], "the status the client got")
	assert.Equal(t, "WARN", rec["level"])
	assert.Contains(t, rec["error"], "answer cut short")
}

// headerLog records the WriteHeader calls that reach it.
type headerLog struct {
	*httptest.ResponseRecorder
	codes []int
}

func (h *headerLog) WriteHeader(code int) {
	h.codes = append(h.codes, code)
	if code >= 200 {
		h.ResponseRecorder.WriteHeader(code)
	}
}

func TestAccessLogInformational(t *testing.T) {
	t.Parallel()
	logger, logs := bufLogger()
	h := middleware.AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusEarlyHints)
		w.WriteHeader(http.StatusCreated)
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("Flush through AccessLog: %v", err)
		}
	}))
	w := &headerLog{ResponseRecorder: httptest.NewRecorder()}
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if len(w.codes) != 2 || w.codes[0] != 103 || w.codes[1] != 201 || !w.Flushed {
		t.Errorf("AccessLog: WriteHeader calls %v, flushed %v; want [103 201] true", w.codes, w.Flushed)
	}
	if rec := decodeLog(t, logs); rec["status"] != 201.0 {
		t.Errorf("AccessLog: status %v, want 201", rec["status"])
	}
}

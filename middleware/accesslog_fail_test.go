package middleware_test

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/middleware"
)

// failWriter is a ResponseWriter whose connection breaks: it accepts
// budget bytes of body, then every write fails with err. Its FlushError
// returns flushErr, as net/http's does when sending fails.
type failWriter struct {
	header   http.Header
	budget   int
	err      error
	flushErr error
}

func (f *failWriter) Header() http.Header { return f.header }
func (f *failWriter) WriteHeader(int)     {}

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) <= f.budget {
		f.budget -= len(p)
		return len(p), nil
	}
	n := f.budget
	f.budget = 0
	return n, f.err
}

func (f *failWriter) FlushError() error { return f.flushErr }

// flushOnly is a ResponseWriter that flushes without reporting errors, as
// httptest.ResponseRecorder does.
type flushOnly struct{ *failWriter }

func (f flushOnly) Flush() {}

var errTimeout = errors.New("write tcp 127.0.0.1:8080->127.0.0.1:5555: i/o timeout")

func TestAccessLogWriteFailed(t *testing.T) {
	t.Parallel()
	body := []byte(strings.Repeat("x", 100))
	write := func(w http.ResponseWriter, r *http.Request) {
		w.Write(body)
		w.Write(body)
	}
	flushThenWrite := func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		http.NewResponseController(w).Flush()
		write(w, r)
	}
	tests := []struct {
		name       string
		w          func() http.ResponseWriter
		h          http.HandlerFunc
		wantStatus float64
		wantBytes  float64
		wantLevel  string
		wantErr    any // nil: no error attribute
	}{
		{
			name:       "all sent",
			w:          func() http.ResponseWriter { return &failWriter{header: http.Header{}, budget: 1000, err: errTimeout} },
			h:          write,
			wantStatus: 200, wantBytes: 200, wantLevel: "INFO",
		},
		{
			name:       "the first write fails",
			w:          func() http.ResponseWriter { return &failWriter{header: http.Header{}, err: errTimeout} },
			h:          write,
			wantStatus: 0, wantBytes: 0, wantLevel: "WARN", wantErr: errTimeout.Error(),
		},
		{
			name:       "a write fails halfway",
			w:          func() http.ResponseWriter { return &failWriter{header: http.Header{}, budget: 150, err: errTimeout} },
			h:          write,
			wantStatus: 0, wantBytes: 150, wantLevel: "WARN", wantErr: errTimeout.Error(),
		},
		{
			name:       "flushed, then a write fails",
			w:          func() http.ResponseWriter { return &failWriter{header: http.Header{}, budget: 150, err: errTimeout} },
			h:          flushThenWrite,
			wantStatus: 201, wantBytes: 150, wantLevel: "WARN", wantErr: errTimeout.Error(),
		},
		{
			name: "the flush fails",
			w: func() http.ResponseWriter {
				return &failWriter{header: http.Header{}, budget: 1000, flushErr: errTimeout}
			},
			h:          flushThenWrite,
			wantStatus: 0, wantBytes: 200, wantLevel: "WARN", wantErr: errTimeout.Error(),
		},
		{
			name: "a flush without an error counts as sent",
			w: func() http.ResponseWriter {
				return flushOnly{&failWriter{header: http.Header{}, budget: 0, err: errTimeout}}
			},
			h:          flushThenWrite,
			wantStatus: 201, wantBytes: 0, wantLevel: "WARN", wantErr: errTimeout.Error(),
		},
		{
			name: "a 5xx that fails stays an error",
			w:    func() http.ResponseWriter { return &failWriter{header: http.Header{}, err: errTimeout} },
			h: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusBadGateway)
				w.Write(body)
			},
			wantStatus: 0, wantBytes: 0, wantLevel: "ERROR", wantErr: errTimeout.Error(),
		},
		{
			name: "WriteString fails",
			w:    func() http.ResponseWriter { return &failWriter{header: http.Header{}, budget: 3, err: errTimeout} },
			h: func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.(interface{ WriteString(string) (int, error) }).WriteString("hello")
			},
			wantStatus: 0, wantBytes: 3, wantLevel: "WARN", wantErr: errTimeout.Error(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logger, logs := bufLogger()
			middleware.AccessLog(logger)(tt.h).ServeHTTP(tt.w(), httptest.NewRequest("GET", "/", nil))
			rec := decodeLog(t, logs)
			assert.Equal(t, tt.wantStatus, rec["status"], "status")
			assert.Equal(t, tt.wantBytes, rec["bytes"], "bytes")
			assert.Equal(t, tt.wantLevel, rec["level"], "level")
			assert.Equal(t, tt.wantErr, rec["error"], "error")
		})
	}
}

// TestAccessLogWriteTimeout serves a response slower than the server's
// WriteTimeout: the record says what the client got.
func TestAccessLogWriteTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		flushFirst bool
		wantStatus float64
	}{
		{"nothing reached the client", false, 0},
		{"the status reached the client", true, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logs := &testutil.SyncBuffer{}
			logger := slog.New(slog.NewJSONHandler(logs, nil))
			const timeout = 100 * time.Millisecond
			h := middleware.AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.flushFirst {
					w.WriteHeader(http.StatusCreated)
					if err := http.NewResponseController(w).Flush(); err != nil {
						t.Errorf("Flush before the deadline: %v", err)
					}
				}
				time.Sleep(2 * timeout)
				chunk := make([]byte, 64<<10)
				for range 100 {
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
				t.Errorf("6.4 MB written after the write deadline")
			}))
			ts := httptest.NewUnstartedServer(h)
			ts.Config.WriteTimeout = timeout
			ts.Start()
			defer ts.Close()
			resp, err := http.Get(ts.URL)
			if err == nil {
				resp.Body.Close()
				assert.Equal(t, 201, resp.StatusCode, "the client got the flushed status")
			}
			require.Eventually(t, func() bool { return logs.String() != "" }, 5*time.Second, 10*time.Millisecond)
			var rec map[string]any
			require.NoError(t, json.Unmarshal([]byte(logs.String()), &rec))
			assert.Equal(t, tt.wantStatus, rec["status"], "status: %v", rec)
			assert.Equal(t, "WARN", rec["level"], "level: %v", rec)
			assert.Contains(t, rec["error"], "i/o timeout", "error: %v", rec)
		})
	}
}

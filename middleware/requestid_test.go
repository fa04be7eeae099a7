package middleware_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/middleware"
	"github.com/gowebob/gowebob/request"
)

func TestRequestID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		header  []string // nil: no header
		keep    bool
		outerID string // HTTP_X_REQUEST_ID in the outer environ, if not empty
	}{
		{name: "absent"},
		{name: "valid", header: []string{"req-1:a.b_c+d/e=f@g"}, keep: true},
		{name: "uuid", header: []string{"123e4567-e89b-12d3-a456-426614174000"}, keep: true},
		{name: "at the length limit", header: []string{strings.Repeat("a", 128)}, keep: true},
		{name: "too long", header: []string{strings.Repeat("a", 129)}},
		{name: "empty", header: []string{""}},
		{name: "space", header: []string{"a b"}},
		{name: "control", header: []string{"a\x01b"}},
		{name: "non-ASCII", header: []string{"é"}},
		{name: "quote", header: []string{`a"b`}},
		{name: "two headers", header: []string{"first", "second"}, keep: true},
		{name: "valid, the outer environ says otherwise", header: []string{"req-1"}, keep: true, outerID: "outer"},
		{name: "absent, the outer environ has one", outerID: "outer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ctxID, envID string
			var ok bool
			var scriptName string
			h := middleware.RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ctxID, ok = middleware.RequestIDFromContext(r.Context())
				req := request.FromHTTP(r, "")
				envID = req.Headers().Get("X-Request-ID")
				scriptName = req.ScriptName()
			}))
			r := httptest.NewRequest("GET", "/app/x", nil)
			outer := request.Environ{"SCRIPT_NAME": "/app", "PATH_INFO": "/x"}
			if tt.outerID != "" {
				outer["HTTP_X_REQUEST_ID"] = tt.outerID
			}
			nOuter := len(outer)
			r = r.WithContext(request.NewContextWithEnviron(r.Context(), outer))
			if tt.header != nil {
				r.Header["X-Request-Id"] = tt.header
			}
			w := serve(t, h, r)
			id := w.Header().Get("X-Request-ID")
			if tt.keep && id != tt.header[0] {
				t.Errorf("RequestID: id %q, want the client's %q", id, tt.header[0])
			}
			if !tt.keep && (len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "") {
				t.Errorf("RequestID: id %q, want 32 hex digits", id)
			}
			if !ok || ctxID != id || envID != id {
				t.Errorf("RequestID: context %q %v, environ %q; want %q", ctxID, ok, envID, id)
			}
			if scriptName != "/app" || len(outer) != nOuter {
				t.Errorf("RequestID: environ merge lost SCRIPT_NAME (%q) or changed the outer environ %v", scriptName, outer)
			}
			if tt.header != nil && r.Header["X-Request-Id"][0] != tt.header[0] {
				t.Errorf("RequestID changed the request's header")
			}
		})
	}
}

func TestRequestIDUnique(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 100 {
		id := serve(t, middleware.RequestID(hello), httptest.NewRequest("GET", "/", nil)).Header().Get("X-Request-ID")
		if seen[id] {
			t.Fatalf("RequestID repeated %q", id)
		}
		seen[id] = true
	}
}

func TestRequestIDContext(t *testing.T) {
	t.Parallel()
	if id, ok := middleware.RequestIDFromContext(context.Background()); ok || id != "" {
		t.Errorf("RequestIDFromContext(empty) = %q, %v", id, ok)
	}
	ctx := middleware.NewContextWithRequestID(context.Background(), "x")
	if id, ok := middleware.RequestIDFromContext(ctx); !ok || id != "x" {
		t.Errorf("RequestIDFromContext = %q, %v; want x, true", id, ok)
	}
}

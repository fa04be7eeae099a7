package middleware_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/middleware"
)

// echo answers with the body it reads, or renders the read error.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		exc.Error(w, r, err)
		return
	}
	_, _ = w.Write(b)
})

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		limit     int64
		body      string
		chunked   bool
		want      int
		wantBody  string
		reachesH  bool
		wantInErr string
	}{
		{name: "under", limit: 10, body: "hello", want: 200, wantBody: "hello", reachesH: true},
		{name: "at", limit: 5, body: "hello", want: 200, wantBody: "hello", reachesH: true},
		{name: "over by Content-Length", limit: 4, body: "hello", want: 413, wantInErr: "limit of 4 bytes"},
		{name: "over while reading", limit: 4, body: "hello", chunked: true, want: 413, reachesH: true, wantInErr: "limit of 4 bytes"},
		{name: "zero allows no body", limit: 0, body: "x", want: 413},
		{name: "zero with no body", limit: 0, want: 200, reachesH: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reached := false
			var bodyBefore io.ReadCloser
			h := middleware.BodyLimit(tt.limit)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				reached = true
				echo.ServeHTTP(w, r)
			}))
			var body io.Reader = strings.NewReader(tt.body)
			if tt.chunked {
				body = io.MultiReader(body) // hides the length
			}
			if tt.body == "" {
				body = nil
			}
			r := httptest.NewRequest("POST", "/", body)
			if tt.chunked {
				r.ContentLength = -1
			}
			bodyBefore = r.Body
			w := serve(t, h, r)
			if w.Code != tt.want || reached != tt.reachesH {
				t.Errorf("BodyLimit(%d): status %d, handler reached %v; want %d, %v", tt.limit, w.Code, reached, tt.want, tt.reachesH)
			}
			if tt.wantBody != "" && w.Body.String() != tt.wantBody {
				t.Errorf("BodyLimit(%d): body %q, want %q", tt.limit, w.Body, tt.wantBody)
			}
			if !strings.Contains(w.Body.String(), tt.wantInErr) {
				t.Errorf("BodyLimit(%d): body %q lacks %q", tt.limit, w.Body, tt.wantInErr)
			}
			if r.Body != bodyBefore {
				t.Errorf("BodyLimit changed the caller's request")
			}
		})
	}
}

func TestBodyLimitError(t *testing.T) {
	t.Parallel()
	var readErr error
	h := middleware.BodyLimit(2)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, readErr = io.ReadAll(r.Body)
	}))
	r := httptest.NewRequest("POST", "/", io.MultiReader(strings.NewReader("abc")))
	r.ContentLength = -1
	serve(t, h, r)
	var mbe *http.MaxBytesError
	if !errors.As(readErr, &mbe) || mbe.Limit != 2 {
		t.Errorf("read error %v, want *http.MaxBytesError{Limit: 2}", readErr)
	}
}

func TestBodyLimitPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if v, _ := recover().(string); !strings.HasPrefix(v, "middleware: BodyLimit: ") {
			t.Errorf("BodyLimit(-1) panic %q", v)
		}
	}()
	middleware.BodyLimit(-1)
}

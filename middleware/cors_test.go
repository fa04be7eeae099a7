package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gowebob/gowebob/middleware"
)

func TestCORS(t *testing.T) {
	t.Parallel()
	app := middleware.CORSOptions{
		AllowedOrigins:   []string{"https://app.example", "http://localhost:3000"},
		AllowedMethods:   []string{"GET", "PUT", "DELETE"},
		AllowedHeaders:   []string{"Content-Type", "X-Token"},
		ExposedHeaders:   []string{"X-Request-ID"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	}
	anyOrigin := middleware.CORSOptions{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"*"}, MaxAge: -1}
	tests := []struct {
		name     string
		opts     middleware.CORSOptions
		method   string
		headers  map[string]string
		want     map[string]string // "" means absent
		wantCode int
		reachesH bool
		wantVary string
	}{
		{
			name: "simple request, allowed origin", opts: app, method: "GET",
			headers:  map[string]string{"Origin": "https://APP.example"},
			want:     map[string]string{"Access-Control-Allow-Origin": "https://APP.example", "Access-Control-Allow-Credentials": "true", "Access-Control-Expose-Headers": "X-Request-ID", "Access-Control-Allow-Methods": ""},
			wantCode: 200, reachesH: true, wantVary: "Origin",
		},
		{
			name: "simple request, other origin", opts: app, method: "GET",
			headers:  map[string]string{"Origin": "https://evil.example"},
			want:     map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Credentials": ""},
			wantCode: 200, reachesH: true, wantVary: "Origin",
		},
		{
			name: "no origin", opts: app, method: "GET",
			want:     map[string]string{"Access-Control-Allow-Origin": ""},
			wantCode: 200, reachesH: true, wantVary: "Origin",
		},
		{
			name: "origin suffix is not a match", opts: app, method: "GET",
			headers:  map[string]string{"Origin": "https://app.example.evil"},
			want:     map[string]string{"Access-Control-Allow-Origin": ""},
			wantCode: 200, reachesH: true, wantVary: "Origin",
		},
		{
			name: "preflight allowed", opts: app, method: "OPTIONS",
			headers: map[string]string{"Origin": "http://localhost:3000", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "x-token, content-type"},
			want: map[string]string{"Access-Control-Allow-Origin": "http://localhost:3000", "Access-Control-Allow-Methods": "GET, PUT, DELETE",
				"Access-Control-Allow-Headers": "Content-Type, X-Token", "Access-Control-Max-Age": "600", "Access-Control-Allow-Credentials": "true"},
			wantCode: 204, wantVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
		},
		{
			name: "preflight, method refused", opts: app, method: "OPTIONS",
			headers:  map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "PATCH"},
			want:     map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Methods": ""},
			wantCode: 204, wantVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
		},
		{
			name: "preflight, header refused", opts: app, method: "OPTIONS",
			headers:  map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "X-Token, X-Admin"},
			want:     map[string]string{"Access-Control-Allow-Origin": ""},
			wantCode: 204, wantVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
		},
		{
			name: "preflight, origin refused", opts: app, method: "OPTIONS",
			headers:  map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
			want:     map[string]string{"Access-Control-Allow-Origin": ""},
			wantCode: 204, wantVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
		},
		{
			name: "OPTIONS that is no preflight goes on", opts: app, method: "OPTIONS",
			headers:  map[string]string{"Origin": "https://app.example"},
			want:     map[string]string{"Access-Control-Allow-Origin": "https://app.example", "Access-Control-Allow-Methods": ""},
			wantCode: 200, reachesH: true, wantVary: "Origin",
		},
		{
			name: "any origin is literal *", opts: anyOrigin, method: "GET",
			headers:  map[string]string{"Origin": "https://whoever.example"},
			want:     map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": ""},
			wantCode: 200, reachesH: true, wantVary: "Origin",
		},
		{
			name: "any header named back", opts: anyOrigin, method: "OPTIONS",
			headers: map[string]string{"Origin": "https://whoever.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "X-Anything"},
			want: map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "X-Anything",
				"Access-Control-Allow-Methods": "GET, HEAD, POST", "Access-Control-Max-Age": "0"},
			wantCode: 204, wantVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
		},
		{
			name: "any header, not a token", opts: anyOrigin, method: "OPTIONS",
			headers:  map[string]string{"Origin": "https://whoever.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "X-(bad)"},
			want:     map[string]string{"Access-Control-Allow-Origin": ""},
			wantCode: 204, wantVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
		},
		{
			name: "zero options allow nothing", method: "GET",
			headers:  map[string]string{"Origin": "https://app.example"},
			want:     map[string]string{"Access-Control-Allow-Origin": ""},
			wantCode: 200, reachesH: true, wantVary: "Origin",
		},
		{
			name: "default headers", opts: middleware.CORSOptions{AllowedOrigins: []string{"https://app.example"}}, method: "OPTIONS",
			headers: map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
			want: map[string]string{"Access-Control-Allow-Origin": "https://app.example", "Access-Control-Max-Age": "",
				"Access-Control-Allow-Headers": "Accept, Accept-Language, Content-Language, Content-Type"},
			wantCode: 204, wantVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reached := false
			h := middleware.CORS(tt.opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				reached = true
			}))
			r := httptest.NewRequest(tt.method, "/", nil)
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			w := serve(t, h, r)
			if w.Code != tt.wantCode || reached != tt.reachesH {
				t.Errorf("CORS: status %d, handler reached %v; want %d, %v", w.Code, reached, tt.wantCode, tt.reachesH)
			}
			for k, v := range tt.want {
				if got := w.Header().Get(k); got != v {
					t.Errorf("CORS: %s = %q, want %q", k, got, v)
				}
			}
			if got := strings.Join(w.Header().Values("Vary"), ", "); got != tt.wantVary {
				t.Errorf("CORS: Vary %q, want %q", got, tt.wantVary)
			}
		})
	}
}

func TestCORSPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if v, _ := recover().(string); !strings.HasPrefix(v, "middleware: CORS: ") {
			t.Errorf("CORS(* with credentials) panic %q", v)
		}
	}()
	middleware.CORS(middleware.CORSOptions{AllowedOrigins: []string{"*"}, AllowCredentials: true})
}

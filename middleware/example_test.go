package middleware_test

import (
	"compress/gzip"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strings"
	"testing/fstest"
	"time"

	"github.com/gowebob/gowebob/middleware"
	"github.com/gowebob/gowebob/request"
)

// exampleLogger logs to standard output without the time and duration,
// so that the output is stable.
func exampleLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" || a.Key == "stack" {
				return slog.Attr{}
			}
			return a
		},
	}))
}

// Chain composes middleware; the first is the outermost.
func ExampleChain() {
	say := func(s string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fmt.Println("enter", s)
				next.ServeHTTP(w, r)
			})
		}
	}
	h := middleware.Chain(say("a"), say("b"))(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		fmt.Println("handler")
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	// Output:
	// enter a
	// enter b
	// handler
}

// Recover answers a panic with a 500 page that reveals nothing, and logs
// the panic.
func ExampleRecoverWith() {
	h := middleware.RecoverWith(middleware.RecoverOptions{Logger: exampleLogger()})(
		http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("database password is hunter2") }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	fmt.Println(w.Code)
	fmt.Print(w.Body.String())
	// Output:
	// level=ERROR msg="panic recovered" panic="database password is hunter2" method=GET path=/
	// 500
	// 500 Internal Server Error
	//
	// The server has either erred or is incapable of performing the requested operation.
}

// Recover is RecoverWith logging to slog.Default().
func ExampleRecover() {
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(exampleLogger())
	h := middleware.Recover(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("oops") }))
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	// Output:
	// level=ERROR msg="panic recovered" panic=oops method=GET path=/
	// 500 application/json
}

// AccessLog logs each request after it is answered.
func ExampleAccessLog() {
	h := middleware.Chain(middleware.RequestID, middleware.AccessLog(exampleLogger()))(hello)
	r := httptest.NewRequest("GET", "/hello?token=secret", nil)
	r.Header.Set("X-Request-ID", "req-42")
	h.ServeHTTP(httptest.NewRecorder(), r)
	// Output:
	// level=INFO msg="http request" method=GET path=/hello status=200 bytes=5 remote=192.0.2.1 request_id=req-42
}

// RequestID gives the handler an id, in the context and in the environ.
func ExampleRequestID() {
	h := middleware.RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := middleware.RequestIDFromContext(r.Context())
		req := request.FromHTTP(r, "")
		fmt.Println(id, req.Headers().Get("X-Request-ID"))
	}))
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Request-ID", "from-the-proxy")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Header().Get("X-Request-ID"))

	r.Header.Set("X-Request-ID", "not valid!") // replaced by a random id
	w = httptest.NewRecorder()
	middleware.RequestID(hello).ServeHTTP(w, r)
	fmt.Println(len(w.Header().Get("X-Request-ID")))
	// Output:
	// from-the-proxy from-the-proxy
	// from-the-proxy
	// 32
}

// Compress compresses a large enough response for a client that accepts
// gzip.
func ExampleCompress() {
	h := middleware.Compress(middleware.CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, strings.Repeat("all work and no play ", 100))
	}))
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "br;q=1, gzip;q=0.8, deflate;q=0.5")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	zr, _ := gzip.NewReader(w.Body)
	body, _ := io.ReadAll(zr)
	fmt.Println(w.Header().Get("Content-Encoding"), w.Header().Get("Vary"), len(body))
	// Output:
	// gzip Accept-Encoding 2100
}

// BodyLimit refuses a body larger than the limit with a 413.
func ExampleBodyLimit() {
	h := middleware.BodyLimit(8)(hello)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader("far too long a body")))
	lines := strings.Split(strings.TrimSpace(w.Body.String()), "\n")
	fmt.Println(w.Code, lines[0])
	fmt.Println(strings.TrimSpace(lines[len(lines)-1]))
	// Output:
	// 413 413 Request Entity Too Large
	// The request body is larger than the limit of 8 bytes.
}

// Timeout answers 503 when the handler is too slow, and cancels its
// context.
func ExampleTimeout() {
	h := middleware.Timeout(10 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	fmt.Println(w.Code)
	// Output:
	// 503
}

// ProxyHeaders makes the Request see the client, not the proxy.
func ExampleProxyHeaders() {
	h := middleware.ProxyHeaders(middleware.ProxyOptions{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := request.FromHTTP(r, "")
		fmt.Println(req.RemoteAddr(), req.ClientAddr(), req.URL())
	}))
	r := httptest.NewRequest("GET", "http://10.0.0.7:8080/cart", nil)
	r.RemoteAddr = "10.0.0.2:41000"                           // the load balancer
	r.Header.Set("X-Forwarded-For", "1.2.3.4, 198.51.100.20") // 1.2.3.4 was sent by the client
	r.Header.Set("X-Forwarded-Proto", "https")
	r.Header.Set("X-Forwarded-Host", "shop.example.com")
	h.ServeHTTP(httptest.NewRecorder(), r)
	// Output:
	// 198.51.100.20 198.51.100.20 https://shop.example.com/cart
}

// CORS answers a preflight request from an allowed origin.
func ExampleCORS() {
	h := middleware.CORS(middleware.CORSOptions{
		AllowedOrigins: []string{"https://app.example.com"},
		AllowedMethods: []string{"GET", "PUT"},
		MaxAge:         time.Hour,
	})(hello)
	r := httptest.NewRequest("OPTIONS", "/api/items/1", nil)
	r.Header.Set("Origin", "https://app.example.com")
	r.Header.Set("Access-Control-Request-Method", "PUT")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code)
	for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Max-Age"} {
		fmt.Printf("%s: %s\n", k, w.Header().Get(k))
	}
	// Output:
	// 204
	// Access-Control-Allow-Origin: https://app.example.com
	// Access-Control-Allow-Methods: GET, PUT
	// Access-Control-Max-Age: 3600
}

// MethodOverride turns an HTML form's POST into the DELETE it stands for.
func ExampleMethodOverride() {
	h := middleware.MethodOverride(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := request.FromHTTP(r, "")
		form, _ := req.POST()
		fmt.Println(r.Method, req.Method(), form.Get("id"))
	}))
	r := httptest.NewRequest("POST", "/items", strings.NewReader("_method=delete&id=7"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	h.ServeHTTP(httptest.NewRecorder(), r)
	// Output:
	// DELETE DELETE 7
}

// Static serves files, with their type, and no directory listings.
func ExampleStatic() {
	fsys := fstest.MapFS{
		"css/site.css": {Data: []byte("body { margin: 0 }")},
		".env":         {Data: []byte("SECRET=1")},
	}
	h := http.StripPrefix("/static", middleware.Static(fsys))
	for _, path := range []string{"/static/css/site.css", "/static/css/", "/static/.env"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		fmt.Println(path, w.Code, w.Header().Get("Content-Type"))
	}
	// Output:
	// /static/css/site.css 200 text/css; charset=utf-8
	// /static/css/ 404 text/plain; charset=UTF-8
	// /static/.env 404 text/plain; charset=UTF-8
}

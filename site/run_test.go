package site

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowSite has a page that answers once release is closed.
func slowSite(started chan<- struct{}, release <-chan struct{}) *Site {
	return &Site{Pages: []Page{
		{File: "slow.go", App: func(w http.ResponseWriter, r *http.Request) {
			started <- struct{}{}
			<-release
			io.WriteString(w, "done")
		}},
		{File: "fast.go", App: func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "fast") }},
	}}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

// TestRunGracefulShutdown checks that a request in flight when the
// context ends is finished, that the readiness probe says draining from
// that moment, and that new connections are refused.
func TestRunGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	metricsAddr := freeAddr(t)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, slowSite(started, release), ln, Options{
			MetricsAddr: metricsAddr, ShutdownTimeout: 10 * time.Second,
			Logger: slog.New(slog.DiscardHandler),
		})
	}()
	base := "http://" + ln.Addr().String()
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + metricsAddr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	}, 5*time.Second, 10*time.Millisecond)
	code, body := get(t, base+"/fast")
	assert.Equal(t, 200, code)
	assert.Equal(t, "fast", body)

	var wg sync.WaitGroup
	wg.Add(1)
	var slowCode int
	var slowBody string
	go func() {
		defer wg.Done()
		slowCode, slowBody = get(t, base+"/slow")
	}()
	<-started
	cancel()
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + metricsAddr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 503
	}, 5*time.Second, 10*time.Millisecond, "readyz while draining")
	code, _ = get(t, "http://"+metricsAddr+"/livez")
	assert.Equal(t, 200, code)
	require.Eventually(t, func() bool {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 5*time.Second, 10*time.Millisecond, "the listener still accepts while draining")
	close(release)
	wg.Wait()
	assert.Equal(t, 200, slowCode)
	assert.Equal(t, "done", slowBody)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
}

// TestRunMetrics checks the Prometheus exposition: requests by page and
// status class, the latency histogram and the in-flight gauge.
func TestRunMetrics(t *testing.T) {
	s := &Site{Pages: []Page{
		{File: "ok.go", App: func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }},
		{File: "admin/index.go", App: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) }},
		{File: "boom.go", App: func(w http.ResponseWriter, r *http.Request) { panic("boom") }},
	}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	metricsAddr := freeAddr(t)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, s, ln, Options{MetricsAddr: metricsAddr, Logger: slog.New(slog.DiscardHandler)})
	}()
	defer func() { cancel(); <-done }()
	base := "http://" + ln.Addr().String()
	for _, p := range []string{"/ok", "/ok.go/x", "/admin/", "/boom", "/nothing"} {
		get(t, base+p)
	}
	var metrics string
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + metricsAddr + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		metrics = string(b)
		return resp.StatusCode == 200
	}, 5*time.Second, 10*time.Millisecond)
	for _, want := range []string{
		`gowebob_requests_total{page="ok.go",code="2xx"} 2`,
		`gowebob_requests_total{page="admin/index.go",code="4xx"} 1`,
		`gowebob_requests_total{page="boom.go",code="5xx"} 1`,
		`gowebob_requests_total{page="",code="4xx"} 1`,
		`gowebob_request_duration_seconds_bucket{page="ok.go",le="+Inf"} 2`,
		`gowebob_request_duration_seconds_count{page="ok.go"} 2`,
		"# TYPE gowebob_request_duration_seconds histogram",
		"gowebob_requests_in_flight 0",
	} {
		assert.Contains(t, metrics, want+"\n")
	}
	assert.False(t, strings.Contains(metrics, `page="ok.go",code="5xx"} 1`))
}

// TestLimitPageQueue checks that a request waiting longer than the queue
// timeout for a turn of a busy page gets a 503 with Retry-After.
func TestLimitPageQueue(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	s := slowSite(started, release)
	d, err := s.dispatcher(0)
	require.NoError(t, err)
	m := newMetrics([]string{"slow.go", "fast.go"})
	h := m.measure(gatePages(d, m, Options{MaxRequestsPerPage: 1, QueueTimeout: 50 * time.Millisecond}.withDefaults()))
	srv := newTestServer(t, h)
	first := make(chan int, 1)
	go func() {
		resp, err := http.Get(srv + "/slow")
		if err != nil {
			first <- 0
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	<-started
	resp, err := http.Get(srv + "/slow")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	code, _ := get(t, srv+"/fast")
	assert.Equal(t, 200, code, "another page has turns of its own")
	close(release)
	assert.Equal(t, 200, <-first)
	w := httptest.NewRecorder()
	m.ServeHTTP(w, nil)
	assert.Contains(t, w.Body.String(), `gowebob_requests_total{page="slow.go",code="5xx"} 1`+"\n", "the 503 is counted as the page's")
	assert.Contains(t, w.Body.String(), `gowebob_requests_total{page="slow.go",code="2xx"} 1`+"\n")
}

func TestMain(m *testing.M) {
	// The adapter logs the panics of TestRunMetrics to slog's default.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

func newTestServer(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	hs := &http.Server{Handler: h}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String()
}

func TestLabelValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hello.go", `"hello.go"`},
		{"café/index.go", `"café/index.go"`},
		{`a"b\c` + "\n", `"a\"b\\c\n"`},
	}
	for _, tt := range tests {
		if got := labelValue(tt.in); got != tt.want {
			t.Errorf("labelValue(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

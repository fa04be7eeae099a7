package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawExchange sends raw bytes on a new connection and returns the status
// code of the answer (0 when the server closed the connection without one)
// and the body. With halfClose the client then closes its side for writing,
// so that a body cut short ends.
func rawExchange(t *testing.T, addr, raw string, halfClose bool) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		return 0, ""
	}
	if tc, ok := conn.(*net.TCPConn); ok && halfClose {
		tc.CloseWrite()
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func examplesWWW(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "examples", "www")
}

// TestHostileRequests sends malformed and hostile requests to a running
// gowebob serve examples/www: every answer must be a 4xx or the page's
// normal answer, never a 5xx, never a file outside the docroot, and the
// server must stay up.
func TestHostileRequests(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	url, _ := serveInBackground(t, examplesWWW(t), "-read-header-timeout", "1s", "-max-header-bytes", "8192")
	addr := strings.TrimPrefix(url, "http://")
	for _, warm := range []string{"/hello", "/hello_webob", "/inspect", "/remember"} {
		code, _ := httpGet(t, url+warm) // build the pages first
		require.Equal(t, 200, code, warm)
	}
	get := func(target string) string {
		return "GET " + target + " HTTP/1.1\r\nHost: " + addr + "\r\nConnection: close\r\n\r\n"
	}
	tests := []struct {
		name string
		raw  string
		want int // 0: any 4xx
	}{
		{"garbage request line", "GARBAGE\r\n\r\n", 400},
		{"bad version", "GET /hello HTTP/9.9\r\nHost: x\r\n\r\n", 505},
		{"bad escape in path", get("/hello%zz"), 400},
		{"bad escape in query", get("/hello_webob?first=%zz&last=%"), 200},
		{"query not UTF-8", get("/hello_webob?first=%ff"), 400},
		{"inspect with bad UTF-8", get("/inspect?x=%ff"), 200},
		{"huge header", "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 20000) + "\r\n\r\n", 431},
		{"many headers", "GET /hello HTTP/1.1\r\nHost: x\r\n" + strings.Repeat("X-A: b\r\n", 2000) + "\r\n", 431},
		{"invalid content length", "POST /hello_webob HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400},
		{"two content lengths", "POST /hello_webob HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400},
		{"chunked cut short", "POST /hello_webob HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n10\r\nfirst=a", -1},
		{"body shorter than length", "POST /hello_webob HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nfirst=a", -1},
		{"multipart no boundary", "POST /hello_webob HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc", 400},
		{"deep JSON", "POST /inspect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000\r\nConnection: close\r\n\r\n" + strings.Repeat("[", 1000) + strings.Repeat("]", 1000), 200},
		{"CRLF into a cookie", get("/remember?name=x%0d%0aSet-Cookie:%20evil=1"), 400},
		{"semicolon into a cookie (quoted, as WebOb)", get("/remember?name=x%3b%20Domain=evil.example"), 200},
		{"NUL in path", get("/hello.go%00"), 404},
		{"NUL alone", get("/%00"), 404},
		{"dot dot", get("/../go.mod"), 0},
		{"encoded dot dot", get("/%2e%2e/go.mod"), 404},
		{"encoded slash dot dot", get("/hello.go/..%2f..%2fgo.mod"), 404},
		{"double encoded", get("/%252e%252e/go.mod"), 404},
		{"dot encoded dot", get("/.%2e/go.mod"), 404},
		{"backslash", get("/..%5cgo.mod"), 404},
		{"absolute form", "GET http://x/../go.mod HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0},
		{"go.sum", get("/go.sum"), 404},
		{"helper source", get("/lib/greet/greet.go"), 404},
		{"dot git", get("/.git/config"), 404},
		{"build folder", get("/.gowebob/build"), 404},
		{"page then dot dot", get("/hello.go/../../etc/passwd"), 0},
	}
	for _, tt := range tests {
		cut := strings.Contains(tt.name, "cut short") || strings.Contains(tt.name, "shorter")
		code, body := rawExchange(t, addr, tt.raw, cut)
		switch {
		case code == 0:
			// The server closed the connection without an answer: net/http
			// does so for bodies cut short. Not a 5xx.
		case tt.want == -1:
			// A client that stops sending its body mid-way has hung up:
			// the answer is a 4xx or, when the hang-up cancels the
			// request first, a 502 nobody reads. Never a 500.
			assert.NotEqual(t, 500, code, tt.name)
		case tt.want != 0:
			assert.Equal(t, tt.want, code, tt.name)
		default:
			assert.True(t, code >= 400 && code < 500, "%s: got %d, want a 4xx", tt.name, code)
		}
		if tt.want != 505 && !cut {
			assert.Less(t, code, 500, "%s: never a 5xx", tt.name)
		}
		for _, leak := range []string{"module site", "root:x:", "goroutine ", ".go:", "/work/", "package greet"} {
			assert.NotContains(t, body, leak, "%s: the answer leaks %q", tt.name, leak)
		}
	}
	code, body := httpGet(t, url+"/hello")
	assert.Equal(t, 200, code, "the server is still up")
	assert.Contains(t, body, "Hello")
}

// TestSlowloris checks that a client sending its header slowly is
// disconnected after the read-header timeout while others are served.
func TestSlowloris(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	url, _ := serveInBackground(t, examplesWWW(t), "-read-header-timeout", "1s")
	addr := strings.TrimPrefix(url, "http://")
	code, _ := httpGet(t, url+"/hello")
	require.Equal(t, 200, code)

	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	io.WriteString(conn, "GET /hello HTTP/1.1\r\nHost: x\r\n")
	start := time.Now()
	closed := make(chan time.Duration, 1)
	go func() {
		buf := make([]byte, 1)
		for {
			if _, err := io.WriteString(conn, "X-Slow: a\r\n"); err != nil {
				break
			}
			conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
			if _, err := conn.Read(buf); err != nil && !isTimeout(err) {
				break
			}
			if time.Since(start) > 10*time.Second {
				break
			}
		}
		closed <- time.Since(start)
	}()
	code, body := httpGet(t, url+"/hello")
	assert.Equal(t, 200, code, "other clients are served meanwhile")
	assert.Contains(t, body, "Hello")
	took := <-closed
	assert.Less(t, took, 5*time.Second, "the slow connection is closed after the read-header timeout")
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

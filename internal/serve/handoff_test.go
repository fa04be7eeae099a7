package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

// rawClient speaks HTTP/1.1 on one connection, so that a test knows which
// requests share it.
type rawClient struct {
	t  testing.TB
	c  net.Conn
	br *bufio.Reader
}

func dialRaw(t testing.TB, ts *httptest.Server) *rawClient {
	t.Helper()
	c, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return &rawClient{t: t, c: c, br: bufio.NewReader(c)}
}

// send writes raw bytes: one request or several.
func (rc *rawClient) send(raw string) {
	rc.t.Helper()
	_, err := io.WriteString(rc.c, raw)
	require.NoError(rc.t, err)
}

// read reads one response and its body.
func (rc *rawClient) read() (int, string, http.Header) {
	rc.t.Helper()
	rc.c.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(rc.br, nil)
	require.NoError(rc.t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(rc.t, err)
	resp.Body.Close()
	return resp.StatusCode, string(b), resp.Header
}

// get sends a GET for target and reads the answer.
func (rc *rawClient) get(target string) (int, string) {
	rc.t.Helper()
	rc.send("GET " + target + " HTTP/1.1\r\nHost: example.test\r\n\r\n")
	code, body, _ := rc.read()
	return code, body
}

// echoContinue posts body to /raw/echo with Expect: 100-continue, sending
// the body only after the 100 Continue, and checks the echo.
func (rc *rawClient) echoContinue(body string) {
	rc.t.Helper()
	rc.send(fmt.Sprintf("POST /raw/echo HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", len(body)))
	rc.c.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := rc.br.ReadString('\n')
	require.NoError(rc.t, err)
	assert.Equal(rc.t, "HTTP/1.1 100 Continue\r\n", line)
	_, err = rc.br.ReadString('\n')
	require.NoError(rc.t, err)
	rc.send(body)
	code, got, _ := rc.read()
	assert.Equal(rc.t, 200, code)
	assert.Equal(rc.t, body, got)
}

// proxied reports whether any request went through the proxy to the
// page's program: a proxied request leaves a pooled connection.
func proxied(s *Server, rel string) bool {
	p := s.page(rel)
	p.mu.Lock()
	c := p.child
	p.mu.Unlock()
	if c == nil {
		return false
	}
	c.pool.mu.Lock()
	defer c.pool.mu.Unlock()
	return len(c.pool.idle) > 0
}

func TestHandOffOneConnection(t *testing.T) {
	dir := docroot(t, map[string]string{"raw.go": rawPage, "webob.go": webobPage, "ok.txt": "ok"})
	s, ts, logs := start(t, dir, nil)
	rc := dialRaw(t, ts)
	for i, step := range []struct {
		target, body string
		code         int
	}{
		{"/raw/a", "raw /a", 200},
		{"/raw/a", "raw /a", 200}, // answered by the program itself
		{"/raw/b", "raw /b", 200}, // a new path: back to the server, and on again
		{"/webob/x?name=n", "webob script=/webob path=/x name=n remote=127.0.0.1 file=true url=http://example.test/webob/x?name=n", 200},
		{"/ok.txt", "ok", 200},
		{"/nothing", "", 404},
		{"/raw/a", "raw /a", 200},
		{"/webob/x?name=again", "webob script=/webob path=/x name=again remote=127.0.0.1 file=true url=http://example.test/webob/x?name=again", 200},
	} {
		code, body := rc.get(step.target)
		assert.Equal(t, step.code, code, "step %d %s", i, step.target)
		if step.body != "" {
			assert.Equal(t, step.body, body, "step %d %s", i, step.target)
		}
	}
	assert.False(t, proxied(s, "raw.go"), "no request was proxied")
	assert.False(t, proxied(s, "webob.go"), "no request was proxied")
	// Every request is logged once, by whoever answered it (the programs
	// send their records in batches).
	require.Eventually(t, func() bool { return strings.Count(logs.String(), `msg="http request"`) == 8 },
		5*time.Second, 20*time.Millisecond, logs.String())
	assert.Equal(t, 3, strings.Count(logs.String(), `path=/raw/a status=200`))
	assert.Contains(t, logs.String(), `path=/nothing status=404`)
	assert.Contains(t, logs.String(), `path=/webob/x status=200`)
}

// TestHandOffAfterPreload: the programs Preload starts, before Serve,
// take lent connections once Serve runs (they were started without a
// socket pair once, and every request of the bench's -preload server was
// proxied, at a third of the speed).
func TestHandOffAfterPreload(t *testing.T) {
	dir := docroot(t, map[string]string{"raw.go": rawPage})
	s := &Server{Logger: slog.New(slog.DiscardHandler), CacheDir: t.TempDir()}
	require.NoError(t, s.Open(context.Background(), dir))
	require.NoError(t, s.Preload())
	ts := httptest.NewUnstartedServer(s)
	ts.Listener = s.lendFrom(ts.Config, ts.Listener)
	ts.Start()
	t.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	rc := dialRaw(t, ts)
	for range 3 {
		code, body := rc.get("/raw/a")
		assert.Equal(t, 200, code)
		assert.Equal(t, "raw /a", body)
	}
	assert.False(t, proxied(s, "raw.go"), "no request was proxied")
}

func TestHandOffPipelinedAndBodies(t *testing.T) {
	dir := docroot(t, map[string]string{"raw.go": rawPage, "ok.txt": "ok"})
	_, ts, _ := start(t, dir, nil)
	rc := dialRaw(t, ts)
	// A first request with a body: the body was read with the header.
	rc.send("POST /raw/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
	code, body, _ := rc.read()
	assert.Equal(t, 200, code)
	assert.Equal(t, "hello", body)
	// Three requests in one write, one of them for a static file.
	rc.send("GET /raw/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /ok.txt HTTP/1.1\r\nHost: x\r\n\r\nPOST /raw/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
	for _, want := range []string{"raw /1", "ok", "abcde"} {
		code, body, _ := rc.read()
		assert.Equal(t, 200, code)
		assert.Equal(t, want, body)
	}
	// Expect: 100-continue, on a connection the program holds.
	rc.echoContinue("body")
	// Expect: 100-continue as the first request of a connection: the
	// server hands it over without answering, the program answers 100.
	dialRaw(t, ts).echoContinue("first")
	// A body bigger than what is read with the header, on a fresh
	// connection (handed over with part of its body).
	big := strings.Repeat("0123456789", 50_000)
	rc2 := dialRaw(t, ts)
	rc2.send(fmt.Sprintf("POST /raw/echo HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", len(big), big))
	code, body, _ = rc2.read()
	assert.Equal(t, 200, code)
	assert.Equal(t, big, body)
	// HTTP/1.0 without keep-alive: answered, then closed.
	rc3 := dialRaw(t, ts)
	rc3.send("GET /raw/old HTTP/1.0\r\n\r\n")
	code, body, _ = rc3.read()
	assert.Equal(t, 200, code)
	assert.Equal(t, "raw /old", body)
	_, err := rc3.br.ReadByte()
	assert.Equal(t, io.EOF, err)
}

func TestHandOffSeesChanges(t *testing.T) {
	dir := docroot(t, map[string]string{
		"page.go":            strings.Replace(rawPage, "raw %s", "v1 %s", 1),
		"greet.go":           greetPage,
		"lib/greet/greet.go": "package greet\n\nfunc Text() string { return \"hello\" }\n",
	})
	_, ts, _ := start(t, dir, nil)
	rc := dialRaw(t, ts)
	for i, step := range []struct {
		change func()
		target string
		want   string
		was    string // answered, on the same connection, until want is: the last good program's
	}{
		{nil, "/page", "v1 ", ""},
		{func() { write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v2 %s", 1)) }, "/page", "v2 ", "v1 "},
		{nil, "/greet", "hello", ""},
		{func() {
			write(t, dir, "lib/greet/greet.go", "package greet\n\nfunc Text() string { return \"changed helper\" }\n")
		}, "/greet", "changed helper", "hello"},
		// A static file now answers the URL the page answered.
		{nil, "/page", "v2 ", ""},
		{func() { write(t, dir, "page", "static now") }, "/page", "static now", ""},
		{func() { require.NoError(t, os.Remove(filepath.Join(dir, "page"))) }, "/page", "v2 ", ""},
		// The page is gone: the uniform 404.
		{func() { require.NoError(t, os.Remove(filepath.Join(dir, "page.go"))) }, "/page", "", ""},
	} {
		if step.change != nil {
			step.change()
		}
		deadline := time.Now().Add(time.Minute)
		code, body := rc.get(step.target)
		for step.was != "" && code == 200 && body == step.was && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			code, body = rc.get(step.target)
		}
		if step.want == "" {
			assert.Equal(t, 404, code, "step %d: %s", i, step.target)
			continue
		}
		assert.Equal(t, 200, code, "step %d: %s: %s", i, step.target, body)
		assert.Equal(t, step.want, body, "step %d", i)
	}
}

func TestHandOffShutdown(t *testing.T) {
	dir := docroot(t, map[string]string{"raw.go": rawPage})
	s, ts, _ := start(t, dir, nil)
	rc := dialRaw(t, ts)
	code, _ := rc.get("/raw/first")
	require.Equal(t, 200, code)
	idle := dialRaw(t, ts)
	code, _ = idle.get("/raw/idle")
	require.Equal(t, 200, code)
	rc.send("GET /raw/slow HTTP/1.1\r\nHost: x\r\n\r\n")
	time.Sleep(300 * time.Millisecond) // the program has the request
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, ts.Config.Shutdown(ctx))
	require.NoError(t, s.Close())
	code, body, _ := rc.read()
	assert.Equal(t, 200, code, "the request in flight finishes")
	assert.Equal(t, "raw /slow", body)
	idle.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := idle.br.ReadByte()
	assert.Equal(t, io.EOF, err, "an idle connection is closed")
}

const upgradePage = `package main

import (
	"io"
	"net/http"
)

func Application(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Upgrade") != "echo" {
		w.Write([]byte("plain"))
		return
	}
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer conn.Close()
	brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
	brw.Flush()
	io.Copy(conn, brw)
}
`

// TestUpgrade checks that a page can take a connection over for another
// protocol (as WebSocket does), handed over or proxied.
func TestUpgrade(t *testing.T) {
	dir := docroot(t, map[string]string{"ws.go": upgradePage})
	for _, mode := range []struct {
		name  string
		start func(testing.TB, string, func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer)
	}{{"handed over", start}, {"proxied", startProxied}} {
		t.Run(mode.name, func(t *testing.T) {
			_, ts, _ := mode.start(t, dir, nil)
			rc := dialRaw(t, ts)
			code, body := rc.get("/ws")
			require.Equal(t, 200, code)
			require.Equal(t, "plain", body)
			rc.send("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
			rc.c.SetReadDeadline(time.Now().Add(30 * time.Second))
			resp, err := http.ReadResponse(rc.br, nil)
			require.NoError(t, err)
			assert.Equal(t, 101, resp.StatusCode)
			for _, msg := range []string{"ping", "pong"} {
				rc.send(msg)
				got := make([]byte, len(msg))
				_, err = io.ReadFull(rc.br, got)
				require.NoError(t, err)
				assert.Equal(t, msg, string(got))
			}
		})
	}
}

// TestHandOffHostileFollowUps sends bad requests on connections a page
// program holds: each gets a 4xx (or the uniform 404), never a 5xx or a
// file outside the docroot.
func TestHandOffHostileFollowUps(t *testing.T) {
	dir := docroot(t, map[string]string{"raw.go": rawPage})
	_, ts, _ := start(t, dir, func(s *Server) { s.Settings.MaxHeaderBytes = 4 << 10 })
	for _, tc := range []struct {
		name, req string
		code      int
	}{
		{"two lengths", "POST /raw/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400},
		{"header over the limit", "GET /raw/a HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 8<<10) + "\r\n\r\n", 431},
		{"bad request line", "GET /raw/a\r\n\r\n", 400},
		{"traversal", "GET /raw/../go.mod HTTP/1.1\r\nHost: x\r\n\r\n", 404},
		{"encoded traversal", "GET /%2e%2e/go.mod HTTP/1.1\r\nHost: x\r\n\r\n", 404},
		{"NUL", "GET /raw.go%00 HTTP/1.1\r\nHost: x\r\n\r\n", 404},
		{"no Host", "GET /raw/a HTTP/1.1\r\n\r\n", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := dialRaw(t, ts)
			code, body := rc.get("/raw/first")
			require.Equal(t, 200, code)
			require.Equal(t, "raw /first", body)
			rc.send(tc.req)
			code, body, _ = rc.read()
			assert.Equal(t, tc.code, code, body)
			assert.NotContains(t, body, "module site")
		})
	}
}

package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/internal/testutil"
)

// fakePage is a page program's unix socket whose answers a test writes
// by hand: answer gets each request read from a connection (its body
// read) and writes what it likes; it returns false to close the
// connection.
func fakePage(t *testing.T, answer func(rw *bufio.ReadWriter, req *http.Request) bool) *child {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "page.sock")
	ln, err := net.Listen("unix", sock)
	require.NoError(t, err)
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				rw := bufio.NewReadWriter(bufio.NewReader(conn), bufio.NewWriter(conn))
				for {
					req, err := http.ReadRequest(rw.Reader)
					if err != nil {
						return
					}
					b, _ := io.ReadAll(req.Body)
					req.Body = io.NopCloser(bytes.NewReader(b))
					more := answer(rw, req)
					rw.Flush()
					if !more {
						return
					}
				}
			})
		}
	})
	return &child{pool: &connPool{sock: sock}}
}

// forwardServer serves every request with c.forward, answering 502 on an
// error, and sends the error on the channel it returns.
func forwardServer(t *testing.T, c *child) (*httptest.Server, <-chan error) {
	t.Helper()
	errs := make(chan error, 10)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Before", "1") // as middleware may
		var body outBody
		err := body.read(r)
		if err == nil {
			err = c.forward(w, r, pageproto.EncodeRoute(&pageproto.Route{Path: r.URL.Path, Environ: map[string]string{"PATH_INFO": "/"}}), &body)
		}
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
		}
		errs <- err
	}))
	t.Cleanup(func() {
		ts.Close()
		c.pool.closeIdle()
	})
	return ts, errs
}

// started is the interim answer of a page that begins a request, with a
// field a real page would not send.
const started = "HTTP/1.1 150 Started\r\nX-Interim: 1\r\n\r\n"

func TestForwardInterimAnswers(t *testing.T) {
	c := fakePage(t, func(w *bufio.ReadWriter, req *http.Request) bool {
		if req.Header.Get(pageproto.Header) == "" {
			w.WriteString("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
			return false
		}
		w.WriteString(started)
		if req.URL.Path == "/hints" {
			w.WriteString("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
			w.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
		}
		w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Final: 1\r\n\r\nok")
		return true
	})
	ts, errs := forwardServer(t, c)
	for _, path := range []string{"/plain", "/hints", "/plain"} {
		t.Run(path, func(t *testing.T) {
			var interim []int
			var hints []textproto.MIMEHeader
			trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, h textproto.MIMEHeader) error {
				interim = append(interim, code)
				hints = append(hints, h)
				return nil
			}}
			req, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "GET", ts.URL+path, nil)
			require.NoError(t, err)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			require.NoError(t, <-errs)
			assert.Equal(t, 200, resp.StatusCode)
			assert.Equal(t, "ok", string(b))
			assert.Equal(t, "1", resp.Header.Get("X-Final"))
			assert.Equal(t, "1", resp.Header.Get("X-Before"), "fields set before the interim answers stay")
			assert.Empty(t, resp.Header.Get("X-Interim"), "the started answer's fields are not relayed")
			assert.Empty(t, resp.Header.Get("Link"), "an interim answer's fields stay in it")
			if path == "/hints" {
				require.Equal(t, []int{103}, interim, "103 is relayed, 150 and 100 are not")
				assert.Equal(t, "</style.css>; rel=preload", hints[0].Get("Link"))
				assert.Empty(t, hints[0].Get("X-Interim"))
			} else {
				assert.Empty(t, interim, "the client sees no 150")
			}
			assert.True(t, c.began.Load(), "the program began a request")
		})
	}
}

func TestForwardInterimToHTTP10(t *testing.T) {
	c := fakePage(t, func(w *bufio.ReadWriter, req *http.Request) bool {
		w.WriteString("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
		return true
	})
	ts, errs := forwardServer(t, c)
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(conn, "GET / HTTP/1.0\r\n\r\n")
	b, err := io.ReadAll(conn)
	require.NoError(t, err)
	require.NoError(t, <-errs)
	assert.True(t, strings.HasPrefix(string(b), "HTTP/1.0 204 No Content\r\n"), "no interim answer to HTTP/1.0: %q", b)
	assert.NotContains(t, string(b), "Link")
}

// echoPage answers a request to switch to the protocol "echo" with 101,
// then "hello", then echoes what it reads.
func echoPage(rw *bufio.ReadWriter, req *http.Request) bool {
	if req.Header.Get("Upgrade") != "echo" || req.Header.Get("Connection") != "Upgrade" {
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: other\r\n\r\n")
		return false
	}
	rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\nX-Page: 1\r\n\r\nhello")
	rw.Flush()
	buf := make([]byte, 64)
	for {
		n, err := rw.Read(buf)
		if err != nil {
			return false
		}
		rw.Write(buf[:n])
		rw.Flush()
	}
}

func TestForwardUpgrade(t *testing.T) {
	c := fakePage(t, echoPage)
	ts, errs := forwardServer(t, c)
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(conn)
	// Bytes right behind the request wait in the server's buffer.
	io.WriteString(conn, "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\nUpgrade: echo\r\n\r\nearly")
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	assert.Equal(t, 101, resp.StatusCode)
	assert.Equal(t, "echo", resp.Header.Get("Upgrade"))
	assert.Equal(t, "1", resp.Header.Get("X-Page"))
	assert.Equal(t, "1", resp.Header.Get("X-Before"))
	for _, want := range []string{"hello", "early"} {
		got := make([]byte, len(want))
		_, err = io.ReadFull(br, got)
		require.NoError(t, err)
		assert.Equal(t, want, string(got))
	}
	io.WriteString(conn, "ping")
	got := make([]byte, 4)
	_, err = io.ReadFull(br, got)
	require.NoError(t, err)
	assert.Equal(t, "ping", string(got))
	conn.Close()
	select {
	case err := <-errs:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("forward did not return when the client closed")
	}
	c.pool.mu.Lock()
	assert.Empty(t, c.pool.idle, "an upgraded connection is not the pool's")
	c.pool.mu.Unlock()
}

func TestForwardUpgradeRefused(t *testing.T) {
	c := fakePage(t, func(rw *bufio.ReadWriter, req *http.Request) bool {
		if req.URL.Path == "/ws" {
			return echoPage(rw, req)
		}
		rw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno")
		return true
	})
	ts, errs := forwardServer(t, c)
	for _, tt := range []struct {
		name, path, upgrade string
		code                int
	}{
		{"page does not switch", "/plain", "echo", 200},
		{"page switches unasked", "/ws", "", 502},
		{"page switches to another protocol", "/ws", "websocket", 502},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest("GET", ts.URL+tt.path, nil)
			require.NoError(t, err)
			if tt.upgrade != "" {
				req.Header.Set("Connection", "Upgrade")
				req.Header.Set("Upgrade", tt.upgrade)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tt.code, resp.StatusCode)
			err = <-errs
			if tt.code == 502 {
				assert.ErrorIs(t, err, errNoAnswer)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

func TestForwardFailures(t *testing.T) {
	c := fakePage(t, func(rw *bufio.ReadWriter, req *http.Request) bool {
		switch req.URL.Path {
		case "/started-then-closed":
			rw.WriteString(started)
		case "/hints-then-closed":
			rw.WriteString("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n")
		case "/half-a-status-line":
			rw.WriteString("HTTP/1.1 15")
		case "/closed":
		}
		return false
	})
	ts, errs := forwardServer(t, c)
	for _, tt := range []struct {
		path string
		want error
	}{
		{"/closed", errNotStarted},
		{"/half-a-status-line", errNoAnswer}, // not an answer: not known to be a close
		{"/started-then-closed", errNoAnswer},
		{"/hints-then-closed", errNoAnswer},
	} {
		t.Run(tt.path, func(t *testing.T) {
			code, _ := get(t, ts.URL+tt.path)
			assert.Equal(t, 502, code)
			err := <-errs
			assert.ErrorIs(t, err, tt.want)
			if tt.want == errNoAnswer {
				assert.NotErrorIs(t, err, errNotStarted)
			} else {
				assert.NotErrorIs(t, err, errNoAnswer)
			}
		})
	}

	// A program that is not there at all: nothing was sent.
	c.pool.sock = filepath.Join(t.TempDir(), "gone.sock")
	code, _ := get(t, ts.URL+"/")
	assert.Equal(t, 502, code)
	assert.ErrorIs(t, <-errs, errNotStarted)
}

// TestForwardStaleConnection checks that a pooled connection the program
// closed while it was idle costs nothing: the request goes on a new one,
// with its body.
func TestForwardStaleConnection(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	c := fakePage(t, func(rw *bufio.ReadWriter, req *http.Request) bool {
		b, _ := io.ReadAll(req.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		rw.WriteString(started + "HTTP/1.1 204 No Content\r\n\r\n")
		return false // closed after an answer that does not say so
	})
	ts, errs := forwardServer(t, c)
	for i := range 3 {
		resp, err := http.Post(ts.URL+"/", "text/plain", strings.NewReader(fmt.Sprint("body ", i)))
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, 204, resp.StatusCode, "request %d", i)
		assert.NoError(t, <-errs, "request %d", i)
		// The page's close arrives before the next request.
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"body 0", "body 1", "body 2"}, bodies, "each request reached the page once, with its body")
}

// TestForwardClientBodyFails checks that a long body the client stops
// sending is the client's failure, not the page's.
func TestForwardClientBodyFails(t *testing.T) {
	c := fakePage(t, func(rw *bufio.ReadWriter, req *http.Request) bool {
		rw.WriteString(started + "HTTP/1.1 204 No Content\r\n\r\n")
		return true
	})
	ts, errs := forwardServer(t, c)
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	size := 2 * maxResendBody
	io.WriteString(conn, fmt.Sprintf("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", size))
	io.WriteString(conn, strings.Repeat("x", size/2))
	conn.(*net.TCPConn).CloseWrite()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 502, resp.StatusCode)
	err = <-errs
	assert.ErrorIs(t, err, errBody)
	assert.NotErrorIs(t, err, errNoAnswer)
	assert.NotErrorIs(t, err, errNotStarted)
}

func TestForwardUserAgent(t *testing.T) {
	c := fakePage(t, func(rw *bufio.ReadWriter, req *http.Request) bool {
		ua, ok := req.Header["User-Agent"]
		fmt.Fprintf(rw, "%sHTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%v %q", started, len(fmt.Sprintf("%v %q", ok, ua)), ok, ua)
		return true
	})
	ts, errs := forwardServer(t, c)
	for _, tt := range []struct{ ua, want string }{
		{"", `false []`},
		{"curl/8", `true ["curl/8"]`},
	} {
		req, err := http.NewRequest("GET", ts.URL+"/", nil)
		require.NoError(t, err)
		req.Header.Set("User-Agent", tt.ua) // blank: the client sends none
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, <-errs)
		assert.Equal(t, tt.want, string(b), "User-Agent %q", tt.ua)
	}
}

func TestSkipStarted(t *testing.T) {
	const final = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
	for _, tt := range []struct {
		name, in string
		skipped  bool
		rest     string
	}{
		{"as net/http writes it", "HTTP/1.1 150 status code 150\r\n\r\n" + final, true, final},
		{"with fields", "HTTP/1.1 150 Started\r\nX-A: 1\r\nX-B: 2\r\n\r\n" + final, true, final},
		{"bare newlines", "HTTP/1.1 150 x\n\n" + final, true, final},
		{"another answer", final, false, final},
		{"another interim answer", "HTTP/1.1 103 Early Hints\r\n\r\n" + final, false, "HTTP/1.1 103 Early Hints\r\n\r\n" + final},
		{"status 1500", "HTTP/1.1 1500 x\r\n\r\n", false, "HTTP/1.1 1500 x\r\n\r\n"},
		{"short", "HTTP/1.1 1", false, "HTTP/1.1 1"},
		{"cut short", "HTTP/1.1 150 status code 150\r\n", true, ""},
		{"nothing", "", false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReader(strings.NewReader(tt.in))
			assert.Equal(t, tt.skipped, skipStarted(br), "skipStarted(%q)", tt.in)
			rest, _ := io.ReadAll(br)
			assert.Equal(t, tt.rest, string(rest))
		})
	}
}

func TestSkipStartedAllocs(t *testing.T) {
	if testing.Short() || testutil.Race {
		t.Skip("allocation counts need a build without -race")
	}
	const in = "HTTP/1.1 150 status code 150\r\n\r\n"
	sr := strings.NewReader(in)
	br := bufio.NewReader(sr)
	n := testing.AllocsPerRun(100, func() {
		sr.Reset(in)
		br.Reset(sr)
		if !skipStarted(br) {
			t.Fatal("not skipped")
		}
	})
	assert.Zero(t, n, "skipStarted allocates")
}

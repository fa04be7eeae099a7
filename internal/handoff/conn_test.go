package handoff

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

// pipe returns the two ends of a net.Pipe, closed when the test ends.
func pipe(t *testing.T) (net.Conn, net.Conn) {
	t.Helper()
	a, b := net.Pipe()
	t.Cleanup(func() { a.Close(); b.Close() })
	return a, b
}

// connPairs are the kinds of connection pair the tests run on.
var connPairs = []struct {
	name string
	pair func(t *testing.T) (net.Conn, net.Conn)
}{
	{"pipe", pipe},
	{"tcp", func(t *testing.T) (net.Conn, net.Conn) { c, s := testutil.TCPPair(t); return c, s }},
}

func TestConnReadPendingFirst(t *testing.T) {
	for _, tc := range connPairs {
		t.Run(tc.name, func(t *testing.T) {
			peer, inner := tc.pair(t)
			hc := NewConn(inner, []byte("pending bytes|"), "tag")
			assert.Same(t, inner, hc.Conn)
			assert.Equal(t, "tag", hc.Tag)

			// A Read returns pending bytes only, even when the buffer could
			// hold more, and a short buffer takes them in pieces.
			p := make([]byte, 4)
			n, err := hc.Read(p)
			require.NoError(t, err)
			assert.Equal(t, "pend", string(p[:n]))
			p = make([]byte, 100)
			n, err = hc.Read(p)
			require.NoError(t, err)
			assert.Equal(t, "ing bytes|", string(p[:n]))

			// Then the connection's own bytes.
			written := make(chan error, 1)
			go func() {
				_, err := peer.Write([]byte("from the peer"))
				written <- err
			}()
			got := make([]byte, len("from the peer"))
			_, err = io.ReadFull(hc, got)
			require.NoError(t, err)
			assert.Equal(t, "from the peer", string(got))
			require.NoError(t, <-written)

			// And the peer closing shows as EOF.
			require.NoError(t, peer.Close())
			n, err = hc.Read(p)
			assert.Zero(t, n)
			assert.ErrorIs(t, err, io.EOF)
		})
	}
}

func TestConnReadAll(t *testing.T) {
	peer, inner := pipe(t)
	hc := NewConn(inner, []byte("GET / HTTP/1.1\r\n"), nil)
	go func() {
		peer.Write([]byte("Host: x\r\n\r\n"))
		peer.Close()
	}()
	all, err := io.ReadAll(hc)
	require.NoError(t, err)
	assert.Equal(t, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", string(all))
}

func TestConnEmptyPending(t *testing.T) {
	for _, pending := range [][]byte{nil, {}} {
		peer, inner := pipe(t)
		hc := NewConn(inner, pending, nil)
		go peer.Write([]byte("abc"))
		p := make([]byte, 10)
		n, err := hc.Read(p)
		require.NoError(t, err)
		assert.Equal(t, "abc", string(p[:n]))
	}
}

func TestTakeTag(t *testing.T) {
	type route struct{ path string }
	rt := &route{"/x"}
	hc := NewConn(nil, nil, rt)
	assert.Same(t, rt, hc.TakeTag())
	assert.Nil(t, hc.TakeTag())
	assert.Nil(t, hc.TakeTag())
	// The field itself stays.
	assert.Same(t, rt, hc.Tag)

	// A nil tag is taken as nil too.
	assert.Nil(t, NewConn(nil, nil, nil).TakeTag())
}

func TestTakeTagConcurrent(t *testing.T) {
	for range 20 {
		hc := NewConn(nil, nil, "the tag")
		const n = 16
		var (
			wg    sync.WaitGroup
			start = make(chan struct{})
			got   = make([]any, n)
		)
		for i := range n {
			wg.Go(func() {
				<-start
				got[i] = hc.TakeTag()
			})
		}
		close(start)
		wg.Wait()
		var tags int
		for _, g := range got {
			if g != nil {
				tags++
				assert.Equal(t, "the tag", g)
			}
		}
		require.Equal(t, 1, tags, "exactly one caller gets the tag: %v", got)
	}
}

func TestDetach(t *testing.T) {
	pending := []byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH") // 44 bytes
	t.Run("reader and pending", func(t *testing.T) {
		peer, inner := pipe(t)
		hc := NewConn(inner, bytes.Clone(pending), nil)
		br := bufio.NewReaderSize(hc, 16)
		b, err := br.ReadByte()
		require.NoError(t, err)
		require.Equal(t, byte('0'), b)
		require.Equal(t, 15, br.Buffered())

		raw, rest := Detach(hc, br)
		assert.Same(t, inner, raw)
		assert.Equal(t, string(pending[1:]), string(rest))
		assert.Nil(t, hc.pending)

		// The pending bytes are gone: the Conn now reads the connection.
		go peer.Write([]byte("next"))
		p := make([]byte, 10)
		n, err := hc.Read(p)
		require.NoError(t, err)
		assert.Equal(t, "next", string(p[:n]))

		// rest does not alias the reader's buffer.
		_, err = br.Discard(br.Buffered())
		require.NoError(t, err)
		assert.Equal(t, string(pending[1:]), string(rest))
	})
	t.Run("reader only", func(t *testing.T) {
		_, inner := pipe(t)
		hc := NewConn(inner, []byte("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /2"), nil)
		br := bufio.NewReader(hc)
		_, err := http.ReadRequest(br)
		require.NoError(t, err)
		raw, rest := Detach(hc, br)
		assert.Same(t, inner, raw)
		assert.Equal(t, "GET /2", string(rest))
	})
	t.Run("pending only", func(t *testing.T) {
		_, inner := pipe(t)
		hc := NewConn(inner, bytes.Clone(pending), nil)
		raw, rest := Detach(hc, bufio.NewReader(hc))
		assert.Same(t, inner, raw)
		assert.Equal(t, string(pending), string(rest))
		raw, rest = Detach(hc, nil)
		assert.Same(t, inner, raw)
		assert.Empty(t, rest, "a second Detach has nothing left")
	})
	t.Run("plain conn", func(t *testing.T) {
		peer, inner := pipe(t)
		raw, rest := Detach(inner, nil)
		assert.Same(t, inner, raw)
		assert.Empty(t, rest)

		go peer.Write([]byte("buffered"))
		br := bufio.NewReader(inner)
		b, err := br.ReadByte()
		require.NoError(t, err)
		require.Equal(t, byte('b'), b)
		raw, rest = Detach(inner, br)
		assert.Same(t, inner, raw)
		assert.Equal(t, "uffered", string(rest))
	})
}

// recorder is a net.Conn with its own ReadFrom and CloseWrite, which count
// their calls.
type recorder struct {
	net.Conn
	readFrom   bytes.Buffer
	closeWrite int
}

func (r *recorder) ReadFrom(src io.Reader) (int64, error) { return r.readFrom.ReadFrom(src) }
func (r *recorder) CloseWrite() error                     { r.closeWrite++; return errors.New("recorded") }

func TestReadFromCloseWriteDelegate(t *testing.T) {
	rec := &recorder{}
	hc := NewConn(rec, nil, nil)
	n, err := hc.ReadFrom(strings.NewReader("file contents"))
	require.NoError(t, err)
	assert.EqualValues(t, len("file contents"), n)
	assert.Equal(t, "file contents", rec.readFrom.String())
	assert.EqualError(t, hc.CloseWrite(), "recorded")
	assert.Equal(t, 1, rec.closeWrite)
}

func TestReadFromCloseWriteTCP(t *testing.T) {
	client, server := testutil.TCPPair(t)
	hc := NewConn(server, []byte("x"), nil)
	var _ io.ReaderFrom = hc

	n, err := hc.ReadFrom(strings.NewReader("response body"))
	require.NoError(t, err)
	assert.EqualValues(t, len("response body"), n)

	require.NoError(t, hc.CloseWrite())
	// The peer reads what was written, then EOF...
	all, err := io.ReadAll(client)
	require.NoError(t, err)
	assert.Equal(t, "response body", string(all))
	// ...and can still write: only our side of the connection was closed.
	_, err = client.Write([]byte("still open"))
	require.NoError(t, err)
	require.NoError(t, client.CloseWrite())
	all, err = io.ReadAll(hc)
	require.NoError(t, err)
	assert.Equal(t, "xstill open", string(all))
}

func TestReadFromCloseWritePipe(t *testing.T) {
	// net.Pipe has neither: ReadFrom copies, CloseWrite does nothing.
	peer, inner := pipe(t)
	hc := NewConn(inner, nil, nil)
	got := make(chan string, 1)
	go func() {
		b := make([]byte, 5)
		io.ReadFull(peer, b)
		got <- string(b)
	}()
	n, err := hc.ReadFrom(strings.NewReader("hello"))
	require.NoError(t, err)
	assert.EqualValues(t, 5, n)
	assert.Equal(t, "hello", <-got)
	assert.NoError(t, hc.CloseWrite())
	// The pipe is still open both ways.
	go peer.Write([]byte("!"))
	p := make([]byte, 1)
	_, err = io.ReadFull(hc, p)
	require.NoError(t, err)
	assert.Equal(t, "!", string(p))
}

func TestAppendHead(t *testing.T) {
	for _, tc := range []struct {
		name     string
		raw      string
		wantBody string
		trailer  http.Header // after the body
	}{
		{"get", "GET /path/to%20x?q=1&q=2&r=%2F HTTP/1.1\r\n" +
			"Host: example.com\r\n" +
			"Accept: text/html\r\n" +
			"X-Many: one\r\n" +
			"Cookie: a=1\r\n" +
			"x-many: two\r\n" +
			"X-MANY: three\r\n" +
			"Cookie: b=2\r\n" +
			"User-Agent: test/1.0\r\n" +
			"\r\n", "", nil},
		{"post", "POST /form HTTP/1.1\r\n" +
			"Host: example.com:8080\r\n" +
			"Content-Type: application/x-www-form-urlencoded\r\n" +
			"Content-Length: 11\r\n" +
			"\r\n" +
			"a=1&b=2&c=3", "a=1&b=2&c=3", nil},
		{"chunked with trailer", "POST /upload HTTP/1.1\r\n" +
			"Host: example.com\r\n" +
			"Transfer-Encoding: chunked\r\n" +
			"Trailer: X-Checksum, x-other\r\n" +
			"Content-Type: text/plain\r\n" +
			"\r\n" +
			"5\r\nhello\r\n" +
			"7\r\n, world\r\n" +
			"0\r\n" +
			"X-Checksum: abc\r\n" +
			"X-Other: def\r\n" +
			"\r\n", "hello, world", http.Header{"X-Checksum": {"abc"}, "X-Other": {"def"}}},
		{"chunked with content-length", "PUT /x HTTP/1.1\r\n" +
			"Host: h\r\n" +
			"Content-Length: 100\r\n" +
			"Transfer-Encoding: chunked\r\n" +
			"\r\n" +
			"3\r\nabc\r\n0\r\n\r\n", "abc", nil},
		{"http/1.0", "GET /old HTTP/1.0\r\n" +
			"Connection: keep-alive\r\n" +
			"\r\n", "", nil},
		{"http/1.0 with host and body", "POST /old HTTP/1.0\r\n" +
			"Host: example.org\r\n" +
			"Content-Length: 4\r\n" +
			"\r\n" +
			"body", "body", nil},
		{"http/1.0 transfer-encoding ignored", "POST /old HTTP/1.0\r\n" +
			"Host: example.org\r\n" +
			"Transfer-Encoding: chunked\r\n" +
			"Content-Length: 4\r\n" +
			"\r\n" +
			"4\r\nab", "4\r\na", nil},
		{"host with port and case", "GET / HTTP/1.1\r\n" +
			"Host: WWW.Example.COM:443\r\n" +
			"\r\n", "", nil},
		{"ipv6 host", "GET /v6 HTTP/1.1\r\n" +
			"Host: [::1]:8080\r\n" +
			"\r\n", "", nil},
		{"absolute uri", "GET http://proxy.example/abs?x=y HTTP/1.1\r\n" +
			"Host: ignored.example\r\n" +
			"\r\n", "", nil},
		{"empty host", "GET / HTTP/1.1\r\n" +
			"Host:\r\n" +
			"\r\n", "", nil},
		{"options star", "OPTIONS * HTTP/1.1\r\n" +
			"Host: example.com\r\n" +
			"\r\n", "", nil},
		{"connect", "CONNECT example.com:443 HTTP/1.1\r\n" +
			"Host: example.com:443\r\n" +
			"\r\n", "", nil},
		{"pragma and empty value", "GET /p HTTP/1.1\r\n" +
			"Host: example.com\r\n" +
			"Pragma: no-cache\r\n" +
			"X-Empty:\r\n" +
			"Connection: close\r\n" +
			"\r\n", "", nil},
		{"trailer without chunking", "POST /t HTTP/1.1\r\n" +
			"Host: example.com\r\n" +
			"Trailer: X-T\r\n" +
			"Content-Length: 2\r\n" +
			"\r\n" +
			"ok", "ok", nil},
		{"expect", "PUT /big HTTP/1.1\r\n" +
			"Host: example.com\r\n" +
			"Expect: 100-continue\r\n" +
			"Content-Length: 3\r\n" +
			"\r\n" +
			"xyz", "xyz", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			headEnd := strings.Index(tc.raw, "\r\n\r\n") + 4
			require.Greater(t, headEnd, 4)
			body := tc.raw[headEnd:]

			r1, err := http.ReadRequest(bufio.NewReader(strings.NewReader(tc.raw)))
			require.NoError(t, err)
			head := AppendHead([]byte("prefix"), r1)
			require.True(t, bytes.HasPrefix(head, []byte("prefix")), "AppendHead appends")
			head = head[len("prefix"):]
			require.True(t, bytes.HasSuffix(head, []byte("\r\n\r\n")), "%q", head)
			require.Equal(t, 1, bytes.Count(head, []byte("\r\n\r\n")), "%q", head)

			r2, err := http.ReadRequest(bufio.NewReader(strings.NewReader(string(head) + body)))
			require.NoError(t, err, "head %q", head)
			assert.Equal(t, r1.Method, r2.Method)
			assert.Equal(t, r1.RequestURI, r2.RequestURI)
			assert.Equal(t, r1.URL.String(), r2.URL.String())
			assert.Equal(t, r1.Proto, r2.Proto)
			assert.Equal(t, r1.ProtoMajor, r2.ProtoMajor)
			assert.Equal(t, r1.ProtoMinor, r2.ProtoMinor)
			assert.Equal(t, r1.Host, r2.Host)
			assert.Equal(t, r1.Header, r2.Header, "head %q", head)
			assert.Equal(t, r1.ContentLength, r2.ContentLength)
			assert.Equal(t, r1.TransferEncoding, r2.TransferEncoding)
			assert.Equal(t, r1.Close, r2.Close)
			assert.ElementsMatch(t, slices.Collect(maps.Keys(r1.Trailer)), slices.Collect(maps.Keys(r2.Trailer)))

			b1, err := io.ReadAll(r1.Body)
			require.NoError(t, err)
			b2, err := io.ReadAll(r2.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.wantBody, string(b1))
			assert.Equal(t, string(b1), string(b2))
			// Trailers are filled in once the body has been read.
			assert.Equal(t, r1.Trailer, r2.Trailer)
			if tc.trailer != nil {
				assert.Equal(t, tc.trailer, r2.Trailer)
			}
		})
	}
}

func TestAppendHeadFollowingRequest(t *testing.T) {
	// The head plus what followed it on the connection (the body and a
	// pipelined request) reads as the same two requests.
	raw := "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"2\r\nhi\r\n0\r\n\r\n" +
		"GET /b?c=d HTTP/1.1\r\nHost: h\r\nX: y\r\n\r\n"
	br := bufio.NewReader(strings.NewReader(raw))
	r1, err := http.ReadRequest(br)
	require.NoError(t, err)
	headEnd := strings.Index(raw, "\r\n\r\n") + 4

	br2 := bufio.NewReader(strings.NewReader(string(AppendHead(nil, r1)) + raw[headEnd:]))
	r2, err := http.ReadRequest(br2)
	require.NoError(t, err)
	b, err := io.ReadAll(r2.Body)
	require.NoError(t, err)
	assert.Equal(t, "hi", string(b))
	next, err := http.ReadRequest(br2)
	require.NoError(t, err)
	assert.Equal(t, "/b?c=d", next.RequestURI)
	assert.Equal(t, []string{"y"}, next.Header["X"])
}

func TestRefuse(t *testing.T) {
	client, server := testutil.TCPPair(t)
	Refuse(server)
	resp, err := http.ReadResponse(bufio.NewReader(client), nil)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, 503, resp.StatusCode)
	assert.True(t, resp.Close, "the connection closes")
	assert.Equal(t, "503 Service Unavailable\n", string(body))
}

func TestWithConnTakeTag(t *testing.T) {
	client, server := testutil.TCPPair(t)
	_ = client
	ctx := context.Background()
	assert.Equal(t, ctx, WithConn(ctx, server), "a connection that was not handed over adds nothing")
	assert.Nil(t, TakeTag(ctx))
	hc := NewConn(server, nil, "route")
	ctx = WithConn(ctx, hc)
	assert.Equal(t, "route", TakeTag(ctx), "the first request gets the tag")
	assert.Nil(t, TakeTag(ctx), "later requests do not")
}

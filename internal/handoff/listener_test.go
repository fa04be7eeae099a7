package handoff

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

const wait = 10 * time.Second // generous bound for things that should happen at once

type acceptResultT struct {
	c   net.Conn
	err error
}

// acceptAsync calls l.Accept in a goroutine.
func acceptAsync(l net.Listener) <-chan acceptResultT {
	ch := make(chan acceptResultT, 1)
	go func() {
		c, err := l.Accept()
		ch <- acceptResultT{c, err}
	}()
	return ch
}

func recvAccept(t *testing.T, ch <-chan acceptResultT) (net.Conn, error) {
	t.Helper()
	select {
	case r := <-ch:
		return r.c, r.err
	case <-time.After(wait):
		require.FailNow(t, "Accept did not return")
		return nil, nil
	}
}

func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func tcpListener(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	return ln
}

func TestListenerAcceptInner(t *testing.T) {
	inner := tcpListener(t)
	l := NewListener(inner, nil)
	defer l.Close()
	assert.Equal(t, inner.Addr(), l.Addr())

	for i := range 3 {
		client, err := net.Dial("tcp", inner.Addr().String())
		require.NoError(t, err)
		defer client.Close()
		c, err := recvAccept(t, acceptAsync(l))
		require.NoError(t, err)
		defer c.Close()
		assert.Equal(t, client.LocalAddr().String(), c.RemoteAddr().String())
		msg := fmt.Sprintf("conn %d", i)
		_, err = client.Write([]byte(msg))
		require.NoError(t, err)
		got := make([]byte, len(msg))
		_, err = io.ReadFull(c, got)
		require.NoError(t, err)
		assert.Equal(t, msg, string(got))
	}
}

func TestListenerAcceptInjected(t *testing.T) {
	for _, withInner := range []bool{false, true} {
		t.Run(fmt.Sprint("inner=", withInner), func(t *testing.T) {
			var inner net.Listener
			if withInner {
				inner = tcpListener(t)
			}
			l := NewListener(inner, nil)
			defer l.Close()
			for range 3 {
				a, _ := pipe(t)
				hc := NewConn(a, []byte("data"), "tag")
				go l.Inject(hc)
				c, err := recvAccept(t, acceptAsync(l))
				require.NoError(t, err)
				assert.Same(t, hc, c)
			}
		})
	}
}

func TestListenerMixed(t *testing.T) {
	// Connections from both sources come out of the same Accept loop.
	inner := tcpListener(t)
	l := NewListener(inner, nil)
	defer l.Close()

	var (
		mu  sync.Mutex
		got []net.Conn
	)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			got = append(got, c)
			mu.Unlock()
		}
	}()
	a, _ := pipe(t)
	l.Inject(a)
	client, err := net.Dial("tcp", inner.Addr().String())
	require.NoError(t, err)
	defer client.Close()
	b, _ := pipe(t)
	l.Inject(b)

	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == 3
	}, wait, time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	var tcp net.Conn
	for _, c := range got {
		if c != a && c != b {
			tcp = c
		}
	}
	assert.Contains(t, got, a)
	assert.Contains(t, got, b)
	require.NotNil(t, tcp)
	assert.Equal(t, client.LocalAddr().String(), tcp.RemoteAddr().String())
	tcp.Close()
}

func TestListenerInjectBlocks(t *testing.T) {
	l := NewListener(nil, nil)
	defer l.Close()
	a, _ := pipe(t)
	done := make(chan struct{})
	go func() {
		l.Inject(a)
		close(done)
	}()
	assert.Never(t, func() bool { return closed(done) }, 100*time.Millisecond, 5*time.Millisecond,
		"Inject returned with no Accept")
	c, err := recvAccept(t, acceptAsync(l))
	require.NoError(t, err)
	assert.Same(t, a, c)
	require.Eventually(t, func() bool { return closed(done) }, wait, time.Millisecond)
}

func TestListenerClose(t *testing.T) {
	inner := tcpListener(t)
	l := NewListener(inner, nil)
	blocked := acceptAsync(l)
	require.NoError(t, l.Close())

	// A blocked Accept and later ones fail.
	_, err := recvAccept(t, blocked)
	assert.ErrorIs(t, err, net.ErrClosed)
	for range 3 {
		c, err := l.Accept()
		assert.Nil(t, c)
		assert.ErrorIs(t, err, net.ErrClosed)
	}

	// The inner listener is closed.
	_, err = inner.Accept()
	assert.ErrorIs(t, err, net.ErrClosed)
	_, err = net.DialTimeout("tcp", inner.Addr().String(), wait)
	assert.Error(t, err, "nothing listens any more")

	// Closing again does nothing.
	assert.NoError(t, l.Close())
}

func TestListenerCloseBeforeAccept(t *testing.T) {
	inner := tcpListener(t)
	l := NewListener(inner, nil)
	require.NoError(t, l.Close())
	for range 3 {
		_, err := l.Accept()
		assert.ErrorIs(t, err, net.ErrClosed)
	}
	// Without an inner listener too.
	l = NewListener(nil, nil)
	require.NoError(t, l.Close())
	require.NoError(t, l.Close())
	_, err := l.Accept()
	assert.ErrorIs(t, err, net.ErrClosed)
}

func TestListenerCloseError(t *testing.T) {
	// Close returns the inner listener's error, once.
	inner := tcpListener(t)
	require.NoError(t, inner.Close())
	l := NewListener(inner, nil)
	assert.Error(t, l.Close())
	assert.NoError(t, l.Close())
}

func TestListenerInjectAfterClose(t *testing.T) {
	var (
		mu       sync.Mutex
		rejected []net.Conn
	)
	l := NewListener(nil, func(c net.Conn) {
		mu.Lock()
		rejected = append(rejected, c)
		mu.Unlock()
	})
	require.NoError(t, l.Close())
	a, _ := pipe(t)
	b, _ := pipe(t)
	l.Inject(a)
	l.Inject(b)
	mu.Lock()
	assert.Equal(t, []net.Conn{a, b}, rejected, "Inject hands the conn to reject before it returns")
	mu.Unlock()

	// The rejected conns were not closed by the listener.
	peer := make(chan error, 1)
	x, y := pipe(t)
	l.Inject(x)
	go func() { _, err := y.Write([]byte("k")); peer <- err }()
	p := make([]byte, 1)
	_, err := x.Read(p)
	require.NoError(t, err)
	require.NoError(t, <-peer)
}

func TestListenerInjectWaitingWhenClosed(t *testing.T) {
	rejected := make(chan net.Conn, 1)
	l := NewListener(nil, func(c net.Conn) { rejected <- c })
	a, _ := pipe(t)
	done := make(chan struct{})
	go func() {
		l.Inject(a)
		close(done)
	}()
	assert.Never(t, func() bool { return closed(done) }, 50*time.Millisecond, 5*time.Millisecond)
	require.NoError(t, l.Close())
	select {
	case c := <-rejected:
		assert.Same(t, a, c)
	case <-time.After(wait):
		require.FailNow(t, "the waiting Inject did not reject its conn")
	}
	require.Eventually(t, func() bool { return closed(done) }, wait, time.Millisecond)
}

func TestListenerNilRejectCloses(t *testing.T) {
	l := NewListener(nil, nil)
	require.NoError(t, l.Close())
	a, b := pipe(t)
	l.Inject(a)
	// a is closed: using it fails, and its peer sees EOF.
	_, err := a.Write([]byte("x"))
	assert.ErrorIs(t, err, io.ErrClosedPipe)
	_, err = b.Read(make([]byte, 1))
	assert.ErrorIs(t, err, io.EOF)

	// A TCP conn too.
	client, server := testutil.TCPPair(t)
	l.Inject(server)
	n, err := client.Read(make([]byte, 1))
	assert.Zero(t, n)
	assert.ErrorIs(t, err, io.EOF)
}

func TestListenerAddr(t *testing.T) {
	l := NewListener(nil, nil)
	addr := l.Addr()
	assert.Equal(t, "unix", addr.Network())
	assert.Equal(t, "handoff", addr.String())

	inner := tcpListener(t)
	assert.Equal(t, inner.Addr(), NewListener(inner, nil).Addr())
}

// fakeListener returns the results it is given, then blocks until closed.
type fakeListener struct {
	results chan acceptResultT
	done    chan struct{}
	once    sync.Once
}

func (f *fakeListener) Accept() (net.Conn, error) {
	select {
	case r := <-f.results:
		return r.c, r.err
	case <-f.done:
		return nil, net.ErrClosed
	}
}

func (f *fakeListener) Close() error   { f.once.Do(func() { close(f.done) }); return nil }
func (f *fakeListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1} }

type tempErr struct{}

func (tempErr) Error() string   { return "temporary" }
func (tempErr) Temporary() bool { return true }
func (tempErr) Timeout() bool   { return false }

func TestListenerInnerErrors(t *testing.T) {
	f := &fakeListener{results: make(chan acceptResultT, 4), done: make(chan struct{})}
	a, _ := pipe(t)
	f.results <- acceptResultT{nil, tempErr{}}
	f.results <- acceptResultT{a, nil}
	f.results <- acceptResultT{nil, errors.New("fatal")}
	l := NewListener(f, nil)

	// A temporary error is passed on, and accepting goes on after it.
	_, err := l.Accept()
	assert.Equal(t, tempErr{}, err)
	c, err := l.Accept()
	require.NoError(t, err)
	assert.Same(t, a, c)
	// A lasting error is passed on once; after it, injected connections
	// still come out.
	_, err = l.Accept()
	assert.EqualError(t, err, "fatal")
	b, _ := pipe(t)
	go l.Inject(b)
	c, err = recvAccept(t, acceptAsync(l))
	require.NoError(t, err)
	assert.Same(t, b, c)

	require.NoError(t, l.Close())
	assert.True(t, closed(f.done), "Close closes the inner listener")
}

func TestSettleTimesOut(t *testing.T) {
	// Nobody calls Accept: Settle gives up after about a second.
	l := NewListener(nil, nil)
	defer l.Close()
	start := time.Now()
	l.Settle()
	d := time.Since(start)
	assert.GreaterOrEqual(t, d, time.Second)
	assert.Less(t, d, wait)

	// Nor after Accept returned a connection and was not called again.
	a, _ := pipe(t)
	go l.Inject(a)
	_, err := recvAccept(t, acceptAsync(l))
	require.NoError(t, err)
	start = time.Now()
	l.Settle()
	d = time.Since(start)
	assert.GreaterOrEqual(t, d, time.Second)
	assert.Less(t, d, wait)
}

func TestSettleWhileAccepting(t *testing.T) {
	l := NewListener(nil, nil)
	defer l.Close()
	accepting := acceptAsync(l)
	require.Eventually(t, func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.entered == 1
	}, wait, time.Millisecond)
	start := time.Now()
	l.Settle()
	assert.Less(t, time.Since(start), 500*time.Millisecond, "Settle returns at once while Accept waits")
	require.NoError(t, l.Close())
	_, err := recvAccept(t, accepting)
	assert.ErrorIs(t, err, net.ErrClosed)
}

func TestSettleWaitsForNextAccept(t *testing.T) {
	l := NewListener(nil, nil)
	defer l.Close()
	accepted := make(chan net.Conn)
	again := make(chan struct{})
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		accepted <- c
		<-again
		l.Accept() // until Close
	}()
	a, _ := pipe(t)
	go l.Inject(a)
	select {
	case c := <-accepted:
		require.Same(t, a, c)
	case <-time.After(wait):
		require.FailNow(t, "no Accept")
	}

	settled := make(chan time.Time, 1)
	go func() {
		l.Settle()
		settled <- time.Now()
	}()
	assert.Never(t, func() bool { return len(settled) > 0 }, 100*time.Millisecond, 5*time.Millisecond,
		"Settle returned before the server called Accept again")
	released := time.Now()
	close(again)
	select {
	case at := <-settled:
		assert.False(t, at.Before(released))
		assert.Less(t, at.Sub(released), 800*time.Millisecond,
			"Settle returned on its deadline, not when Accept was called again")
	case <-time.After(wait):
		require.FailNow(t, "Settle did not return")
	}
}

type testConnKey struct{}

// serveHTTP runs an http.Server on l whose handler describes the request,
// the tag of the conn it came on, and its body.
func serveHTTP(t *testing.T, l net.Listener) {
	t.Helper()
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var tag any
			if hc, ok := r.Context().Value(testConnKey{}).(*Conn); ok {
				tag = hc.TakeTag()
			} else {
				tag = "not a *Conn"
			}
			body, _ := io.ReadAll(r.Body)
			fmt.Fprintf(w, "%s %s host=%s tag=%v body=%s", r.Method, r.RequestURI, r.Host, tag, body)
		}),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			return context.WithValue(ctx, testConnKey{}, c)
		},
		ReadHeaderTimeout: wait,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	t.Cleanup(func() {
		srv.Close()
		select {
		case err := <-served:
			assert.ErrorIs(t, err, http.ErrServerClosed)
		case <-time.After(wait):
			t.Error("Serve did not return")
		}
	})
}

func TestHTTPServerOnInjectedConn(t *testing.T) {
	for _, tc := range connPairs {
		t.Run(tc.name, func(t *testing.T) {
			l := NewListener(nil, nil)
			serveHTTP(t, l)
			client, server := tc.pair(t)
			require.NoError(t, client.SetDeadline(time.Now().Add(wait)))

			l.Inject(NewConn(server, []byte("POST /first?x=1 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 4\r\n\r\nbody"), "route"))
			br := bufio.NewReader(client)
			status, body := testutil.ReadResponse(t, br)
			assert.Equal(t, http.StatusOK, status)
			assert.Equal(t, "POST /first?x=1 host=example.com tag=route body=body", body)

			// The next request on the connection comes from the peer; the
			// tag was for the first one only.
			written := make(chan error, 1)
			go func() {
				_, err := client.Write([]byte("GET /second HTTP/1.1\r\nHost: other.example\r\n\r\n"))
				written <- err
			}()
			status, body = testutil.ReadResponse(t, br)
			require.NoError(t, <-written)
			assert.Equal(t, http.StatusOK, status)
			assert.Equal(t, "GET /second host=other.example tag=<nil> body=", body)
		})
	}
}

func TestHTTPServerRequestSplitAcrossPendingAndConn(t *testing.T) {
	l := NewListener(nil, nil)
	serveHTTP(t, l)
	client, server := testutil.TCPPair(t)
	require.NoError(t, client.SetDeadline(time.Now().Add(wait)))
	// The server had read part of the header; the rest is still on the
	// connection.
	_, err := client.Write([]byte("st: split.example\r\nContent-Length: 3\r\n\r\nabc"))
	require.NoError(t, err)
	l.Inject(NewConn(server, []byte("PUT /split HTTP/1.1\r\nHo"), nil))
	status, body := testutil.ReadResponse(t, bufio.NewReader(client))
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "PUT /split host=split.example tag=<nil> body=abc", body)
}

func TestHTTPServerPipelinedPending(t *testing.T) {
	// Two pipelined requests in the pending data, the second with
	// Connection: close.
	l := NewListener(nil, nil)
	serveHTTP(t, l)
	client, server := testutil.TCPPair(t)
	require.NoError(t, client.SetDeadline(time.Now().Add(wait)))
	l.Inject(NewConn(server, []byte("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n"), 7))
	br := bufio.NewReader(client)
	_, body := testutil.ReadResponse(t, br)
	assert.Equal(t, "GET /1 host=a tag=7 body=", body)
	_, body = testutil.ReadResponse(t, br)
	assert.Equal(t, "GET /2 host=b tag=<nil> body=", body)
	// The server closed the connection.
	_, err := br.ReadByte()
	assert.ErrorIs(t, err, io.EOF)
}

//go:build unix

package page

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/pageproto"
)

// A handler that watches its context and returns at its deadline, without
// writing, gets its 504 every time, however the handler's return and the
// deadline's expire interleave, even when its time ran out before it
// began; its program is not recycled.
func TestRequestTimeoutHandlerReturns(t *testing.T) {
	t.Run("in the handler", func(t *testing.T) {
		app := func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
		testRequestTimeoutHandlerReturns(t, beginFirst(http.HandlerFunc(app)))
	})
	// The request's time may run out before its handler begins (in the
	// middleware before it, on a busy machine): nothing was written, so a
	// 504 all the same.
	t.Run("before the handler", func(t *testing.T) {
		app := func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
			time.Sleep(time.Millisecond)
			begin(r.Context())
		}
		testRequestTimeoutHandlerReturns(t, http.HandlerFunc(app))
	})
}

func testRequestTimeoutHandlerReturns(t *testing.T, h http.Handler) {
	se, ctl, table := newServerEnd(t)
	s, err := newLendServer(h, ctl, table, pageproto.Settings{RequestTimeout: 5 * time.Millisecond})
	require.NoError(t, err)
	var logs []string
	se.next(pageproto.MsgHello, &logs)
	recycled := make(chan struct{}, 1)
	go func() {
		for m := range se.msgs {
			if m.payload[0] == pageproto.MsgRecycle {
				recycled <- struct{}{}
			}
		}
	}()
	rt := &pageproto.Route{Path: "/page"}
	for i := range 100 {
		client, server := tcpPair(t)
		se.hand(server, rt, "GET /page HTTP/1.1\r\nHost: x\r\n\r\n")
		client.SetReadDeadline(time.Now().Add(10 * time.Second))
		code, _ := readResponse(t, bufio.NewReader(client))
		require.Equal(t, 504, code, "request %d", i)
		client.Close()
	}
	select {
	case <-recycled:
		t.Error("a handler that returns at its deadline made its program ask to be recycled")
	case <-time.After(graceAfterTimeout + 200*time.Millisecond):
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	assert.NoError(t, s.shutdown(ctx))
}

// The timer of a keep-alive connection is reset for each request: a late
// request on it gets its 504 at its own deadline, and the fast ones
// before it are answered, however long they took in all (seven of 25 ms
// under a timeout of 100 ms: a margin of 75 ms each for a loaded machine).
func TestRequestTimeoutKeepAlive(t *testing.T) {
	app := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery == "slow" {
			<-r.Context().Done()
			return
		}
		time.Sleep(25 * time.Millisecond)
		io.WriteString(w, "fast")
	}
	se, ctl, table := newServerEnd(t)
	s, err := newLendServer(beginFirst(http.HandlerFunc(app)), ctl, table, pageproto.Settings{RequestTimeout: 100 * time.Millisecond})
	require.NoError(t, err)
	var logs []string
	se.next(pageproto.MsgHello, &logs)
	go func() {
		for range se.msgs {
		}
	}()
	rt := &pageproto.Route{Path: "/page"}
	client, server := tcpPair(t)
	client.SetReadDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(client)
	se.hand(server, rt, "GET /page HTTP/1.1\r\nHost: x\r\n\r\n")
	for i := range 6 {
		code, body := readResponse(t, br)
		require.Equal(t, 200, code, "request %d", i)
		require.Equal(t, "fast", body)
		io.WriteString(client, "GET /page HTTP/1.1\r\nHost: x\r\n\r\n")
	}
	code, _ := readResponse(t, br)
	require.Equal(t, 200, code)
	start := time.Now()
	io.WriteString(client, "GET /page?slow HTTP/1.1\r\nHost: x\r\n\r\n")
	code, _ = readResponse(t, br)
	assert.Equal(t, 504, code)
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond, "the slow request had its whole time")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	assert.NoError(t, s.shutdown(ctx))
}

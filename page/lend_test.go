//go:build unix

package page

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/request"
)

// serverEnd plays gowebob serve's side of the socket pair and the table.
type serverEnd struct {
	t      testing.TB
	uc     *net.UnixConn
	table  *handoff.Table
	lender *handoff.Lender
	msgs   chan message
}

type message struct {
	payload []byte
	conn    net.Conn
}

func newServerEnd(t testing.TB) (*serverEnd, *net.UnixConn, *handoff.Table) {
	ours, theirs, err := handoff.Pair()
	require.NoError(t, err)
	ctl, err := handoff.Open(theirs)
	require.NoError(t, err)
	table, tf, err := handoff.NewTable(t.TempDir(), 8)
	require.NoError(t, err)
	theirTable, err := handoff.OpenTable(tf)
	require.NoError(t, err)
	se := &serverEnd{t: t, uc: ours, table: table, lender: handoff.NewLender(table), msgs: make(chan message, 100)}
	go func() {
		defer close(se.msgs)
		for {
			buf := make([]byte, handoff.MaxMessage)
			payload, conn, err := handoff.Recv(ours, buf)
			if err != nil {
				return
			}
			se.msgs <- message{payload, conn}
		}
	}()
	t.Cleanup(func() { ours.Close() })
	return se, ctl, theirTable
}

// hand lends the program the accepted connection c, with raw as the bytes
// read from it, for a request routed with rt.
func (se *serverEnd) hand(c net.Conn, rt *pageproto.Route, raw string) {
	i, ok := se.lender.Lend(c, []byte(raw))
	require.True(se.t, ok)
	msg := pageproto.AppendRoute(pageproto.AppendIndex([]byte{pageproto.MsgConn}, i), rt)
	require.NoError(se.t, handoff.Send(se.uc, msg, c))
}

// takeBack returns the connection a MsgBack gives back.
func (se *serverEnd) takeBack(m message) *handoff.Conn {
	i, rest, err := pageproto.ParseIndex(m.payload[1:])
	require.NoError(se.t, err)
	var data []byte
	if len(rest) > 0 {
		data = rest
	}
	hc, ok := se.lender.Take(i, data)
	require.True(se.t, ok, "slot %d is lent", i)
	return hc
}

// next returns the next message of kind, collecting the log records of the
// others into logs.
func (se *serverEnd) next(kind byte, logs *[]string) message {
	se.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case m, ok := <-se.msgs:
			require.True(se.t, ok, "the socket pair closed")
			se.collect(m, logs)
			if m.payload[0] == kind {
				return m
			}
		case <-timeout:
			se.t.Fatalf("no message %q", kind)
		}
	}
}

// collect appends the records of a log message to logs, one line each.
func (se *serverEnd) collect(m message, logs *[]string) {
	if m.payload[0] != pageproto.MsgLog {
		return
	}
	for b := m.payload[1:]; len(b) > 0; {
		rec, rest, err := pageproto.ParseRecord(b)
		require.NoError(se.t, err)
		line := rec.Message
		rec.Attrs(func(a slog.Attr) bool { line += " " + a.String(); return true })
		*logs = append(*logs, line)
		b = rest
	}
}

// tcpPair returns the two ends of a loopback TCP connection.
func tcpPair(t testing.TB) (client, server net.Conn) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	client, err = net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	server, err = ln.Accept()
	require.NoError(t, err)
	t.Cleanup(func() { client.Close() })
	return client, server
}

func readResponse(t *testing.T, br *bufio.Reader) (int, string) {
	t.Helper()
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestLendServer(t *testing.T) {
	se, ctl, table := newServerEnd(t)
	page := filepath.Join(t.TempDir(), "page.go")
	require.NoError(t, os.WriteFile(page, []byte("v1"), 0o644))
	app := func(w http.ResponseWriter, r *http.Request) {
		req := request.FromHTTP(r, "")
		defer req.Close()
		fmt.Fprintf(w, "script=%s path=%s query=%s id=%t", req.ScriptName(), req.PathInfo(), req.QueryString(),
			req.Environ["HTTP_X_REQUEST_ID"] != "")
	}
	s, err := newLendServer(http.HandlerFunc(app), ctl, table, pageproto.Settings{MaxHeaderBytes: 4 << 10})
	require.NoError(t, err)
	var logs []string
	hello := se.next(pageproto.MsgHello, &logs)
	v, _, err := pageproto.ParseIndex(hello.payload[1:])
	require.NoError(t, err)
	assert.Equal(t, pageproto.Version, v, "the program says hello with its protocol version first")
	rt := &pageproto.Route{Path: "/page/a", Environ: map[string]string{"SCRIPT_NAME": "/page", "PATH_INFO": "/a"},
		Checks: []pageproto.Check{pageproto.StatCheck(page)}}
	s.watch.Add(page)

	client, server := tcpPair(t)
	br := bufio.NewReader(client)
	// The server read the first request; the program answers it.
	se.hand(server, rt, "GET /page/a?n=1 HTTP/1.1\r\nHost: x\r\n\r\n")
	code, body := readResponse(t, br)
	assert.Equal(t, 200, code)
	assert.Equal(t, "script=/page path=/a query=n=1 id=true", body)
	// The next request for the same path: the program answers it itself.
	io.WriteString(client, "GET /page/a?n=2 HTTP/1.1\r\nHost: x\r\n\r\n")
	_, body = readResponse(t, br)
	assert.Equal(t, "script=/page path=/a query=n=2 id=true", body)
	// A header over the limit (net/http reads up to 4 KiB beyond it, and
	// may have 4 KiB more buffered): the program's net/http answers 431.
	io.WriteString(client, "GET /page/a HTTP/1.1\r\nHost: x\r\nX: "+strings.Repeat("a", 16<<10)+"\r\n\r\n")
	code, _ = readResponse(t, br)
	assert.Equal(t, 431, code)

	// Another path goes back to the server, with the request.
	client, server = tcpPair(t)
	br = bufio.NewReader(client)
	se.hand(server, rt, "GET /page/a HTTP/1.1\r\nHost: x\r\n\r\n")
	readResponse(t, br)
	io.WriteString(client, "POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody")
	back := se.takeBack(se.next(pageproto.MsgBack, &logs))
	req, err := http.ReadRequest(bufio.NewReader(back))
	require.NoError(t, err)
	assert.Equal(t, "/other", req.URL.Path)
	b, _ := io.ReadAll(req.Body)
	assert.Equal(t, "body", string(b), "the body comes back with the request")
	io.WriteString(back, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nserver")
	_, body = readResponse(t, br)
	assert.Equal(t, "server", body, "the connection now talks to the server")
	back.Close()

	// A change to a file the route depends on: the path goes back too.
	client, server = tcpPair(t)
	br = bufio.NewReader(client)
	se.hand(server, rt, "GET /page/a HTTP/1.1\r\nHost: x\r\n\r\n")
	readResponse(t, br)
	require.NoError(t, os.WriteFile(page, []byte("v2, longer"), 0o644))
	io.WriteString(client, "GET /page/a HTTP/1.1\r\nHost: x\r\n\r\n")
	back = se.takeBack(se.next(pageproto.MsgBack, &logs))
	head := make([]byte, 64)
	n, _ := back.Read(head)
	assert.True(t, strings.HasPrefix(string(head[:n]), "GET /page/a HTTP/1.1\r\n"), "%q", head[:n])
	back.Close()

	// Every request the program answered was logged through the server
	// (the 431 was net/http's, before any handler, as in the server).
	require.Eventually(t, func() bool {
		select {
		case m := <-se.msgs:
			se.collect(m, &logs)
		default:
		}
		return len(logs) == 4
	}, 5*time.Second, 10*time.Millisecond, "%q", logs)
	assert.Contains(t, logs[0], "http request method=GET path=/page/a status=200")
	assert.Contains(t, logs[0], "remote=127.0.0.1")

	// Stop: the program finishes and its server shuts down.
	require.NoError(t, handoff.Send(se.uc, []byte{pageproto.MsgStop}, nil))
	select {
	case <-s.stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("the program did not take the stop")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, s.shutdown(ctx))
}

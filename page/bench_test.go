//go:build unix

package page

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webob"
)

// lentClient is a keep-alive client of a connection lent to a page
// program, as wrk is: it sends one request and reads its answer, with no
// allocation of its own, so that the counts below are the program's.
type lentClient struct {
	conn net.Conn
	br   *bufio.Reader
	req  []byte
}

// newLentClient starts a lend server for app, as a page program runs it,
// and returns a client of one connection lent to it for path, its first
// request answered.
func newLentClient(tb testing.TB, app any, path string) *lentClient {
	t := tb
	se, ctl, table := newServerEnd(t)
	page := filepath.Join(t.TempDir(), "page.go")
	require.NoError(t, os.WriteFile(page, []byte("package main\n"), 0o644))
	h, err := webob.Adapt(app)
	require.NoError(t, err)
	s, err := newLendServer(h, ctl, table, pageproto.Settings{})
	require.NoError(t, err)
	t.Cleanup(func() { s.stop() })
	var logs []string
	se.next(pageproto.MsgHello, &logs)
	go func() { // the log records the program ships
		for range se.msgs {
		}
	}()
	// The environ gowebob serve sends (its targetEnviron).
	env := request.Environ{"SCRIPT_NAME": path, "PATH_INFO": "", "SCRIPT_FILENAME": page, "DOCUMENT_ROOT": filepath.Dir(page)}
	docroot.SetPageEnviron(env, "hello_webob.go")
	rt := &pageproto.Route{Path: path, Environ: env, Checks: []pageproto.Check{pageproto.StatCheck(page)}}
	client, server := tcpPair(t)
	c := &lentClient{conn: client, br: bufio.NewReaderSize(client, 16<<10),
		req: []byte("GET " + path + "?name=x HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: wrk\r\n\r\n")}
	se.hand(server, rt, string(c.req))
	require.NoError(t, c.read())
	return c
}

// do sends the request and reads the answer.
func (c *lentClient) do() error {
	if _, err := c.conn.Write(c.req); err != nil {
		return err
	}
	return c.read()
}

var contentLength = []byte("\r\nContent-Length: ")

// read reads one answer, which has a Content-Length.
func (c *lentClient) read() error {
	n := -1
	for {
		line, err := c.br.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(line) <= 2 {
			break
		}
		if v, ok := bytes.CutPrefix(line, contentLength[2:]); ok {
			n, err = strconv.Atoi(string(bytes.TrimSpace(v)))
			if err != nil {
				return err
			}
		}
	}
	if n < 0 {
		return io.ErrUnexpectedEOF
	}
	_, err := c.br.Discard(n)
	return err
}

// BenchmarkLent is a page program answering keep-alive GETs of
// hello_webob on a connection lent to it: all a page program adds to a
// request is here (the route check, the safety nets, the request id, the
// access log record, the environ), with the client's cost, which
// allocates nothing.
func BenchmarkLent(b *testing.B) {
	c := newLentClient(b, pages.HelloWebOb, "/hello_webob")
	b.ReportAllocs()
	for b.Loop() {
		if err := c.do(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLentAllocs bounds the allocations of a page program's keep-alive
// request; HelloWebOb's own are in it (11 through webob's adapter).
func TestLentAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	c := newLentClient(t, pages.HelloWebOb, "/hello_webob")
	var err error
	n := testing.AllocsPerRun(200, func() {
		if e := c.do(); e != nil {
			err = e
		}
	})
	require.NoError(t, err)
	t.Logf("%v allocations per request", n)
	require.LessOrEqual(t, n, float64(maxLentAllocs))
}

// maxLentAllocs is TestLentAllocs's bound.
const maxLentAllocs = 34

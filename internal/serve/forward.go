package serve

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"sync"

	"github.com/gowebob/gowebob/internal/pageproto"
)

// pageConn is one keep-alive connection to a page program.
type pageConn struct {
	conn net.Conn
	br   *bufio.Reader
	bw   *bufio.Writer
}

// connPool keeps the idle connections to one page program. Requests use a
// connection each, in turn, as HTTP/1.1 keep-alive does; there is no
// goroutine per connection (net/http.Transport's readLoop and writeLoop cost
// a third of the server's CPU on a small page).
type connPool struct {
	sock string
	mu   sync.Mutex
	idle []*pageConn
}

// maxIdleConns bounds the idle connections kept per page program.
const maxIdleConns = 64

func (p *connPool) get() (*pageConn, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		pc := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return pc, nil
	}
	p.mu.Unlock()
	conn, err := net.Dial("unix", p.sock)
	if err != nil {
		return nil, err
	}
	return &pageConn{conn: conn, br: bufio.NewReaderSize(conn, 4<<10), bw: bufio.NewWriterSize(conn, 4<<10)}, nil
}

func (p *connPool) put(pc *pageConn) {
	p.mu.Lock()
	if len(p.idle) < maxIdleConns {
		p.idle = append(p.idle, pc)
		pc = nil
	}
	p.mu.Unlock()
	if pc != nil {
		pc.conn.Close()
	}
}

// closeIdle closes every idle connection.
func (p *connPool) closeIdle() {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, pc := range idle {
		pc.conn.Close()
	}
}

// hopHeaders are the per-connection headers a proxy does not forward (RFC
// 9110 7.6.1), plus Expect: the server has answered 100-continue to the
// client already, the page must not answer it again.
var hopHeaders = []string{"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade", "Expect"}

// copyEndToEnd copies src's fields into dst, without the hop-by-hop ones.
func copyEndToEnd(dst, src http.Header) {
	maps.Copy(dst, src)
	for _, name := range hopHeaders {
		delete(dst, name)
	}
}

// errNoAnswer wraps a failure before anything was written to the client,
// which the caller answers with a 502.
var errNoAnswer = errors.New("serve: the page program did not answer")

// forward sends r to the page program with env as its environ header and
// copies the answer to w. An error wrapping errNoAnswer means nothing but
// interim answers was written to w; any other error happened while copying
// the body, after the status was sent, or after the protocol switched.
//
// A request to switch protocols (Upgrade, as WebSocket's) that the page
// accepts with 101 Switching Protocols takes the client's connection
// over: see upgrade.
func (c *child) forward(w http.ResponseWriter, r *http.Request, env string) error {
	pc, err := c.pool.get()
	if err != nil {
		return errors.Join(errNoAnswer, err)
	}
	out := &http.Request{
		Method:     r.Method,
		URL:        &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery},
		Proto:      "HTTP/1.1",
		ProtoMajor: 1, ProtoMinor: 1,
		Header:        make(http.Header, len(r.Header)+1),
		Host:          r.Host,
		ContentLength: r.ContentLength,
	}
	copyEndToEnd(out.Header, r.Header)
	// A client's own copy of the environ header is replaced, never passed on.
	out.Header[pageproto.Header] = []string{env}
	proto := upgradeType(r)
	if proto != "" {
		out.Header["Connection"], out.Header["Upgrade"] = []string{"Upgrade"}, []string{proto}
	}
	if r.ContentLength != 0 {
		out.Body = r.Body
	}
	if err := out.Write(pc.bw); err != nil {
		pc.conn.Close()
		return errors.Join(errNoAnswer, err)
	}
	if err := pc.bw.Flush(); err != nil {
		pc.conn.Close()
		return errors.Join(errNoAnswer, err)
	}
	resp, _, err := c.readResponse(w, r, pc.br, out)
	if err != nil {
		pc.conn.Close()
		return errors.Join(errNoAnswer, err)
	}
	if resp.StatusCode == http.StatusSwitchingProtocols {
		if got := resp.Header.Get("Upgrade"); proto == "" || !strings.EqualFold(got, proto) {
			pc.conn.Close()
			return fmt.Errorf("%w: it switched to protocol %q when the client asked for %q", errNoAnswer, got, proto)
		}
		return upgrade(w, pc, resp)
	}
	copyEndToEnd(w.Header(), resp.Header)
	w.WriteHeader(resp.StatusCode)
	var dst io.Writer = w
	if resp.ContentLength < 0 {
		// A streaming answer (no length): pass each piece on at once.
		dst = flushWriter{w}
	}
	buf := copyBuffers.Get().(*[]byte)
	_, err = io.CopyBuffer(dst, resp.Body, *buf)
	copyBuffers.Put(buf)
	resp.Body.Close()
	if err != nil || resp.Close {
		pc.conn.Close()
		return err
	}
	c.pool.put(pc)
	return nil
}

// copyBuffers lends forward its copy buffers, 32 KiB each, which it would
// otherwise allocate for every answer.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// upgradeType returns the protocol an HTTP/1.1 request asks to switch to
// (its Upgrade field, when Connection names it), or "". HTTP/2 has no
// such request.
func upgradeType(r *http.Request) string {
	if r.ProtoMajor != 1 {
		return ""
	}
	for _, v := range r.Header["Connection"] {
		for tok := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(textproto.TrimString(tok), "upgrade") {
				return r.Header.Get("Upgrade")
			}
		}
	}
	return ""
}

// upgrade ends a request the page answered with 101 Switching Protocols:
// it sends resp to the client, takes its connection over, and copies the
// bytes each side sends to the other until either closes. pc, now the
// other protocol's, does not go back to the pool.
func upgrade(w http.ResponseWriter, pc *pageConn, resp *http.Response) error {
	defer pc.conn.Close()
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return errors.Join(errNoAnswer, err)
	}
	defer conn.Close()
	// Every field of the answer goes on, Connection and Upgrade first of
	// all, with the ones set before (by middleware).
	h := w.Header()
	maps.Copy(h, resp.Header)
	brw.WriteString("HTTP/1.1 101 Switching Protocols\r\n")
	h.Write(brw)
	brw.WriteString("\r\n")
	if err := brw.Flush(); err != nil {
		return err
	}
	// What the client sent after its request waits in brw, what the page
	// sent after its answer in pc.br.
	errc := make(chan error, 2)
	go func() {
		_, err := io.Copy(pc.conn, brw.Reader)
		errc <- err
	}()
	go func() {
		_, err := io.Copy(conn, pc.br)
		errc <- err
	}()
	err = <-errc
	conn.Close()
	pc.conn.Close()
	<-errc
	return err
}

// readResponse reads the page's answers to out up to the final one, which
// it returns, and reports whether the page began the request. It relays
// the interim answers to w, except pageproto.StartedStatus, which only
// says the page began the request, and 100 Continue, which the server
// sent the client already when its body was first read.
func (c *child) readResponse(w http.ResponseWriter, r *http.Request, br *bufio.Reader, out *http.Request) (resp *http.Response, started bool, err error) {
	for {
		resp, err = http.ReadResponse(br, out)
		if err != nil {
			return nil, started, err
		}
		switch code := resp.StatusCode; {
		case code == pageproto.StartedStatus:
			started = true
			c.began.Store(true)
		case code == http.StatusContinue:
		case code >= 200, code == http.StatusSwitchingProtocols:
			return resp, true, nil
		default:
			started = true
			relayInterim(w, r, resp)
		}
	}
}

// relayInterim sends an interim answer (103 Early Hints...) to the client
// of r, with its fields, and leaves w's fields as they were: net/http sends
// the fields set so far with an interim answer and keeps them for the
// final one. An HTTP/1.0 client gets none (RFC 9110 15.2).
func relayInterim(w http.ResponseWriter, r *http.Request, resp *http.Response) {
	if !r.ProtoAtLeast(1, 1) {
		return
	}
	h := w.Header()
	kept := h.Clone()
	copyEndToEnd(h, resp.Header)
	w.WriteHeader(resp.StatusCode)
	clear(h)
	maps.Copy(h, kept)
}

// flushWriter flushes after every write.
type flushWriter struct{ w http.ResponseWriter }

func (f flushWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	http.NewResponseController(f.w).Flush()
	return n, err
}

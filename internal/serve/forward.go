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
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

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

// get returns an idle connection (reused) or, when there is none or fresh
// is set, a new one.
func (p *connPool) get(fresh bool) (pc *pageConn, reused bool, err error) {
	if !fresh {
		p.mu.Lock()
		if n := len(p.idle); n > 0 {
			pc := p.idle[n-1]
			p.idle = p.idle[:n-1]
			p.mu.Unlock()
			return pc, true, nil
		}
		p.mu.Unlock()
	}
	conn, err := net.Dial("unix", p.sock)
	if err != nil {
		return nil, false, err
	}
	return &pageConn{conn: conn, br: bufio.NewReaderSize(conn, 4<<10), bw: bufio.NewWriterSize(conn, 4<<10)}, false, nil
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

// errNoAnswer is a page program that began the request, or may have (what
// it sent cannot be read as an answer), and failed before the status of
// its answer: nothing but interim answers was written to the client, whom
// the caller answers with a 502.
var errNoAnswer = errors.New("serve: the page program did not answer")

// errNotStarted is a connection to the page program that failed before
// the program began the request (it sends pageproto.StartedStatus just
// before the page's code runs): the program died, or closed the
// connection. Nothing was written to the client, and the request can go to
// another program if its body can be sent again (see outBody).
var errNotStarted = errors.New("serve: the page program did not begin the request")

// errTimedOut is a request whose handler ran past the request timeout
// before the status of its answer: the program closed the connection at
// the deadline (see page's safety nets), or it went silent past it. The
// caller answers with a 504.
var errTimedOut = errors.New("serve: the page's handler ran past request-timeout")

// timeoutSlack is how long past a proxied request's deadline the server
// waits for the program to end it before it does so itself.
const timeoutSlack = 5 * time.Second

// timeoutMargin is how much sooner than the request timeout, counted from
// the moment the server read pageproto.StartedStatus, a proxied request
// that ends without an answer counts as timed out: the program's own
// deadline began a little before it sent that answer.
const timeoutMargin = 100 * time.Millisecond

// awaitExit drops the program's idle connections after a request failed
// on it, and waits, a second at most, for its exit to be seen if it died:
// ready then starts another program instead of finding this one half-dead.
func (c *child) awaitExit() {
	c.pool.closeIdle()
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-c.exited:
	case <-t.C:
	}
}

// forward sends r to the page program with route (pageproto.EncodeRoute)
// as its route header and body as its body, and copies the answer to w.
// An error wrapping errNotStarted, errNoAnswer, errTimedOut or errBody
// means nothing but interim answers was written to w; any other error
// happened while copying the answer's body, after the status was sent, or
// after the protocol switched.
//
// A request to switch protocols (Upgrade, as WebSocket's) that the page
// accepts with 101 Switching Protocols takes the client's connection
// over: see upgrade.
func (c *child) forward(w http.ResponseWriter, r *http.Request, route string, body *outBody) error {
	out := &http.Request{
		Method:     r.Method,
		URL:        &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery},
		Proto:      "HTTP/1.1",
		ProtoMajor: 1, ProtoMinor: 1,
		Header: make(http.Header, len(r.Header)+1),
		Host:   r.Host,
	}
	copyEndToEnd(out.Header, r.Header)
	if _, ok := out.Header["User-Agent"]; !ok {
		out.Header["User-Agent"] = nil // else Request.Write sends Go's own
	}
	// A client's own copy of the route header is replaced, never passed on.
	out.Header[pageproto.Header] = []string{route}
	proto := upgradeType(r)
	if proto != "" {
		out.Header["Connection"], out.Header["Upgrade"] = []string{"Upgrade"}, []string{proto}
	}
	for fresh := false; ; fresh = true {
		pc, reused, err := c.pool.get(fresh)
		if err != nil {
			return errors.Join(errNotStarted, err)
		}
		err = c.roundTrip(w, r, pc, out, body, proto)
		if reused && errors.Is(err, errNotStarted) && body.resendable() {
			// An idle connection the program closed (its idle timeout), or
			// the program died: once more, on a new connection, as
			// net/http's Transport does.
			continue
		}
		return err
	}
}

// roundTrip is forward on pc, with out the request to send.
func (c *child) roundTrip(w http.ResponseWriter, r *http.Request, pc *pageConn, out *http.Request, body *outBody, proto string) error {
	out.ContentLength, out.Body = body.send(r)
	werr := out.Write(pc.bw)
	if werr == nil {
		werr = pc.bw.Flush()
	}
	if err := body.readErr(); err != nil {
		// The client's body failed: the page got part of it.
		pc.conn.Close()
		return err
	}
	if werr != nil {
		// The program closed the connection: it died, or answered before
		// it read the whole request. What it sent is still to be read, at
		// once; the bound is for a program that only stopped reading.
		pc.conn.SetReadDeadline(time.Now().Add(time.Second))
	}
	resp, started, err := c.readResponse(w, r, pc, out)
	if err != nil {
		pc.conn.Close()
		switch {
		case started.IsZero() && closedBy(err):
			return errors.Join(errNotStarted, werr, err)
		case c.timeout > 0 && !started.IsZero() && time.Since(started) >= c.timeout-timeoutMargin:
			return errors.Join(errTimedOut, err)
		}
		return errors.Join(errNoAnswer, werr, err)
	}
	if resp.StatusCode == http.StatusSwitchingProtocols {
		pc.conn.SetReadDeadline(time.Time{}) // the other protocol's
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
	if err != nil || resp.Close || werr != nil {
		pc.conn.Close()
		return err
	}
	pc.conn.SetReadDeadline(time.Time{})
	c.pool.put(pc)
	return nil
}

// closedBy reports whether err, reading from a page program, is the
// program's end of the connection closed: by the program, or by its exit.
func closedBy(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)
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
// it returns, and when the page began the request (zero: it did not). It
// relays the interim answers to w, except pageproto.StartedStatus, which
// only says the page began the request, and 100 Continue, which the server
// sent the client already when its body was first read. From the start of
// the request, pc reads (the answer's body too) until the request timeout
// and timeoutSlack have passed.
func (c *child) readResponse(w http.ResponseWriter, r *http.Request, pc *pageConn, out *http.Request) (resp *http.Response, started time.Time, err error) {
	begin := func() {
		if !started.IsZero() {
			return
		}
		started = time.Now()
		c.began.Store(true)
		if c.timeout > 0 {
			pc.conn.SetReadDeadline(started.Add(c.timeout + timeoutSlack))
		}
	}
	for {
		if skipStarted(pc.br) {
			begin()
			continue
		}
		resp, err = http.ReadResponse(pc.br, out)
		if err != nil {
			return nil, started, err
		}
		switch code := resp.StatusCode; {
		case code == pageproto.StartedStatus:
			begin()
		case code == http.StatusContinue:
		case code >= 200, code == http.StatusSwitchingProtocols:
			begin()
			return resp, started, nil
		default:
			begin()
			relayInterim(w, r, resp)
		}
	}
}

// startedLine begins the interim answer pageproto.StartedStatus as
// net/http writes it to an HTTP/1.1 request.
var startedLine = "HTTP/1.1 " + strconv.Itoa(pageproto.StartedStatus) + " "

// skipStarted reads the interim answer pageproto.StartedStatus, when it is
// what br holds next, and reports whether it did. It parses nothing, so as
// not to allocate for every request (http.ReadResponse would): any other
// answer, or a close, is left for http.ReadResponse to read and tell.
func skipStarted(br *bufio.Reader) bool {
	b, err := br.Peek(len(startedLine))
	if err != nil || string(b) != startedLine {
		return false
	}
	// The status line, then fields (none) up to an empty line. An answer
	// cut short counts: what may have begun is never sent again.
	for first := true; ; first = false {
		line, err := br.ReadSlice('\n')
		if err != nil || !first && (len(line) == 1 || len(line) == 2 && line[0] == '\r') {
			return true
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

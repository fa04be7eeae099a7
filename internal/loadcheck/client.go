package loadcheck

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// target is where a worker's requests go.
type target struct {
	addr string // to dial, host:port
	host string // the Host header
	uri  string // the request-target
}

// parseTarget splits an http URL into what a worker needs.
func parseTarget(rawURL string) (target, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return target{}, fmt.Errorf("loadcheck: URL: %w", err)
	}
	if u.Scheme != "http" || u.Host == "" {
		return target{}, fmt.Errorf("loadcheck: URL %q: want http://host[:port]/path", rawURL)
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "80")
	}
	return target{addr: addr, host: u.Host, uri: u.RequestURI()}, nil
}

// failure is one request that did not succeed.
type failure struct {
	id     string
	at     time.Time
	status int    // the answer's status, or 0 when there was no answer
	class  string // why there was no answer, or why it was not right
}

// worker is one of Run's connections: it sends one request at a time and
// opens a new connection after any failure.
type worker struct {
	n       int
	t       target
	timeout time.Duration

	conn net.Conn // nil between a failure and the next request
	br   *bufio.Reader
	buf  []byte // the request being written, reused

	ok     []string
	failed []failure
}

// run sends requests until end or until ctx is done, and always lets the
// request in flight at end finish: cutting it short would be a failure of
// the load, not of the server. It sends at least one, even when it starts
// after end on a busy machine.
func (w *worker) run(ctx context.Context, end time.Time) {
	defer w.drop()
	for i := 0; ctx.Err() == nil && (i == 0 || time.Now().Before(end)); i++ {
		id := "w" + strconv.Itoa(w.n) + "-" + strconv.Itoa(i)
		f := w.do(ctx, id, i%3 == 2)
		if f == nil {
			w.ok = append(w.ok, id)
			continue
		}
		w.failed = append(w.failed, *f)
		if strings.HasPrefix(f.class, "dial") {
			// Nothing listens, or nothing accepts: do not spin.
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// do sends request id (a POST with a small form if post, else a GET) and
// reads the answer, opening a connection first if the worker has none.
// It never sends a request twice: whatever goes wrong fails id, and the
// connection is dropped so that the next request starts on a fresh one.
func (w *worker) do(ctx context.Context, id string, post bool) *failure {
	deadline := time.Now().Add(w.timeout)
	fail := func(status int, class string) *failure {
		w.drop()
		if ctx.Err() != nil && status == 0 {
			class = "canceled"
		}
		return &failure{id: id, at: time.Now(), status: status, class: class}
	}
	if w.conn == nil {
		d := net.Dialer{Deadline: deadline}
		c, err := d.DialContext(ctx, "tcp", w.t.addr)
		if err != nil {
			return fail(0, errorClass("dial", err))
		}
		w.conn, w.br = c, bufio.NewReader(c)
	}
	c := w.conn
	c.SetDeadline(deadline)
	// Cancelling ctx aborts the request in flight through its deadline.
	defer context.AfterFunc(ctx, func() { c.SetDeadline(time.Unix(1, 0)) })()

	w.buf = appendRequest(w.buf[:0], w.t, id, post)
	if _, err := c.Write(w.buf); err != nil {
		return fail(0, errorClass("write", err))
	}
	// ReadResponse reports a connection closed before the status line as
	// io.ErrUnexpectedEOF, like one closed inside it; waiting for the
	// first byte first keeps "read: EOF" for "not a byte of an answer".
	if _, err := w.br.Peek(1); err != nil {
		return fail(0, errorClass("read", err))
	}
	resp, err := http.ReadResponse(w.br, nil)
	if err != nil {
		return fail(0, errorClass("read", err))
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return fail(0, errorClass("body", err))
	}
	if resp.Close {
		// The server said it closes the connection after this answer: the
		// next request goes on a new one, as any HTTP/1.1 client does.
		w.drop()
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fail(resp.StatusCode, "")
	}
	if string(body) != answer(id, post) {
		return fail(0, "wrong body")
	}
	if resp.Close {
		w.drop()
	}
	return nil
}

// drop closes the worker's connection, if it has one.
func (w *worker) drop() {
	if w.conn != nil {
		w.conn.Close()
		w.conn, w.br = nil, nil
	}
}

// appendRequest appends request id to dst as HTTP/1.1 bytes: a GET, or a
// POST with a urlencoded form whose "id" field PageSource echoes.
func appendRequest(dst []byte, t target, id string, post bool) []byte {
	method := "GET "
	if post {
		method = "POST "
	}
	dst = append(dst, method...)
	dst = append(dst, t.uri...)
	dst = append(dst, " HTTP/1.1\r\nHost: "...)
	dst = append(dst, t.host...)
	dst = append(dst, "\r\nUser-Agent: loadcheck\r\n"+IDHeader+": "...)
	dst = append(dst, id...)
	if !post {
		return append(dst, "\r\n\r\n"...)
	}
	form := "id=" + url.QueryEscape(id) + "&note=fault+load"
	dst = append(dst, "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "...)
	dst = strconv.AppendInt(dst, int64(len(form)), 10)
	dst = append(dst, "\r\n\r\n"...)
	return append(dst, form...)
}

// answer is the body PageSource answers request id with.
func answer(id string, post bool) string {
	if post {
		return "posted " + id + "\n"
	}
	return "ok " + id + "\n"
}

// errorClass names what kind of error err is, prefixed by the phase of the
// request it happened in (dial, write, read, body). The names are few, so
// that Result.ByError stays short.
func errorClass(phase string, err error) string {
	var ne net.Error
	var kind string
	switch {
	case errors.Is(err, io.EOF):
		kind = "EOF"
	case errors.Is(err, io.ErrUnexpectedEOF):
		kind = "unexpected EOF"
	case errors.Is(err, syscall.ECONNRESET):
		kind = "connection reset"
	case errors.Is(err, syscall.ECONNREFUSED):
		kind = "connection refused"
	case errors.Is(err, syscall.EPIPE):
		kind = "broken pipe"
	case errors.As(err, &ne) && ne.Timeout():
		kind = "timeout"
	default:
		// The text up to the first quote or colon: it names the
		// error without the bytes or the address it is about.
		kind = err.Error()
		if i := strings.IndexAny(kind, "\":"); i > 0 {
			kind = strings.TrimSpace(kind[:i])
		}
	}
	return phase + ": " + kind
}

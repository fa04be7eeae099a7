package handoff

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// Conn is a connection received from another process: Read returns the
// bytes that process had read from it and not handled, then reads from the
// connection.
type Conn struct {
	net.Conn
	pending []byte

	// Tag is what the sender said about the connection's first request
	// (its route, or that it must not be handed over again). TakeTag
	// returns it once.
	Tag   any
	taken atomic.Bool
}

// NewConn returns c with data to be read before c's own bytes.
func NewConn(c net.Conn, data []byte, tag any) *Conn {
	return &Conn{Conn: c, pending: data, Tag: tag}
}

// TakeTag returns Tag the first time it is called, nil afterwards: the tag
// is about the first request only.
func (c *Conn) TakeTag() any {
	if c.taken.Swap(true) {
		return nil
	}
	return c.Tag
}

// connKey is the context key of WithConn.
type connKey struct{}

// tagged is a connection that came with a tag: a *Conn or a *Borrowed.
type tagged interface {
	net.Conn
	TakeTag() any
}

// WithConn returns ctx carrying c when c came with a tag (a *Conn or a
// *Borrowed): an http.Server's ConnContext, so that TakeTag and FromContext
// find the connection a request came on.
func WithConn(ctx context.Context, c net.Conn) context.Context {
	if tc, ok := c.(tagged); ok {
		return context.WithValue(ctx, connKey{}, tc)
	}
	return ctx
}

// TakeTag returns the tag of the connection the request with ctx came on
// (see WithConn), for its first request only: nil for any later request,
// and for a connection that was not handed over.
func TakeTag(ctx context.Context) any {
	if tc, ok := ctx.Value(connKey{}).(tagged); ok {
		return tc.TakeTag()
	}
	return nil
}

// FromContext returns the connection the request with ctx came on, if it
// came with a tag (see WithConn).
func FromContext(ctx context.Context) net.Conn {
	tc, _ := ctx.Value(connKey{}).(tagged)
	if tc == nil {
		return nil
	}
	return tc
}

// Read reads the pending bytes first. net/http reads a connection from one
// goroutine at a time, which is all Conn needs.
func (c *Conn) Read(p []byte) (int, error) {
	if len(c.pending) > 0 {
		n := copy(p, c.pending)
		c.pending = c.pending[n:]
		if len(c.pending) == 0 {
			c.pending = nil
		}
		return n, nil
	}
	return c.Conn.Read(p)
}

// ReadFrom keeps the connection's own ReadFrom (sendfile, splice), which
// net/http uses for files.
func (c *Conn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(struct{ io.Writer }{c.Conn}, r)
}

// CloseWrite half-closes the connection when it can, as net/http does
// before closing a connection whose request it did not read to the end.
func (c *Conn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// Buffered returns the number of bytes to read before the connection's
// own.
func (c *Conn) Buffered() int { return len(c.pending) }

// Refuse answers a connection that cannot be served (it was handed over
// to a server that is shutting down, or could not be handed over) with a
// 503 that closes it, and closes it.
func Refuse(c net.Conn) {
	c.SetWriteDeadline(time.Now().Add(time.Second))
	io.WriteString(c, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: 24\r\n\r\n503 Service Unavailable\n")
	c.Close()
}

// Hijack takes the connection of w's request from net/http (see Detach)
// and returns it, with msg and the bytes read from it but not handled
// appended: the message that hands the request over.
func Hijack(w http.ResponseWriter, msg []byte) (net.Conn, []byte, error) {
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return nil, nil, err
	}
	raw, rest := Detach(conn, brw.Reader)
	return raw, append(msg, rest...), nil
}

// Detach takes a hijacked connection apart: it returns the connection to
// send on (the one inside a Conn) and every byte read from it but not
// handled, those in br (the hijacker's reader) followed by a Conn's pending
// ones.
func Detach(conn net.Conn, br *bufio.Reader) (net.Conn, []byte) {
	var rest []byte
	if br != nil {
		if n := br.Buffered(); n > 0 {
			b, _ := br.Peek(n)
			rest = append(rest, b...)
		}
	}
	if hc, ok := conn.(*Conn); ok {
		rest = append(rest, hc.pending...)
		hc.pending = nil
		conn = hc.Conn
	}
	return conn, rest
}

// AppendHead appends r's request line and header, as a server parsed them,
// in the form the client sent them (HTTP/1), so that another server reads
// the same request: the Host header, Transfer-Encoding and the Trailer
// announcement net/http moved out of r.Header are put back.
func AppendHead(b []byte, r *http.Request) []byte {
	b = append(b, r.Method...)
	b = append(b, ' ')
	b = append(b, r.RequestURI...)
	b = append(b, ' ')
	b = append(b, r.Proto...)
	b = append(b, "\r\nHost: "...)
	b = append(b, r.Host...)
	b = append(b, "\r\n"...)
	for k, vs := range r.Header {
		for _, v := range vs {
			b = append(b, k...)
			b = append(b, ": "...)
			b = append(b, v...)
			b = append(b, "\r\n"...)
		}
	}
	if len(r.TransferEncoding) > 0 && r.Header["Transfer-Encoding"] == nil {
		b = append(b, "Transfer-Encoding: "...)
		b = append(b, strings.Join(r.TransferEncoding, ", ")...)
		b = append(b, "\r\n"...)
	}
	if len(r.Trailer) > 0 && r.Header["Trailer"] == nil {
		b = append(b, "Trailer: "...)
		first := true
		for k := range r.Trailer {
			if !first {
				b = append(b, ", "...)
			}
			first = false
			b = append(b, k...)
		}
		b = append(b, "\r\n"...)
	}
	return append(b, "\r\n"...)
}

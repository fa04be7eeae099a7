package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/gowebob/gowebob/exc"
)

// A proxied request that its page program never began, because the
// program died or closed the connection first (errNotStarted), goes to the
// program that replaces it, up to maxAttempts times in all. Only a request
// the program announced with pageproto.StartedStatus fails with it.
const maxAttempts = 3

// maxResendBody bounds the request body kept in memory so that its request
// can be sent again. A longer body goes to the program as it arrives: its
// request is sent again only if none of it was sent yet.
const maxResendBody = 64 << 10

// errBody is a request body that could not be read from the client: it
// went away, or sent a malformed body.
var errBody = errors.New("serve: reading the request body")

// outBody is the body of a proxied request, kept when it is short. It
// lives on servePage's stack: only a longer body's rest is on the heap.
type outBody struct {
	buf  []byte      // the whole body when rest is nil, else its first bytes
	rest *restReader // the rest of a longer body
}

// restReader reads the rest of a longer body (the request's own), and
// notes a read error: a failed write to the page may be the client's
// fault.
type restReader struct {
	r    io.Reader
	sent bool  // handed out to be sent
	err  error // the read error, wrapped in errBody
}

func (rr *restReader) Read(p []byte) (int, error) {
	n, err := rr.r.Read(p)
	if err != nil && err != io.EOF {
		rr.err = fmt.Errorf("%w: %w", errBody, err)
	}
	return n, err
}

// read reads r's body into b when it is at most maxResendBody long: known
// to be, or, with no length given (chunked), found to be. An error wraps
// errBody.
func (b *outBody) read(r *http.Request) error {
	switch n := r.ContentLength; {
	case n == 0:
		return nil
	case n > maxResendBody:
		b.rest = &restReader{r: r.Body}
		return nil
	case n > 0:
		b.buf = make([]byte, n)
		if _, err := io.ReadFull(r.Body, b.buf); err != nil {
			return fmt.Errorf("%w: %w", errBody, err)
		}
		return nil
	}
	buf, err := io.ReadAll(io.LimitReader(r.Body, maxResendBody+1))
	if err != nil {
		return fmt.Errorf("%w: %w", errBody, err)
	}
	b.buf = buf
	if len(buf) > maxResendBody {
		b.rest = &restReader{r: r.Body}
	}
	return nil
}

// resendable reports whether the body can be sent (again).
func (b *outBody) resendable() bool { return b.rest == nil || !b.rest.sent }

// readErr returns the error reading the rest of a longer body, if any.
func (b *outBody) readErr() error {
	if b.rest == nil {
		return nil
	}
	return b.rest.err
}

// send returns the length and body of the request to the page: a body kept
// whole goes with its length, even one the client sent chunked.
func (b *outBody) send(r *http.Request) (int64, io.ReadCloser) {
	if b.rest != nil {
		b.rest.sent = true
		if len(b.buf) == 0 {
			return r.ContentLength, io.NopCloser(b.rest)
		}
		return r.ContentLength, io.NopCloser(io.MultiReader(bytes.NewReader(b.buf), b.rest))
	}
	if len(b.buf) == 0 {
		return 0, nil
	}
	return int64(len(b.buf)), io.NopCloser(bytes.NewReader(b.buf))
}

// bodyError answers a request whose body could not be read.
func (s *Server) bodyError(w http.ResponseWriter, r *http.Request, err error) {
	s.logger().Info("request body not read", "path", r.URL.Path, "error", err)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeExc(w, r, exc.RequestEntityTooLarge(""))
		return
	}
	writeExc(w, r, exc.BadRequest(""))
}

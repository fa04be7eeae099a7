package middleware

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"net/http"

	"github.com/gowebob/gowebob/internal/envctx"
	"github.com/gowebob/gowebob/internal/reqcopy"
)

const (
	// requestIDHeader is X-Request-ID in net/http's canonical form, so
	// that reading and setting it index the header maps directly:
	// Header.Get and Set would allocate the canonical key on every
	// request.
	requestIDHeader = "X-Request-Id"
	requestIDEnv    = "HTTP_X_REQUEST_ID"
	maxRequestIDLen = 128
)

// requestIDKey is the context key of the request id. A pointer to a
// struct type cannot collide with another package's key and needs no
// allocation when stored in an interface.
type requestIDKey struct{}

// idContext is the context RequestID derives: context.WithValue's for
// the id, but one allocation where WithValue would make two (its node,
// and the string in an interface), which also holds the header's value.
type idContext struct {
	context.Context
	id     string
	header [1]string // the X-Request-ID response header's values: id
}

// Value returns c itself for requestIDKey (a pointer in an interface
// costs nothing), else the parent's value.
func (c *idContext) Value(key any) any {
	if key == (requestIDKey{}) {
		return c
	}
	return c.Context.Value(key)
}

// String describes c as context.WithValue's does.
func (c *idContext) String() string { return "middleware.RequestID(" + c.id + ")" }

// NewContextWithRequestID returns a copy of ctx that carries id, as
// RequestID stores it.
func NewContextWithRequestID(ctx context.Context, id string) context.Context {
	if ctx == nil {
		panic("middleware: NewContextWithRequestID: nil context") // as context.WithValue
	}
	return &idContext{Context: ctx, id: id}
}

// RequestIDFromContext returns the request id that RequestID (or
// NewContextWithRequestID) stored in ctx, and whether there is one.
func RequestIDFromContext(ctx context.Context) (string, bool) {
	if c, ok := ctx.Value(requestIDKey{}).(*idContext); ok {
		return c.id, true
	}
	return "", false
}

// RequestID is a middleware that gives each request an id: the
// X-Request-ID header the client (or a proxy) sent when it is valid,
// otherwise 32 lower-case hex digits from 16 random bytes. A valid id has
// 1 to 128 bytes, each an ASCII letter, a digit or one of "-_.:+/=@", so
// that it is safe to log and to send back.
//
// The id is sent back in the X-Request-ID response header, and handlers
// find it with RequestIDFromContext and in the environ as
// HTTP_X_REQUEST_ID, so that a gowebob Request's
// Headers().Get("X-Request-ID") returns it. r.Header is left as it is.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id string
		v := r.Header[requestIDHeader]
		if len(v) > 0 && validRequestID(v[0]) {
			id = v[0]
		} else {
			id = newRequestID()
		}
		ir := &idRequest{idContext: idContext{Context: r.Context(), id: id, header: [1]string{id}}}
		c := &ir.idContext
		w.Header()[requestIDHeader] = c.header[:]
		// The environ request.FromHTTP derives has the id already when it
		// is the client's only X-Request-ID header (a proxy's, most often)
		// and no environ in the context sets HTTP_X_REQUEST_ID: then the
		// context is one node shorter.
		ctx := context.Context(c)
		if _, set := envctx.Of(c).Lookup(requestIDEnv); set || len(v) != 1 || v[0] != id {
			ctx = ir.env.Over(c, requestIDEnv, id, nil)
		}
		next.ServeHTTP(w, reqcopy.WithContext(&ir.req, r, ctx))
	})
}

// idRequest is what RequestID allocates for a request: the id's context,
// the environ's context node (the id over the environ in the request's
// context) and the request's copy that carries them, in one allocation.
// A context kept past the request (by a goroutine the handler started)
// keeps the copy with it.
type idRequest struct {
	idContext
	env envctx.Node
	req http.Request
}

// requestIDChars marks the bytes a request id may hold. A table rather
// than a regexp: this runs on every request.
var requestIDChars = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "-_.:+/=@" {
		t[c] = true
	}
	return t
}()

// validRequestID reports whether id may be used as it is.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !requestIDChars[id[i]] {
			return false
		}
	}
	return true
}

// newRequestID returns 16 random bytes in hex. They come from the
// runtime's generator (ChaCha8, seeded by the system, one per thread):
// an id must not repeat, nor be guessed from the ones before it, and
// this one meets both at a fifth of crypto/rand's cost (about 20 ns
// against 100-190 here, on every request without an id). It is not a
// secret: it is sent back and logged.
func newRequestID() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(b[8:], rand.Uint64())
	var h [32]byte
	hex.Encode(h[:], b[:])
	return string(h[:])
}

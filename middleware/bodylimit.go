package middleware

import (
	"net/http"
	"strconv"

	"github.com/gowebob/gowebob/exc"
)

// BodyLimit returns a middleware that bounds request bodies to n bytes.
// A request whose Content-Length is above n gets a 413 Request Entity Too
// Large rendered by exc at once, without calling the handler. Other bodies
// are wrapped with http.MaxBytesReader: reading past n fails with an
// *http.MaxBytesError, which exc.FromError (and so webob.Handle) renders
// as a 413 too. n = 0 allows no body at all.
//
// The handler's request.Request still applies its own Limits, which
// FromHTTP cannot know about: keep Limits.MaxBodyBytes at or above n, or
// the smaller of the two wins.
//
// BodyLimit panics if n is negative.
func BodyLimit(n int64) func(http.Handler) http.Handler {
	if n < 0 {
		panic("middleware: BodyLimit: negative limit " + strconv.FormatInt(n, 10))
	}
	detail := "The request body is larger than the limit of " + strconv.FormatInt(n, 10) + " bytes."
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				exc.Error(w, r, exc.RequestEntityTooLarge(detail))
				return
			}
			if r.Body == nil || r.Body == http.NoBody {
				next.ServeHTTP(w, r)
				return
			}
			r2 := new(http.Request)
			*r2 = *r // a shallow copy: r is not ours to change
			r2.Body = http.MaxBytesReader(w, r.Body, n)
			next.ServeHTTP(w, r2)
		})
	}
}

package middleware

import (
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
)

// MethodOverride is a middleware that lets a POST request stand for PUT,
// PATCH or DELETE, which HTML forms cannot send: the method is taken from
// the X-HTTP-Method-Override header or, when there is none, from the
// _method field of a form body (application/x-www-form-urlencoded or
// multipart/form-data). Any other value, and any other request method,
// leaves the request as it is. Nothing is overridden unless this
// middleware is used.
//
// The handler gets a shallow copy of the request with the new Method. To
// read _method the form body is parsed with request.FromHTTP under
// request.DefaultLimits() (10 MiB; a larger body gets a 413, a malformed one
// a 400, rendered by exc) and the handler gets the buffered body to read
// again; its temporary files are removed when the handler returns.
func MethodOverride(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		m := r.Header.Get("X-HTTP-Method-Override")
		var req *request.Request
		if m == "" && isFormType(r.Header.Get("Content-Type")) {
			req = request.FromHTTP(r, "")
			defer req.Close()
			form, err := req.POST()
			if err != nil {
				exc.Error(w, r, err)
				return
			}
			m = form.Get("_method")
		}
		method, ok := overrideMethod(m)
		if !ok && req == nil {
			next.ServeHTTP(w, r)
			return
		}
		r2 := new(http.Request)
		*r2 = *r // a shallow copy: r is not ours to change
		if ok {
			r2.Method = method
		}
		if req != nil {
			body, err := req.BodyReader()
			if err != nil {
				exc.Error(w, r, err)
				return
			}
			r2.Body = io.NopCloser(body)
		}
		next.ServeHTTP(w, r2)
	})
}

// overrideMethod returns the method m names, in any case, if it is one a
// POST may stand for.
func overrideMethod(m string) (string, bool) {
	for _, allowed := range [...]string{http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if strings.EqualFold(m, allowed) {
			return allowed, true
		}
	}
	return "", false
}

// isFormType reports whether the Content-Type ctype is a form.
func isFormType(ctype string) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	return err == nil && (mt == "application/x-www-form-urlencoded" || mt == "multipart/form-data")
}

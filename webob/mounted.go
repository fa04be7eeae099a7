package webob

import (
	"net/http"
	"strings"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/internal/reqcopy"
	"github.com/gowebob/gowebob/request"
)

// Mounted returns a handler that serves h under prefix, a decoded URL path
// such as "/app": like http.StripPrefix it removes prefix from the URL path
// (requests outside it get the uniform 404), and it adds prefix to the
// SCRIPT_NAME the request carries in its context, so that the Request h
// builds has the right SCRIPT_NAME, application_url and path_url.
func Mounted(prefix string, h http.Handler) http.Handler {
	prefix = strings.TrimSuffix(prefix, "/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok || (rest != "" && rest[0] != '/') {
			notFound(w, r)
			return
		}
		serveMounted(w, r, h, prefix, rest)
	})
}

// notFound writes the uniform 404, rendered for the request's Accept.
func notFound(w http.ResponseWriter, r *http.Request) {
	req := request.FromHTTP(r, "")
	exc.NotFound("").Response(req).Serve(w, req)
}

// serveMounted calls h with a shallow copy of r whose URL path is rest and
// whose context adds script to SCRIPT_NAME.
func serveMounted(w http.ResponseWriter, r *http.Request, h http.Handler, script, rest string) {
	h.ServeHTTP(w, reqcopy.Mount(r, script, rest, nil))
}

package site

import (
	"net/http"
	"time"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/internal/deadline"
	"github.com/gowebob/gowebob/internal/reqcopy"
	"github.com/gowebob/gowebob/request"
)

// limitPage applies the request timeout and the bound on concurrent
// handlers of one page, as a gowebob serve page program does: a request
// waits at most queueTimeout for a turn, then gets a 503 with Retry-After.
func limitPage(h http.Handler, o Options) http.Handler {
	var turns chan struct{}
	if o.MaxRequestsPerPage > 0 {
		turns = make(chan struct{}, o.MaxRequestsPerPage)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if turns != nil {
			select {
			case turns <- struct{}{}:
			default:
				t := time.NewTimer(o.QueueTimeout)
				select {
				case turns <- struct{}{}:
					t.Stop()
				case <-t.C:
					w.Header().Set("Retry-After", "1")
					req := request.FromHTTP(r, "")
					exc.ServiceUnavailable("").Response(req).Serve(w, req)
					return
				case <-r.Context().Done():
					t.Stop()
					return
				}
			}
			defer func() { <-turns }()
		}
		if o.RequestTimeout > 0 {
			// context.WithTimeout, for less (see deadline.Ctx); a
			// deadline after the parent's changes nothing.
			l := new(limited)
			if l.ctx.Init(r.Context(), time.Now().Add(o.RequestTimeout)) {
				defer l.ctx.Release()
				r = reqcopy.WithContext(&l.req, r, &l.ctx)
			}
		}
		h.ServeHTTP(w, r)
	})
}

// limited is a page's request under the request timeout: its deadline
// and the request's copy that carries it, in one allocation where
// deadline.New and r.WithContext made two. A context kept past the
// request (by a goroutine the handler started) keeps the copy with it.
type limited struct {
	ctx deadline.Ctx
	req http.Request
}

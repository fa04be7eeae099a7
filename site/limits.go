package site

import (
	"net/http"
	"time"

	"github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
)

// gatePages is d with each page's turns and metrics: a request to a page
// is counted under the page's name (see metrics.measure), and waits for
// one of the page's o.MaxRequestsPerPage turns, as in a gowebob serve page
// program, at most o.QueueTimeout, then gets a 503 with Retry-After. The
// turn is taken before d hands the request to its page, so that the
// request timeout (d.Timeout) starts after the wait, as in a page program.
func gatePages(d *docroot.Dispatcher, m *metrics, o Options) http.Handler {
	turns := make(map[string]chan struct{}, len(m.pages))
	if o.MaxRequestsPerPage > 0 {
		for file := range m.pages {
			turns[file] = make(chan struct{}, o.MaxRequestsPerPage)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, t := d.Match(r.URL.Path)
		if t.Kind == docroot.Page {
			if rec, ok := w.(*recorder); ok {
				rec.page = m.pages[t.File]
			}
			if c := turns[t.File]; c != nil {
				if !takeTurn(c, w, r, o.QueueTimeout) {
					return
				}
				defer func() { <-c }()
			}
		}
		d.ServeTarget(w, r, t)
	})
}

// takeTurn takes a turn of turns, waiting at most wait, and reports
// whether it did: if not, it answered r with a 503 (nothing when the
// client went away).
func takeTurn(turns chan struct{}, w http.ResponseWriter, r *http.Request, wait time.Duration) bool {
	select {
	case turns <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case turns <- struct{}{}:
		return true
	case <-t.C:
		w.Header().Set("Retry-After", "1")
		req := request.FromHTTP(r, "")
		exc.ServiceUnavailable("").Response(req).Serve(w, req)
	case <-r.Context().Done():
	}
	return false
}

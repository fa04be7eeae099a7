package serve

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/exc"
)

// eventsPing is how often serveEvents writes a comment to an idle stream:
// a client that went away is noticed, and proxies keep the stream open.
const eventsPing = 15 * time.Second

// serveEvents answers devpage.EventsPath (with Dev only): the server-sent
// events of the page named by the query's "page", a file relative to the
// docroot. Each is an event "build" whose data is the build the page now
// shows: its last good build's key, or, when its newest inputs do not
// compile, theirs (its requests get the compile error page). One comes at
// once, when the page has built, and one after every build of the page
// that ends; the live-reload script reloads the document when it differs
// from the build the document came from. A name that is not a page gets
// a 404.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("page")
	if name == "" {
		writeExc(w, r, exc.BadRequest("the page parameter is missing"))
		return
	}
	if !validPageName(name) || !urlmap.PageAt(files{s}, name) {
		s.notFound(w, r)
		return
	}
	p := s.page(name)
	// A stream can open before any request for its page (a browser
	// reconnecting to a restarted server): the page's inputs are read,
	// and built if no program of them is at hand, so that the stream
	// says what the page now is, and the watcher looks after it.
	p.mu.Lock()
	err := s.refreshLocked(p)
	p.mu.Unlock()
	if err != nil {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	// The stream lasts as long as the page is open: the server's write
	// timeout must not cut it.
	rc.SetWriteDeadline(time.Time{})
	w.WriteHeader(http.StatusOK)
	rc.Flush()
	ping := time.NewTicker(eventsPing)
	defer ping.Stop()
	sent := ""
	for {
		p.mu.Lock()
		shown, built := p.shownLocked(s.Dev), p.built
		p.mu.Unlock()
		if shown != "" && shown != sent {
			sent = shown
			if _, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", shown); err != nil {
				return
			}
			rc.Flush()
		}
		select {
		case <-built:
		case <-ping.C:
			if _, err := w.Write([]byte(": ping\n\n")); err != nil {
				return
			}
			rc.Flush()
		case <-r.Context().Done():
			return
		case <-s.streamsEnd:
			return
		}
	}
}

// shownLocked returns the build key of what p's requests get now: the
// key of its inputs that failed to compile (with dev, requests get the
// compiler's errors), else its last good build's; "" before its first
// build ends. p.mu is held.
func (p *page) shownLocked(dev bool) string {
	if p.failed != "" && isBuildError(p.buildErr) && (dev || p.good == "") {
		return p.failed
	}
	return p.good
}

// validPageName reports whether name is a clean docroot-relative path of
// a Go file that no hidden folder holds.
func validPageName(name string) bool {
	if !strings.HasSuffix(name, ".go") {
		return false
	}
	for seg := range strings.SplitSeq(name, "/") {
		if seg == "" || seg == "." || seg == ".." || urlmap.Hidden(seg) {
			return false
		}
	}
	return true
}

// endStreams ends the event streams (see serveEvents): the http.Server is
// shutting down (Serve registers it), or the Server closing.
func (s *Server) endStreams() {
	s.streamsOnce.Do(func() { close(s.streamsEnd) })
}

package serve

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/internal/devpage"
	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/request"
)

// servePage proxies r to the page's program with the environ it must see.
// A request the program did not begin goes to the program that replaces
// it (see maxAttempts).
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, t urlmap.Target) {
	var body outBody
	if err := body.read(r); err != nil {
		s.bodyError(w, r, err)
		return
	}
	p := s.page(t.File)
	c, _, err := s.ready(p)
	if err != nil {
		s.pageError(w, r, t.File, err)
		return
	}
	req := request.FromHTTP(r, "")
	derived := req.Environ
	env := s.targetEnviron(t)
	env["REQUEST_URI"], env["SERVER_PROTOCOL"] = r.RequestURI, r.Proto
	for _, k := range []string{"REMOTE_ADDR", "REMOTE_PORT", "wsgi.url_scheme", "SERVER_NAME", "SERVER_PORT"} {
		if v, ok := derived[k]; ok {
			env[k] = v
		}
	}
	encoded := pageproto.EncodeRoute(&pageproto.Route{Path: r.URL.Path, Environ: env})
	req.Close()
	for attempt := 1; ; attempt++ {
		err = func() error {
			defer c.release()
			return c.forward(w, r, encoded, &body)
		}()
		if !errors.Is(err, errNotStarted) || attempt == maxAttempts || !body.resendable() {
			break
		}
		s.logger().Debug("page program did not begin the request: sending it again", "path", r.URL.Path, "attempt", attempt, "error", err)
		c.awaitExit()
		if c, _, err = s.ready(p); err != nil {
			s.pageError(w, r, t.File, err)
			return
		}
	}
	switch {
	case errors.Is(err, errBody):
		s.bodyError(w, r, err)
	case errors.Is(err, errTimedOut):
		// The program logged it, with the path and the timeout.
		writeExc(w, r, exc.GatewayTimeout(""))
	case errors.Is(err, errNoAnswer), errors.Is(err, errNotStarted):
		// The program most likely died (os.Exit, a crash): the next
		// request starts it again.
		c.awaitExit()
		s.proxyError(w, r, err)
	case err != nil:
		// The answer began: the client must see it cut, not complete
		// (net/http would end a chunked answer properly if the handler
		// returned). The access log has the event, and the program's
		// exit or its timeout the cause: this detail is for debugging.
		s.logger().Debug("page answer not fully sent", "path", r.URL.Path, "error", err)
		panic(http.ErrAbortHandler)
	}
}

// pageError answers a request whose page could not be run.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, page string, err error) {
	var be *BuildError
	switch {
	case errors.Is(err, errNotPage):
		s.notFound(w, r)
	case errors.As(err, &be):
		// buildLoop logged the compiler's output, once.
		if s.Dev {
			f := devpage.NewBuildFailure(page, be.Output, s.readFile)
			devpage.WriteBuildFailure(w, r, f, devpage.Script(page, be.key))
			return
		}
		writeExc(w, r, exc.InternalServerError(""))
	case errors.Is(err, errBackoff):
		var be *backoffError
		wait := time.Second
		if errors.As(err, &be) {
			wait = be.wait
		}
		writeExc(w, r, exc.ServiceUnavailable("").WithHeader("Retry-After", strconv.Itoa(int(max(wait.Round(time.Second), time.Second)/time.Second))))
	case errors.Is(err, errProtocol):
		// Building again cannot help: the program is built against the
		// gowebob the docroot's go.mod requires.
		if s.buildLog.first(page, err.Error()) {
			s.logger().Error("page program speaks another hand-off protocol than this server: make the docroot require this server's gowebob (go get github.com/gowebob/gowebob@VERSION in the docroot)",
				"page", page, "error", err)
		}
		writeExc(w, r, exc.BadGateway(""))
	case errors.Is(err, errChildStart):
		// The program's exit (or its being killed) was logged.
		writeExc(w, r, exc.BadGateway(""))
	default:
		s.logger().Error("page program failed to start", "page", page, "error", err)
		writeExc(w, r, exc.BadGateway(""))
	}
}

// proxyError answers a request the page program did not: it died (os.Exit,
// a crash) or closed the connection. The next request restarts it. A
// request the client abandoned is logged quietly, but still answered: a
// client that only half-closed its connection is still reading.
func (s *Server) proxyError(w http.ResponseWriter, r *http.Request, err error) {
	level := slog.LevelError
	if errors.Is(err, context.Canceled) {
		level = slog.LevelInfo
	}
	s.logger().Log(r.Context(), level, "page program did not answer", "path", r.URL.Path, "error", err)
	writeExc(w, r, exc.BadGateway(""))
}

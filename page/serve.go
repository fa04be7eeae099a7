package page

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/internal/reqcopy"
	"github.com/gowebob/gowebob/webob"
)

// Serve runs app as a page program of gowebob serve, the way mod_wsgi's
// daemon mode runs one script. It answers the connections the server
// lends it (see internal/serve's Server.Serve): the first request of each
// is the one the server routed here, later ones for a URL path the server
// routed here are answered directly while the files that routing depended
// on are unchanged, and any other request goes back to the server with
// its connection; these requests are logged through the server, as its
// RequestID and AccessLog middleware do. The same http.Server, under the
// limits and safety nets the server sets, also answers on the unix socket
// the server names in the environment, for the requests the server
// proxies, with the environ the server decided (SCRIPT_NAME, PATH_INFO,
// REMOTE_ADDR, the scheme) restored for each. It returns when the server
// says stop, or on SIGTERM or SIGINT, once the requests in flight are done
// or the server's shutdown timeout ran out. app is any shape webob.Adapt
// accepts.
//
// A panic the adapter recovers is logged, through slog's default logger,
// at most once per 10 s (the same value raised in the same place again is
// counted, and the count goes on its next record, repeated=N, or is
// logged when the program ends), its stack one frame a line from the
// frame that panicked, with the page's file named as in the docroot. The
// log package and the page's own slog records are left as they were.
//
// The main function gowebob serve generates for a page calls it; it is not
// meant to be called by hand. It exits the process on an error.
func Serve(app any) {
	if err := serve(app); err != nil {
		fmt.Fprintln(os.Stderr, "gowebob page:", err)
		os.Exit(1)
	}
}

func serve(app any) error {
	// The adapter logs the panics it recovers to slog's default logger.
	flushPanics := logPanicsOnce()
	defer flushPanics()
	app, begins := withBegin(app)
	h, err := webob.Adapt(app)
	if err != nil {
		return err
	}
	if !begins {
		h = beginFirst(h)
	}
	if key, dev := os.LookupEnv(pageproto.DevEnv); dev {
		h = newDevHandler(h, os.Getenv(pageproto.PageEnv), key)
	}
	sock := os.Getenv(pageproto.SocketEnv)
	if sock == "" {
		return fmt.Errorf("%s is not set: pages are started by gowebob serve", pageproto.SocketEnv)
	}
	// Listen before saying hello: the server takes the hello for "ready".
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return err
	}
	// The server sends its settings with the hand-off; a system without
	// socket pairs gets proxied requests only, under the defaults.
	var settings pageproto.Settings
	v, lending := os.LookupEnv(pageproto.HandoffEnv)
	if lending {
		if settings, err = pageproto.ParseHandoffValue(v); err != nil {
			return err
		}
	}
	settings = settings.WithDefaults()
	errc := make(chan error, 1)
	var stopped <-chan struct{} // stays nil without hand-off
	var shutdown func(context.Context) error
	if lending {
		lent, err := openLendServer(h, settings)
		if err != nil {
			return err
		}
		// One http.Server, with the server's limits, for the lent
		// connections and the proxied requests.
		go func() { errc <- lent.hs.Serve(ln) }()
		stopped, shutdown = lent.stopped, lent.shutdown
	} else {
		srv := &http.Server{
			Handler:           ProxiedHandler(h),
			ReadHeaderTimeout: settings.ReadHeaderTimeout,
			IdleTimeout:       settings.IdleTimeout,
			MaxHeaderBytes:    settings.MaxHeaderBytes,
		}
		go func() { errc <- srv.Serve(ln) }()
		shutdown = srv.Shutdown
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	case <-stopped:
	}
	done, cancel := context.WithTimeout(context.Background(), settings.ShutdownTimeout)
	defer cancel()
	if err := shutdown(done); err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// beginFirst returns h calling begin first, for an application shape
// withBegin does not know.
func beginFirst(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		begin(r.Context())
		h.ServeHTTP(w, r)
	})
}

// ProxiedHandler restores, for h, the request as gowebob serve received
// it when the server proxied it: the environ values of the Route in the
// proxy's header go into the context (see
// request.NewContextWithEnviron), REMOTE_ADDR and REMOTE_PORT into
// RemoteAddr, and PATH_INFO becomes the URL path, as
// under a mount. A request without the header did not come from the
// server: it gets a 400.
//
// Just before h runs, it sends the interim answer
// pageproto.StartedStatus, with no fields: the server then knows h began
// the request, and does not send it again if the program dies.
func ProxiedHandler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt, err := pageproto.DecodeRoute(r.Header.Get(pageproto.Header))
		if err != nil {
			http.Error(w, "400 Bad Request", http.StatusBadRequest)
			return
		}
		r2 := restore(r, rt.Environ)
		r2.Header = r.Header.Clone()
		r2.Header.Del(pageproto.Header)
		// net/http sends an interim answer at once, with the fields set so
		// far, and keeps them for the final one: none are set here.
		w.WriteHeader(pageproto.StartedStatus)
		h.ServeHTTP(w, r2)
	})
}

// restore returns r as the page must see it: env's values over the
// environ already in r's context (see request.NewContextWithEnviron), and
// the request line as mount sets it.
func restore(r *http.Request, env map[string]string) *http.Request {
	r2 := r.WithContext(withEnviron(r.Context(), env))
	setMount(r2, env, nil)
	return r2
}

// mount returns a copy of r with the request line as a page under a mount
// sees it: REMOTE_ADDR and REMOTE_PORT in RemoteAddr, PATH_INFO as the URL
// path and REQUEST_URI as RequestURI, where env has them.
func mount(r *http.Request, env map[string]string) *http.Request {
	m := new(mountedRequest)
	r2 := reqcopy.WithContext(&m.req, r, r.Context())
	setMount(r2, env, &m.url)
	return r2
}

// mountedRequest is mount's copy of a request and of its URL, in one
// allocation.
type mountedRequest struct {
	req http.Request
	url url.URL
}

// setMount is mount's change, made to r, a copy of the request; u is
// room for the URL's copy (nil: a new one, if one is needed).
func setMount(r *http.Request, env map[string]string, u *url.URL) {
	if addr, ok := env["REMOTE_ADDR"]; ok {
		r.RemoteAddr = net.JoinHostPort(addr, env["REMOTE_PORT"])
	}
	if pi, ok := env["PATH_INFO"]; ok {
		if u == nil {
			u = new(url.URL)
		}
		*u = *r.URL
		u.Path, u.RawPath = pi, ""
		r.URL = u
	}
	if uri, ok := env["REQUEST_URI"]; ok {
		r.RequestURI = uri
	}
}

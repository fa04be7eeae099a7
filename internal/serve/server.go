package serve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/request"
)

// Server serves a docroot. Set the fields, call Open, then use it as an
// http.Handler; Close stops the page programs. The zero value of every field
// is a sane default.
type Server struct {
	// Dev shows compiler errors to the client (a 500 page with the
	// compiler's output); without it the client gets a plain 500 and the
	// output goes to the log.
	Dev bool

	// Idle is how long a page program may go without a request before it is
	// stopped. If zero, 10 minutes.
	Idle time.Duration

	// Logger receives builds, page output and failures. If nil,
	// slog.Default() is used.
	Logger *slog.Logger

	// CacheDir holds built programs, outside the docroot. If empty,
	// os.UserCacheDir()/gowebob (or the temporary directory).
	CacheDir string

	// CacheMaxAge and CacheMaxBytes prune CacheDir, at Open and daily: a
	// program unused for CacheMaxAge is removed (if zero, 7 days; if
	// negative, none for its age), then the least recently used ones while
	// the programs weigh more than CacheMaxBytes (if zero, 2 GiB; if
	// negative, no bound). See pruneCache.
	CacheMaxAge   time.Duration
	CacheMaxBytes int64

	// GoCmd is the go command. If empty, "go".
	GoCmd string

	// BuildTimeout bounds one page build. If zero, 5 minutes.
	BuildTimeout time.Duration

	// Settings are the HTTP server's timeouts and header limit, which page
	// programs apply to the connections Serve lends them, and the safety
	// nets they apply to every request (request timeout, concurrency,
	// recycling). A zero field is gowebob serve's default. A stopped
	// program gets Settings.ShutdownTimeout to finish its requests before
	// it is killed.
	Settings Settings

	// PageMemory bounds the memory of each page program, in bytes: its Go
	// runtime gets GOMEMLIMIT at 90% of it, and the system a hard limit
	// (a cgroup v2 memory.max where the server can make one, else
	// RLIMIT_AS with room for the address space a Go program reserves),
	// past which the program dies: its running requests get a 502, and
	// the next request starts it again. If zero, DefaultPageMemory(); if
	// negative, no bound.
	PageMemory int64

	root        *os.Root
	mod         module
	cacheDir    string
	goVersion   string
	gowebobHash string
	sockDir     string
	sockSeq     int

	mu        sync.Mutex
	pages     map[string]*page
	detected  map[string]detection
	closed    bool
	handbacks *handoff.Listener   // set by Serve
	running   map[*child]struct{} // every program started and not yet exited
	stopJan   chan struct{}
	janDone   chan struct{}
	buildLog  onceLog // which build failures were logged
	pruner    pruneState

	// ctx ends at Close, which stops the builds and program starts under
	// way, then waits for builds (the buildLoops) to end.
	ctx    context.Context
	cancel context.CancelFunc
	builds sync.WaitGroup
}

// page is the state of one page file: its inputs as last seen, its last
// good program (the newest build that succeeded, and the process running
// it), and the build of newer inputs, which runs in the background while
// the last good program answers (see ready and buildLoop).
type page struct {
	rel string // slash-separated, relative to the docroot

	mu    sync.Mutex
	stats []pageproto.Check // the build inputs as they were when key was computed; nil: not read yet
	key   string            // the build key of stats; "" when the file is not a page to build
	src   []byte            // the page's source, as key hashed it

	good  string // the build key of bin; "" when no build succeeded yet
	bin   string
	child *child // running bin, or nil

	building bool          // buildLoop runs
	built    chan struct{} // closed when a build ends (then replaced)
	failed   string        // the build key of the last build that failed, until a build succeeds
	buildErr error         // its error: a *BuildError, or what stopped the build

	crashes crashes // its programs' deaths at start, for the backoff
}

// detection caches detectPage by the file's size and time.
type detection struct {
	stat   pageproto.Check
	isPage bool
}

// Open prepares s to serve dir: it finds the Go module dir belongs to,
// the go command's version and a private directory for sockets.
func (s *Server) Open(ctx context.Context, dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return err
	}
	if s.root, err = os.OpenRoot(abs); err != nil {
		return err
	}
	if s.mod, err = findModule(ctx, s.goCmd(), abs); err != nil {
		return err
	}
	out, err := exec.CommandContext(ctx, s.goCmd(), "env", "GOVERSION").Output()
	if err != nil {
		return fmt.Errorf("serve: running %s env: %w", s.goCmd(), err)
	}
	s.goVersion = strings.TrimSpace(string(out))
	s.gowebobHash = hashTree(s.mod.gowebobDir)
	s.cacheDir = s.CacheDir
	if s.cacheDir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		s.cacheDir = filepath.Join(base, "gowebob")
	}
	if err := os.MkdirAll(s.cacheDir, 0o700); err != nil {
		return err
	}
	if s.sockDir, err = os.MkdirTemp("", "gowebob-sock-"); err != nil {
		return err
	}
	s.pages = make(map[string]*page)
	s.detected = make(map[string]detection)
	s.running = make(map[*child]struct{})
	s.stopJan, s.janDone = make(chan struct{}), make(chan struct{})
	s.ctx, s.cancel = context.WithCancel(context.Background())
	go s.janitor()
	s.pruneCacheIfDue(time.Now())
	return nil
}

func (s *Server) goCmd() string {
	if s.GoCmd != "" {
		return s.GoCmd
	}
	return "go"
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

func (s *Server) idle() time.Duration {
	if s.Idle > 0 {
		return s.Idle
	}
	return 10 * time.Minute
}

// grace is how long a stopped program may take to exit: its shutdown
// timeout, and a little for the exit itself.
func (s *Server) grace() time.Duration {
	return s.Settings.WithDefaults().ShutdownTimeout + 2*time.Second
}

// Dir returns the docroot's absolute path.
func (s *Server) Dir() string { return s.root.Name() }

// stat is files' Stat: os.Root refuses paths, and symlinks, that leave
// the docroot.
func (s *Server) stat(name string) (fs.FileInfo, error) { return s.root.Stat(name) }

// maxPageBytes bounds the source file read to decide whether it is a page.
const maxPageBytes = 4 << 20

// isPage is files' IsPage, caching the answer by the file's size and
// time. A file that has a good program stays a page after an edit that
// made it none: its program answers until it is one again, or deleted.
func (s *Server) isPage(name string, fi fs.FileInfo) bool {
	if !fi.Mode().IsRegular() || fi.Size() > maxPageBytes {
		return false
	}
	st := pageproto.FileCheck(name, fi)
	s.mu.Lock()
	d, ok := s.detected[name]
	p := s.pages[name]
	s.mu.Unlock()
	if !ok || d.stat != st {
		src, err := s.readFile(name)
		d = detection{stat: st, isPage: err == nil && detectPage(src).isPage}
		s.mu.Lock()
		s.detected[name] = d
		s.mu.Unlock()
	}
	if d.isPage || p == nil {
		return d.isPage
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.good != ""
}

func (s *Server) readFile(name string) ([]byte, error) {
	f, err := s.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxPageBytes))
}

// ServeHTTP answers a request: a page through its program, a static file
// directly, anything else with the uniform 404.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Serve's hand-over resolved the path already, and tried the page.
	res, ok := r.Context().Value(resolvedKey{}).(*resolved)
	if !ok {
		res = &resolved{t: urlmap.Resolve(files{s}, r.URL.Path)}
	}
	t := res.t
	switch t.Kind {
	case urlmap.Page:
		if res.err != nil {
			s.pageError(w, r, t.File, res.err)
			return
		}
		s.servePage(w, r, t)
	case urlmap.Static:
		s.serveStatic(w, r, t.File)
	default:
		s.notFound(w, r)
	}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	writeExc(w, r, exc.NotFound(""))
}

func writeExc(w http.ResponseWriter, r *http.Request, e *exc.HTTPError) {
	req := request.FromHTTP(r, "")
	e.Response(req).Serve(w, req)
}

func (s *Server) page(rel string) *page {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pages[rel]
	if !ok {
		p = &page{rel: rel, built: make(chan struct{})}
		s.pages[rel] = p
	}
	return p
}

// errNotPage is a page that stopped being one between resolving and
// building (deleted, or its Application removed before it ever built).
var errNotPage = errors.New("serve: not a page")

// ready returns the page's running program with the request counted in,
// and the page's build inputs as they are now (see handOff for why these).
// When an input changed, the new version is built in the background (see
// buildLoop), and the last good program answers until its successor is
// built and started: only a page that never built yet makes requests wait,
// for one build. The last good program also answers when the new version
// does not compile (with Dev the request gets the compiler's error
// instead: the developer wants to see it) or stopped being a page. A
// program that died or was stopped is started again.
func (s *Server) ready(p *page) (*child, []pageproto.Check, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if (p.child == nil || !p.child.alive()) && programMissing(p.bin) {
		// Pruned from the cache: build it again.
		p.stats, p.good, p.bin = nil, "", ""
	}
	if p.failed != "" && !isBuildError(p.buildErr) {
		p.failed, p.buildErr = "", nil // not the page's fault: try again
	}
	for waited := false; ; waited = true {
		if err := s.refreshLocked(p); err != nil {
			return nil, nil, err
		}
		if p.key == "" && p.good == "" {
			return nil, nil, errNotPage
		}
		if p.key != "" && p.key == p.failed && (p.good == "" || s.Dev && isBuildError(p.buildErr)) {
			return nil, nil, p.buildErr
		}
		if p.good != "" {
			break
		}
		// The first build: wait for it, once.
		if waited && p.buildErr != nil {
			return nil, nil, p.buildErr
		}
		if !p.building {
			return nil, nil, http.ErrServerClosed // no build starts after Close
		}
		built := p.built
		p.mu.Unlock()
		<-built
		p.mu.Lock()
	}
	if p.child == nil || !p.child.alive() || p.child.key != p.good || p.child.retiring.Load() {
		if wait := p.backoffLocked(time.Now()); wait > 0 {
			return nil, nil, &backoffError{wait: wait}
		}
		c, err := s.launch(p.rel, p.good, p.bin)
		if err != nil {
			return nil, nil, err
		}
		if old := p.child; old != nil {
			go old.stop(s.grace())
		}
		p.child = c
	}
	p.child.acquire()
	return p.child, p.stats, nil
}

// launch starts the program bin, built from key, of the page rel.
func (s *Server) launch(rel, key, bin string) (*child, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, http.ErrServerClosed
	}
	s.sockSeq++
	sock := filepath.Join(s.sockDir, fmt.Sprintf("%s-%d.sock", shortHash(rel), s.sockSeq))
	s.mu.Unlock()
	markUsed(bin)
	c, err := startChild(s.ctx, childSpec{
		bin: bin, key: key, sock: sock, page: rel, dir: filepath.Dir(s.abs(rel)),
		env: append(os.Environ(), pageproto.SocketEnv+"="+sock), log: s.logger(),
		handOff: s.lending(), settings: s.Settings, sockDir: s.sockDir, memory: s.pageMemory(),
		back: s.handback, recycle: s.recycle, exit: s.exited,
	})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if c.alive() { // else exited has run already
		s.running[c] = struct{}{}
	}
	s.mu.Unlock()
	return c, nil
}

func (s *Server) buildTimeout() time.Duration {
	if s.BuildTimeout > 0 {
		return s.BuildTimeout
	}
	return 5 * time.Minute
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

// targetEnviron returns the environ keys that the mapping of a URL to the
// page t gives: SCRIPT_NAME, PATH_INFO, SCRIPT_FILENAME and DOCUMENT_ROOT.
func (s *Server) targetEnviron(t urlmap.Target) map[string]string {
	return map[string]string{
		"SCRIPT_NAME":     t.ScriptName,
		"PATH_INFO":       t.PathInfo,
		"SCRIPT_FILENAME": s.abs(t.File),
		"DOCUMENT_ROOT":   s.root.Name(),
	}
}

// abs returns the absolute path of the docroot file rel (slash-separated).
func (s *Server) abs(rel string) string {
	return filepath.Join(s.root.Name(), filepath.FromSlash(rel))
}

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
	encoded := pageproto.Encode(env)
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
	case errors.Is(err, errNoAnswer), errors.Is(err, errNotStarted):
		// The program most likely died (os.Exit, a crash): the next
		// request starts it again.
		c.awaitExit()
		s.proxyError(w, r, err)
	case err != nil:
		s.logger().Info("page answer not fully sent", "path", r.URL.Path, "error", err)
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
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><title>500 Build failed</title></head><body>\n<h1>%s does not compile</h1>\n<pre>%s</pre>\n</body></html>\n",
				html.EscapeString(page), html.EscapeString(be.Output))
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

// janitor runs once a second: it stops page programs idle for longer
// than Idle, closes the server's descriptors of the connections programs
// ended, and kills a program whose handler outlived the request timeout
// by far (the program's own timeout should have recycled it: it is stuck
// beyond what its runtime can do).
func (s *Server) janitor() {
	defer close(s.janDone)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	stuck := s.Settings.WithDefaults().RequestTimeout
	if stuck > 0 {
		stuck += 10 * time.Second
	}
	for {
		select {
		case <-s.stopJan:
			return
		case now := <-t.C:
			s.pruneCacheIfDue(now)
			for _, p := range s.pageList() {
				p.mu.Lock()
				if p.good != "" {
					// A page deleted while no request came for it: requests
					// for it get the 404 without asking for the page.
					if _, err := s.stat(p.rel); errors.Is(err, fs.ErrNotExist) {
						s.forgetLocked(p)
					}
				}
				c := p.child
				if c != nil && c.idleSince(now) > s.idle() {
					p.child = nil
					go c.stop(s.grace())
					s.logger().Info("stopped idle page program", "page", p.rel)
				}
				p.mu.Unlock()
			}
			for _, c := range s.children() {
				if c.lender == nil {
					continue
				}
				c.lender.Sweep()
				if oldest := c.lender.OldestBusy(); stuck > 0 && oldest != 0 && now.Sub(time.Unix(0, oldest)) > stuck {
					s.logger().Error("page program stuck past the request timeout: killed", "page", c.page)
					c.retiring.Store(true)
					c.kill()
				}
			}
		}
	}
}

// children returns every running program, current or stopping.
func (s *Server) children() []*child {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*child, 0, len(s.running))
	for c := range s.running {
		out = append(out, c)
	}
	return out
}

func (s *Server) pageList() []*page {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*page, 0, len(s.pages))
	for _, p := range s.pages {
		out = append(out, p)
	}
	return out
}

// Preload builds every page of the docroot and starts its program, as
// mod_wsgi's WSGIImportScript does. It returns the first build error, after
// trying every page.
func (s *Server) Preload() error {
	var first error
	fs.WalkDir(s.root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if name != "." && urlmap.Hidden(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || urlmap.Hidden(path.Base(name)) || !urlmap.PageAt(files{s}, name) {
			return nil
		}
		c, _, err := s.ready(s.page(name))
		if err != nil {
			if first == nil {
				first = err
			}
			return nil
		}
		c.release()
		return nil
	})
	return first
}

// Close stops every page program (letting each finish its requests) and
// removes the sockets. It does not close the listener: shut the
// http.Server down first.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	close(s.stopJan)
	<-s.janDone
	// A build that ends now may start a program: wait for it, so that it
	// is stopped below with the others.
	s.cancel()
	s.builds.Wait()
	var wg sync.WaitGroup
	for _, p := range s.pageList() {
		p.mu.Lock()
		if c := p.child; c != nil {
			p.child = nil
			wg.Add(1)
			go func() { defer wg.Done(); c.stop(s.grace()) }()
		}
		p.mu.Unlock()
	}
	wg.Wait()
	s.root.Close()
	return os.RemoveAll(s.sockDir)
}

package serve

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/internal/devpage"
	"github.com/gowebob/gowebob/internal/fswatch"
	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/request"
)

// Server serves a docroot. Set the fields, call Open, then use it as an
// http.Handler; Close stops the page programs. The zero value of every field
// is a sane default.
type Server struct {
	// Dev is for a developer's machine: a page that does not compile
	// answers with the compiler's errors, each with the source around it
	// (see internal/devpage), a page's panic with its value, stack, source
	// and request, and HTML answers carry a script that reloads the page
	// when a build of it ends (the server-sent events at
	// devpage.EventsPath). Without it the client gets a plain 500, the
	// compiler's output and the panic go to the log, and nothing is added
	// to any answer.
	Dev bool

	// Idle is how long a page program may go without a request before it is
	// stopped. If zero, 10 minutes.
	Idle time.Duration

	// Logger receives builds, page output and failures. If nil,
	// slog.Default() is used.
	Logger *slog.Logger

	// LogBatch, if set, holds the writer beneath Logger's handler while
	// the log records a page program sent together (its access log lines,
	// dozens at a time under load) are logged, so that they go out in one
	// write (see internal/logbatch).
	LogBatch interface {
		Hold()
		Release()
	}

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
	givenBack *handoff.Listener   // set by Serve
	running   map[*child]struct{} // every program started and not yet exited
	stopJan   chan struct{}
	janDone   chan struct{}
	watcher   *fswatch.Watcher // the folders of the pages' build inputs (see watchInputs)
	watchDone chan struct{}
	buildLog  onceLog // which build failures were logged
	fast      fastState
	pruner    pruneState

	streamsEnd  chan struct{} // closed when the event streams must end (see endStreams)
	streamsOnce sync.Once

	// ctx ends at Close, which stops the builds and program starts under
	// way, then waits for builds (the buildLoops) to end.
	ctx    context.Context
	cancel context.CancelFunc
	builds sync.WaitGroup
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
	s.watcher, s.watchDone = fswatch.New(), make(chan struct{})
	s.streamsEnd = make(chan struct{})
	s.ctx, s.cancel = context.WithCancel(context.Background())
	go s.janitor()
	go s.watchInputs()
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

// ServeHTTP answers a request: a page through its program, a static file
// directly, anything else with the uniform 404.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.Dev && r.URL.Path == devpage.EventsPath {
		s.serveEvents(w, r)
		return
	}
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

// targetEnviron returns the environ keys that the mapping of a URL to the
// page t gives: SCRIPT_NAME, PATH_INFO, SCRIPT_FILENAME, DOCUMENT_ROOT and
// how the page is run (urlmap.SetPageEnviron).
func (s *Server) targetEnviron(t urlmap.Target) map[string]string {
	env := request.Environ{
		"SCRIPT_NAME":     t.ScriptName,
		"PATH_INFO":       t.PathInfo,
		"SCRIPT_FILENAME": s.abs(t.File),
		"DOCUMENT_ROOT":   s.root.Name(),
	}
	urlmap.SetPageEnviron(env, t.File)
	return env
}

// abs returns the absolute path of the docroot file rel (slash-separated).
func (s *Server) abs(rel string) string {
	return filepath.Join(s.root.Name(), filepath.FromSlash(rel))
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
	s.endStreams()
	close(s.stopJan)
	<-s.janDone
	<-s.watchDone
	s.watcher.Close()
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

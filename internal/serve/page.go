package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/internal/pageproto"
)

// page is the state of one page file: its inputs as last seen, its last
// good program (the newest build that succeeded, and the process running
// it), and the build of newer inputs, which runs in the background while
// the last good program answers (see ready and buildLoop).
type page struct {
	rel string // slash-separated, relative to the docroot

	mu    sync.Mutex
	stats []pageproto.Check // the build inputs as they were when key was computed; nil: not read yet
	// statsGen is the watcher's generation at which the inputs were last
	// found as stats has them (0: not since stats were taken).
	statsGen uint64
	key      string // the build key of stats; "" when the file is not a page to build
	src      []byte // the page's source, as key hashed it

	good  string // the build key of bin; "" when no build succeeded yet
	bin   string
	child *child // running bin, or nil

	building bool          // buildLoop runs
	built    chan struct{} // closed when a build ends (then replaced)
	failed   string        // the build key of the last build that failed, until a build succeeds
	buildErr error         // its error: a *BuildError, or what stopped the build

	crashes crashes // its programs' deaths at start, for the backoff
}

// errNotPage is a page that stopped being one between resolving and
// building (deleted, or its Application removed before it ever built).
var errNotPage = errors.New("serve: not a page")

// ready returns the page's running program with the request counted in,
// and the page's build inputs as they are now (see lend for why these).
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
	env := append(os.Environ(), pageproto.SocketEnv+"="+sock)
	if s.Dev {
		env = append(env, pageproto.DevEnv+"="+key)
	}
	c, err := startChild(s.ctx, childSpec{
		bin: bin, key: key, sock: sock, page: rel, dir: filepath.Dir(s.abs(rel)),
		env: env, log: s.logger(), logBatch: s.LogBatch,
		settings: s.Settings, sockDir: s.sockDir, memory: s.pageMemory(),
		back: s.takeBack, recycle: s.recycle, exit: s.exited,
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

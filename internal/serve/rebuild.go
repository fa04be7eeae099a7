package serve

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
)

// refreshLocked brings p's view of its inputs up to date: when one changed
// since stats were taken (or none were), it reads the page again and
// computes its build key. Then, when the key is neither the last good
// build's nor one that failed, it starts a build in the background
// (buildLoop), unless one runs already: that one builds again when it ends.
// A file that is gone makes p forget its program (see forgetLocked), and
// gives errNotPage. p.mu is held.
func (s *Server) refreshLocked(p *page) error {
	if p.stats == nil || !s.inputsHoldLocked(p, s.watcher.Ticket()) {
		src, err := s.readFile(p.rel)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				s.forgetLocked(p)
			}
			return errNotPage
		}
		info := detectPage(src)
		stats := s.inputs(p.rel, src, info)
		key := ""
		// A page that no longer parses is built all the same, for its
		// compiler errors. One that parses and is no page (its Application
		// gone or changed) is not: its program would not start; the last
		// good one answers for it.
		if info.isPage || !info.parses && p.good != "" {
			if key, err = s.buildKey(p.rel, stats); err != nil {
				return err
			}
		}
		p.stats, p.key, p.src, p.statsGen = stats, key, src, 0
		// From now on a change to an input starts its build at once (see
		// watchInputs).
		paths := make([]string, len(stats))
		for i, st := range stats {
			paths[i] = st.Path
		}
		s.watcher.Add(paths...)
	}
	if p.key != "" && p.key != p.good && p.key != p.failed && !p.building {
		s.mu.Lock()
		// Close waits for the builds that started; none starts after it.
		if !s.closed {
			p.building = true
			s.builds.Add(1)
			go s.buildLoop(p)
		}
		s.mu.Unlock()
	}
	return nil
}

// buildLoop builds p in the background, one build at a time, until its
// last good program is the one of its newest inputs, or their build
// failed: inputs that changed while a build ran are built when it ends
// (the edits in between are skipped). A build that succeeds is started
// before it replaces the program that answered until then, which is
// stopped as a reload stops it: it finishes its requests and gives its
// idle connections back. A build that fails leaves that program be, and
// its compiler output is logged once (see onceLog).
func (s *Server) buildLoop(p *page) {
	defer s.builds.Done()
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		key, src, stats := p.key, p.src, p.stats
		if key == "" || key == p.good || key == p.failed || s.ctx.Err() != nil {
			p.building = false
			return
		}
		p.mu.Unlock()
		ctx, cancel := context.WithTimeout(s.ctx, s.buildTimeout())
		bin, learn, err := s.build(ctx, key, p.rel, src, stats)
		cancel()
		var c *child
		if err == nil {
			// A program that does not start is still the newest that
			// built: the next request starts it again, as it would the
			// one it replaces, and its crashes back off.
			var startErr error
			// A program that exited at start was logged by its exit.
			if c, startErr = s.launch(p.rel, key, bin); startErr != nil && !errors.Is(startErr, http.ErrServerClosed) && !errors.Is(startErr, errChildStart) {
				s.logger().Error("page program failed to start", "page", p.rel, "error", startErr)
			}
		}
		if err != nil && s.ctx.Err() != nil {
			err = http.ErrServerClosed // Close stopped the build
		}
		p.mu.Lock()
		switch {
		case err != nil:
			p.failed, p.buildErr = key, err
			if c := p.child; s.Dev && isBuildError(err) && c != nil {
				// With Dev the page's requests get the compiler's error
				// now, but the connections lent to the last good program
				// meanwhile carry routes that still hold: stopped, it gives
				// them back. It starts again for the next version.
				p.child = nil
				go c.stop(s.grace())
			}
			var be *BuildError
			if errors.As(err, &be) {
				if s.buildLog.first(p.rel, key) {
					s.logger().Error("page does not compile", "page", p.rel, "output", be.Output)
				}
			} else if !errors.Is(err, http.ErrServerClosed) {
				s.logger().Error("page build failed", "page", p.rel, "error", err)
			}
		default:
			if old := p.child; old != nil {
				go old.stop(s.grace())
			}
			p.good, p.bin, p.child = key, bin, c
			p.failed, p.buildErr = "", nil
		}
		close(p.built)
		p.built = make(chan struct{})
		if learn != nil {
			// Now that the requests waiting for the build go on, and
			// before a next build, which waits for it.
			learn()
		}
		// The inputs may have changed meanwhile; a page deleted meanwhile
		// loses the program just started.
		s.refreshLocked(p)
	}
}

// forgetLocked stops p's program and forgets its builds: its file is gone.
// A file of the same name later is a new page, whose first build makes
// requests wait. p.mu is held.
func (s *Server) forgetLocked(p *page) {
	if c := p.child; c != nil {
		go c.stop(s.grace())
		s.logger().Info("stopped page program: its file was removed", "page", p.rel)
	}
	p.stats, p.key, p.src = nil, "", nil
	p.good, p.bin, p.child = "", "", nil
	p.failed, p.buildErr = "", nil
}

// isBuildError reports whether err is a page that does not compile,
// rather than a build that could not run.
func isBuildError(err error) bool {
	var be *BuildError
	return errors.As(err, &be)
}

// inputsHoldLocked reports whether p's inputs are as p.stats has them. A
// stat of each (three for a page, a new connection's) is needed only when
// the watcher saw a change in their folders since they last held, asked
// for the changes made before ticket (taken once the request came: see
// fswatch.Watcher.GenerationSince). p.mu is held.
func (s *Server) inputsHoldLocked(p *page, ticket uint64) bool {
	// A watcher that reports nothing gives a new generation at every
	// call: the stats are taken every time.
	gen := s.watcher.GenerationSince(ticket)
	if p.statsGen == gen {
		return true
	}
	if !unchanged(p.stats) {
		return false
	}
	// The folders were watched (refreshLocked added them) before gen was
	// read, and the stats, taken after, held: nothing changed up to gen.
	p.statsGen = gen
	return true
}

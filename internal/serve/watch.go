package serve

import (
	"time"
)

// Polling periods of watchInputs: a system that reports changes (inotify)
// is asked often, which costs one read; one that does not makes every
// poll stat every input of every page, so it is asked rarely.
const (
	watchPoll     = 10 * time.Millisecond
	watchPollSlow = 500 * time.Millisecond
	// watchSettle is how long the files must stay still before the pages
	// are read again: an editor's save is a burst of events (truncate,
	// write, rename), and a build of half a file is a wasted build.
	watchSettle = 15 * time.Millisecond
	// watchSettleMax bounds the wait for a burst to end.
	watchSettleMax = 300 * time.Millisecond
)

// watchInputs starts the build of a page as soon as one of its inputs
// changes, rather than at its next request: the folders of every page's
// inputs are watched (refreshLocked adds them), and when the system
// reports a change there, every page seen so far is refreshed, which
// starts the build of those whose inputs changed (see refreshLocked: the
// last good program answers meanwhile). It ends at Close.
func (s *Server) watchInputs() {
	defer close(s.watchDone)
	period := watchPoll
	if !s.watcher.Reports() {
		period = watchPollSlow
	}
	t := time.NewTicker(period)
	defer t.Stop()
	gen := s.watcher.Generation()
	for {
		select {
		case <-s.stopJan:
			return
		case <-t.C:
		}
		g := s.watcher.Generation()
		if g == gen {
			continue
		}
		gen = s.settle(g)
		for _, p := range s.pageList() {
			p.mu.Lock()
			if p.stats != nil {
				s.refreshLocked(p)
			}
			p.mu.Unlock()
		}
	}
}

// settle waits until the watcher reports nothing new for watchSettle (at
// most watchSettleMax), and returns its generation then.
func (s *Server) settle(gen uint64) uint64 {
	if !s.watcher.Reports() {
		return gen
	}
	deadline := time.Now().Add(watchSettleMax)
	for time.Now().Before(deadline) {
		select {
		case <-s.stopJan:
			return gen
		case <-time.After(watchSettle):
		}
		g := s.watcher.Generation()
		if g == gen {
			break
		}
		gen = g
	}
	return gen
}

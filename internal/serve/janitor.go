package serve

import (
	"errors"
	"io/fs"
	"time"
)

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

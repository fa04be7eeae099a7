package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// The cache holds a program per build key in bin/KEY, and a work/KEY
// directory while a build runs. A program's modification time is the last
// time it was used: build touches it when it finds it cached, ready when it
// starts it, and pruneCache, once a day, for the programs the pages of the
// Server refer to.

const (
	// defaultCacheMaxAge is Server.CacheMaxAge's default.
	defaultCacheMaxAge = 7 * 24 * time.Hour
	// defaultCacheMaxBytes is Server.CacheMaxBytes's default.
	defaultCacheMaxBytes = 2 << 30
	// recentUse is how long after its last use a program is kept whatever
	// the cache's size: another gowebob serve sharing the cache may be
	// running it.
	recentUse = time.Hour
	// staleWork is the age of a work directory no build uses any more
	// (builds take minutes, BuildTimeout bounds them): one left by a
	// gowebob serve that was killed while building.
	staleWork = 24 * time.Hour
	// pruneEvery is how often a Server prunes its cache.
	pruneEvery = 24 * time.Hour
)

// cachePolicy is what pruneCache removes.
type cachePolicy struct {
	maxAge   time.Duration // programs unused for longer go; none for their age if negative
	maxBytes int64         // beyond it, the least recently used programs go; no bound if negative
}

// cachePolicy returns the policy of s's fields, defaults filled in.
func (s *Server) cachePolicy() cachePolicy {
	p := cachePolicy{maxAge: s.CacheMaxAge, maxBytes: s.CacheMaxBytes}
	if p.maxAge == 0 {
		p.maxAge = defaultCacheMaxAge
	}
	if p.maxBytes == 0 {
		p.maxBytes = defaultCacheMaxBytes
	}
	return p
}

// markUsed records that the program bin is used now, for pruneCache.
func markUsed(bin string) {
	now := time.Now()
	_ = os.Chtimes(bin, now, now) // a program gone since is built again
}

// programMissing reports whether the program bin is no longer in the
// cache: a prune removed it, or someone emptied the cache. Its page must
// be built again.
func programMissing(bin string) bool {
	if bin == "" {
		return false
	}
	_, err := os.Stat(bin)
	return errors.Is(err, fs.ErrNotExist)
}

// cachedProgram is a program in the cache.
type cachedProgram struct {
	path  string
	size  int64
	mtime time.Time
}

// pruneResult is what pruneCache removed.
type pruneResult struct {
	programs int   // programs removed
	bytes    int64 // their size
	work     int   // stale work directories removed
}

// pruneCache removes from the cache dir the programs not used within
// pol.maxAge; then, while the programs left weigh more than pol.maxBytes,
// the least recently used ones, except those used within recentUse; then
// the work directories older than staleWork. It never removes a program in
// keep (the ones a Server's pages refer to, which may be running). It goes
// on past an error, and returns the first.
func pruneCache(dir string, pol cachePolicy, now time.Time, keep map[string]bool) (pruneResult, error) {
	var res pruneResult
	var first error
	note := func(err error) {
		if err != nil && first == nil && !errors.Is(err, fs.ErrNotExist) {
			first = err
		}
	}
	progs, err := listPrograms(filepath.Join(dir, "bin"))
	note(err)
	var total int64
	for _, p := range progs {
		total += p.size
	}
	remove := func(p cachedProgram) {
		if removeUnused(p) {
			res.programs++
			res.bytes += p.size
			total -= p.size
		}
	}
	// Oldest first: the order of removal beyond the size bound.
	sort.Slice(progs, func(i, j int) bool { return progs[i].mtime.Before(progs[j].mtime) })
	var left []cachedProgram
	for _, p := range progs {
		switch {
		case keep[p.path]:
		case pol.maxAge >= 0 && now.Sub(p.mtime) > pol.maxAge:
			remove(p)
		default:
			left = append(left, p)
		}
	}
	for _, p := range left {
		if pol.maxBytes < 0 || total <= pol.maxBytes {
			break
		}
		if now.Sub(p.mtime) >= recentUse {
			remove(p)
		}
	}
	n, err := removeStaleWork(filepath.Join(dir, "work"), now)
	res.work = n
	note(err)
	return res, first
}

// listPrograms returns the programs in the cache's bin directory.
func listPrograms(bin string) ([]cachedProgram, error) {
	entries, err := os.ReadDir(bin)
	var progs []cachedProgram
	for _, e := range entries {
		info, ierr := e.Info()
		if ierr != nil || !info.Mode().IsRegular() {
			continue
		}
		progs = append(progs, cachedProgram{path: filepath.Join(bin, e.Name()), size: info.Size(), mtime: info.ModTime()})
	}
	return progs, err
}

// removeUnused removes the program p unless it was used since it was
// listed, and reports whether it did.
func removeUnused(p cachedProgram) bool {
	info, err := os.Stat(p.path)
	if err != nil || !info.ModTime().Equal(p.mtime) {
		return false
	}
	return os.Remove(p.path) == nil
}

// removeStaleWork removes the work directories older than staleWork.
func removeStaleWork(work string, now time.Time) (int, error) {
	entries, err := os.ReadDir(work)
	n := 0
	for _, e := range entries {
		info, ierr := e.Info()
		if ierr != nil || now.Sub(info.ModTime()) <= staleWork {
			continue
		}
		if os.RemoveAll(filepath.Join(work, e.Name())) == nil {
			n++
		}
	}
	return n, err
}

// pruneState runs one pruneCache at a time, once every pruneEvery.
type pruneState struct {
	mu      sync.Mutex
	last    time.Time // when the last prune started
	running bool
}

// due reports whether a prune should start at now, and if so records that
// it started.
func (p *pruneState) due(now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.running || !p.last.IsZero() && now.Sub(p.last) < pruneEvery {
		return false
	}
	p.last, p.running = now, true
	return true
}

func (p *pruneState) done() {
	p.mu.Lock()
	p.running = false
	p.mu.Unlock()
}

// pruneCacheIfDue prunes the cache in the background when a day has passed
// since the last prune, or at the first call (from Open).
func (s *Server) pruneCacheIfDue(now time.Time) {
	if !s.pruner.due(now) {
		return
	}
	go func() {
		defer s.pruner.done()
		s.pruneCache()
	}()
}

// pruneCache marks the programs s's pages refer to as used, and prunes the
// cache around them.
func (s *Server) pruneCache() {
	keep := make(map[string]bool)
	for _, p := range s.pageList() {
		p.mu.Lock()
		// A build under way is not listed: its program is new, and a
		// program used within the hour is never pruned.
		if p.bin != "" {
			keep[p.bin] = true
			markUsed(p.bin)
		}
		p.mu.Unlock()
	}
	res, err := pruneCache(s.cacheDir, s.cachePolicy(), time.Now(), keep)
	if err != nil {
		s.logger().Warn("pruning the build cache", "dir", s.cacheDir, "error", err)
	}
	if res.programs > 0 || res.work > 0 {
		s.logger().Info("pruned the build cache", "dir", s.cacheDir, "programs", res.programs, "bytes", res.bytes, "work_dirs", res.work)
	}
}

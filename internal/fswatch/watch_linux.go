//go:build linux

package fswatch

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
)

// Watcher watches folders with inotify. The zero value is not usable: use
// New.
type Watcher struct {
	mu     sync.Mutex
	fd     int
	broken bool // a watch could not be added: every call is a change
	gen    uint64
	buf    [4096]byte
	// added holds the paths Add watched, with the generation then: a
	// path added again with nothing changed since is not looked at again
	// (a page program adds its route's paths for every connection lent to
	// it: ten system calls each, a sixth of a new connection's cost).
	added map[string]uint64

	// A read of the queue takes a ticket as it begins, and stores it in
	// checked, with the generation it saw in seen, when it ends:
	// GenerationSince needs no read of its own when one began after its
	// ticket.
	tickets atomic.Uint64
	checked atomic.Uint64
	seen    atomic.Uint64
}

// maxAdded bounds added: past it, it starts again empty.
const maxAdded = 4096

// mask is every change to a folder's entries or to a file in it.
const mask = syscall.IN_MODIFY | syscall.IN_ATTRIB | syscall.IN_CLOSE_WRITE | syscall.IN_CREATE |
	syscall.IN_DELETE | syscall.IN_DELETE_SELF | syscall.IN_MOVE_SELF | syscall.IN_MOVED_FROM | syscall.IN_MOVED_TO

// New returns a Watcher with nothing watched.
func New() *Watcher {
	fd, err := syscall.InotifyInit1(syscall.IN_NONBLOCK | syscall.IN_CLOEXEC)
	if err != nil {
		return &Watcher{fd: -1, broken: true, gen: 1}
	}
	return &Watcher{fd: fd, gen: 1}
}

// Close releases the watches. Generation then reports a change at every
// call.
func (w *Watcher) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fd < 0 {
		return nil
	}
	err := syscall.Close(w.fd)
	w.fd, w.broken = -1, true
	return err
}

// Add watches what a change to each path would show in: its folder (the
// nearest one that exists), the path itself when it is a folder, and the
// folder of its target when it is a symlink. One read of the queue
// answers for every path (a page program adds a route's five or so paths
// for every connection lent to it).
func (w *Watcher) Add(paths ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.broken {
		return
	}
	gen := w.readLocked()
	for _, path := range paths {
		w.addLocked(path, gen)
	}
}

// addLocked is Add of one path, at generation gen; w.mu is held.
func (w *Watcher) addLocked(path string, gen uint64) {
	if g, ok := w.added[path]; ok && g == gen {
		return
	}
	if w.added == nil || len(w.added) >= maxAdded {
		w.added = make(map[string]uint64)
	}
	w.added[path] = gen
	if fi, err := os.Lstat(path); err == nil {
		if fi.IsDir() {
			w.watch(path)
		}
		if fi.Mode()&os.ModeSymlink != 0 {
			if target, err := filepath.EvalSymlinks(path); err == nil {
				w.watch(filepath.Dir(target))
				if tfi, err := os.Stat(target); err == nil && tfi.IsDir() {
					w.watch(target)
				}
			}
		}
	}
	dir := filepath.Dir(path)
	for {
		if _, err := os.Stat(dir); err == nil {
			w.watch(dir)
			return
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return
		}
		dir = parent
	}
}

// watch adds a watch on dir every time: the kernel keeps one per folder,
// and a folder removed and made again needs a new one.
func (w *Watcher) watch(dir string) {
	if _, err := syscall.InotifyAddWatch(w.fd, dir, mask); err != nil {
		w.broken = true
	}
}

// Reports reports whether the system reports changes: when it does not
// (no inotify, or a watch could not be added), every Generation is new,
// and a caller that polls it should poll slowly.
func (w *Watcher) Reports() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return !w.broken
}

// Generation returns a number that differs from the last call's when a
// watched folder may have changed since: it reads the events the system
// queued, without waiting.
func (w *Watcher) Generation() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.readLocked()
}

// Ticket returns the moment it is called, for GenerationSince.
func (w *Watcher) Ticket() uint64 { return w.tickets.Load() }

// GenerationSince is Generation, but reads the system's queue only if no
// read of it began after ticket t was taken (Ticket): a change made
// before t is seen all the same, since the system queues its event before
// the call that made it returns. A page program takes a ticket when the
// bytes of a request arrive, and its requests, checked one after the
// other, share most reads.
func (w *Watcher) GenerationSince(t uint64) uint64 {
	if w.checked.Load() > t {
		return w.seen.Load()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	// The read just done under the lock may have begun after t.
	if w.checked.Load() > t {
		return w.seen.Load()
	}
	return w.readLocked()
}

// readLocked is Generation with w.mu held.
func (w *Watcher) readLocked() uint64 {
	if w.broken {
		w.gen++
		return w.gen
	}
	ticket := w.tickets.Add(1)
	for {
		n, err := syscall.Read(w.fd, w.buf[:])
		if n <= 0 || err != nil {
			if err != nil && err != syscall.EAGAIN && err != syscall.EINTR {
				w.broken = true
				w.gen++
				return w.gen
			}
			// seen before checked: who sees the ticket sees its
			// generation or a later one.
			w.seen.Store(w.gen)
			w.checked.Store(ticket)
			return w.gen
		}
		w.gen++
	}
}

//go:build !linux

package fswatch

import "sync/atomic"

// Watcher has no system reports here: every Generation is new.
type Watcher struct{ gen atomic.Uint64 }

// New returns a Watcher.
func New() *Watcher { return &Watcher{} }

// Add does nothing here.
func (w *Watcher) Add(paths ...string) {}

// Generation returns a new number at every call.
func (w *Watcher) Generation() uint64 { return w.gen.Add(1) }

// Ticket returns 0 here: GenerationSince reads nothing.
func (w *Watcher) Ticket() uint64 { return 0 }

// GenerationSince is Generation here.
func (w *Watcher) GenerationSince(uint64) uint64 { return w.Generation() }

// Reports reports false here: the system reports nothing.
func (w *Watcher) Reports() bool { return false }

// Close does nothing here.
func (w *Watcher) Close() error { return nil }

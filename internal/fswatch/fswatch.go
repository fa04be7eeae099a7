// Package fswatch tells a page program cheaply whether files it depends on
// may have changed: a Watcher's generation moves on at every change the
// system reports in the folders of the files added to it, so that a
// program need only stat its files again when the generation moved, not
// on every request. Where the system has no such reports (or runs out of
// watches), the generation moves on at every call: the caller stats every
// time, which is always correct.
package fswatch

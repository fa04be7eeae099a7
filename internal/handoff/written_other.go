//go:build unix && !linux

package handoff

import "net"

// streamCounts cannot tell how many bytes were written to or read from a
// connection on this system: a program's death then cuts an answer it was
// ending, and gives back only the bytes it recorded.
func streamCounts(net.Conn) (written, read int64, ok bool) { return 0, 0, false }

// fdCounts cannot tell either.
func fdCounts(int) (written, read int64, ok bool) { return 0, 0, false }

// dupCloexec does not park a connection on this system: the server keeps
// the one the poller watches.
func dupCloexec(int) int { return -1 }

//go:build unix

package handoff

import (
	"net"
	"os"
	"syscall"
)

// held is a lent connection as the server keeps it. Once the program has
// the connection, the server parks it: it keeps a descriptor of the
// socket outside the runtime's poller, and closes the one in it. The
// system reports a socket's every arrival and departure of bytes to each
// poller that watches it, so a lent connection left in the server's would
// wake the server for every request the program answers on it, for
// nothing.
type held struct {
	conn net.Conn // nil once parked
	fd   int      // the parked descriptor; -1 once let go
}

// park moves h's descriptor out of the poller; it leaves h as it was when
// the system refuses (the server is then woken in vain, nothing worse).
func (h *held) park() {
	if h.conn == nil {
		return
	}
	sc, ok := h.conn.(syscall.Conn)
	if !ok {
		return
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return
	}
	fd := -1
	raw.Control(func(s uintptr) { fd = dupCloexec(int(s)) })
	if fd < 0 {
		return
	}
	// Closing the poller's descriptor leaves the socket open: fd holds it.
	h.conn.Close()
	h.conn, h.fd = nil, fd
}

// counts is streamCounts of the connection.
func (h *held) counts() (written, read int64, ok bool) {
	if h.conn != nil {
		return streamCounts(h.conn)
	}
	return fdCounts(h.fd)
}

// netConn returns the connection to serve again, back in the poller, or
// nil when the system refuses (the descriptor is closed then).
func (h *held) netConn() net.Conn {
	if h.conn != nil {
		return h.conn
	}
	f := os.NewFile(uintptr(h.fd), "")
	c, err := net.FileConn(f) // a descriptor of its own
	f.Close()
	h.fd = -1
	if err != nil {
		return nil
	}
	h.conn = c
	return c
}

// close closes the connection (for the server: the program may hold it
// still).
func (h *held) close() {
	switch {
	case h.conn != nil:
		h.conn.Close()
	case h.fd >= 0:
		syscall.Close(h.fd)
		h.fd = -1
	}
}

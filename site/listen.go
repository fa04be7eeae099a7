package site

import (
	"fmt"
	"net"
	"os"
	"strconv"
)

// listenFDsStart is the first descriptor systemd passes (SD_LISTEN_FDS_START).
const listenFDsStart = 3

// Listener returns the listening socket systemd passed to the program
// (socket activation: LISTEN_PID is this process and LISTEN_FDS is at
// least 1; the first socket is used), or else a new TCP listener on addr.
// It unsets LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES, so that a program
// the site starts does not take the socket for its own.
//
// The protocol is a few lines (sd_listen_fds(3)): it is written here
// rather than with coreos/go-systemd's activation package, which would be
// a dependency of every docroot's module for them.
func Listener(addr string) (net.Listener, error) {
	pid, fds := os.Getenv("LISTEN_PID"), os.Getenv("LISTEN_FDS")
	os.Unsetenv("LISTEN_PID")
	os.Unsetenv("LISTEN_FDS")
	os.Unsetenv("LISTEN_FDNAMES")
	if pid == "" || fds == "" {
		return net.Listen("tcp", addr)
	}
	if p, err := strconv.Atoi(pid); err != nil || p != os.Getpid() {
		return net.Listen("tcp", addr)
	}
	if n, err := strconv.Atoi(fds); err != nil || n < 1 {
		return nil, fmt.Errorf("site: LISTEN_FDS=%q: no socket", fds)
	}
	f := os.NewFile(listenFDsStart, "systemd socket")
	defer f.Close()
	ln, err := net.FileListener(f)
	if err != nil {
		return nil, fmt.Errorf("site: the socket systemd passed: %w", err)
	}
	return ln, nil
}

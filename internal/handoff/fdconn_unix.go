//go:build unix

package handoff

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"time"
)

// fdConn is a connection received as a descriptor, used as it is.
// net.FileConn would duplicate the descriptor, ask the system for its
// type and both addresses, and set TCP_NODELAY and keep-alive on it again,
// which the server set on the socket it accepted (a socket's options are
// shared by every descriptor of it): thirteen system calls of the ones a
// page program makes for a new connection, where the poller's
// registration is all it needs. The addresses are asked for when first
// wanted. Errors are net.Conn's: *net.OpError, net.ErrClosed,
// os.ErrDeadlineExceeded within. What it does not have is net.TCPConn's
// ReadFrom: a page that serves a file with http.ServeContent copies it
// through a buffer rather than with sendfile(2).
type fdConn struct {
	f *os.File

	addrs        sync.Once
	laddr, raddr net.Addr
}

// newFDConn returns the connection of the received descriptor fd, which
// is non-blocking (a socket's status flags are shared by its
// descriptors, and the server's is), so that its reads and writes wait
// in the runtime's poller.
func newFDConn(fd int) (*fdConn, error) {
	f := os.NewFile(uintptr(fd), "conn")
	if f == nil {
		syscall.Close(fd)
		return nil, errors.New("handoff: not a descriptor")
	}
	return &fdConn{f: f}, nil
}

func (c *fdConn) Read(p []byte) (int, error) {
	n, err := c.f.Read(p)
	if err != nil && err != io.EOF {
		err = c.opError("read", err)
	}
	return n, err
}

func (c *fdConn) Write(p []byte) (int, error) {
	n, err := c.f.Write(p)
	if err != nil {
		err = c.opError("write", err)
	}
	return n, err
}

func (c *fdConn) Close() error {
	if err := c.f.Close(); err != nil {
		return c.opError("close", err)
	}
	return nil
}

// CloseWrite shuts the sending side down, as net.TCPConn's does.
func (c *fdConn) CloseWrite() error {
	raw, err := c.f.SyscallConn()
	if err != nil {
		return c.opError("close", err)
	}
	var serr error
	if err := raw.Control(func(fd uintptr) { serr = syscall.Shutdown(int(fd), syscall.SHUT_WR) }); err != nil {
		return c.opError("close", err)
	}
	if serr != nil {
		return c.opError("close", os.NewSyscallError("shutdown", serr))
	}
	return nil
}

func (c *fdConn) LocalAddr() net.Addr  { c.addrs.Do(c.askAddrs); return c.laddr }
func (c *fdConn) RemoteAddr() net.Addr { c.addrs.Do(c.askAddrs); return c.raddr }

func (c *fdConn) SetDeadline(t time.Time) error      { return c.f.SetDeadline(t) }
func (c *fdConn) SetReadDeadline(t time.Time) error  { return c.f.SetReadDeadline(t) }
func (c *fdConn) SetWriteDeadline(t time.Time) error { return c.f.SetWriteDeadline(t) }

// SyscallConn gives the descriptor, for Borrowed's reads into its slot.
func (c *fdConn) SyscallConn() (syscall.RawConn, error) { return c.f.SyscallConn() }

// askAddrs asks the system for both addresses, once.
func (c *fdConn) askAddrs() {
	raw, err := c.f.SyscallConn()
	if err != nil {
		return
	}
	raw.Control(func(fd uintptr) {
		if sa, err := syscall.Getsockname(int(fd)); err == nil {
			c.laddr = sockaddrAddr(sa)
		}
		if sa, err := syscall.Getpeername(int(fd)); err == nil {
			c.raddr = sockaddrAddr(sa)
		}
	})
}

// sockaddrAddr is sa as the net package gives it.
func sockaddrAddr(sa syscall.Sockaddr) net.Addr {
	switch sa := sa.(type) {
	case *syscall.SockaddrInet4:
		return &net.TCPAddr{IP: net.IP(sa.Addr[:]).To16(), Port: sa.Port}
	case *syscall.SockaddrInet6:
		a := &net.TCPAddr{IP: net.IP(sa.Addr[:]), Port: sa.Port}
		if sa.ZoneId != 0 {
			if ifi, err := net.InterfaceByIndex(int(sa.ZoneId)); err == nil {
				a.Zone = ifi.Name
			}
		}
		return a
	case *syscall.SockaddrUnix:
		return &net.UnixAddr{Name: sa.Name, Net: "unix"}
	}
	return nil
}

// opError is err of the operation op as a net.Conn reports it: the
// os.File's *os.PathError unwrapped, and os.ErrClosed as net.ErrClosed,
// which net/http looks for.
func (c *fdConn) opError(op string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
		if errno, ok := err.(syscall.Errno); ok {
			err = os.NewSyscallError(op, errno)
		}
	}
	if errors.Is(err, os.ErrClosed) {
		err = net.ErrClosed
	}
	return &net.OpError{Op: op, Net: c.network(), Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: err}
}

// network is the connection's network, as net.Conn's errors name it.
func (c *fdConn) network() string {
	if _, ok := c.LocalAddr().(*net.UnixAddr); ok {
		return "unix"
	}
	return "tcp"
}

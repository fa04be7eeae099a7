//go:build unix

package handoff

import (
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
)

// Pair returns the two ends of a new socket pair: the caller's, and the one
// to give a child process (exec.Cmd.ExtraFiles), which the caller closes
// once the child has started.
func Pair() (*net.UnixConn, *os.File, error) {
	// ForkLock: no exec may inherit the descriptors between socketpair and
	// CloseOnExec (not every unix has SOCK_CLOEXEC).
	syscall.ForkLock.RLock()
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_SEQPACKET, 0)
	if err == nil {
		syscall.CloseOnExec(fds[0])
		syscall.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, nil, fmt.Errorf("handoff: socketpair: %w", err)
	}
	ours, err := Open(os.NewFile(uintptr(fds[0]), "handoff"))
	if err != nil {
		syscall.Close(fds[1])
		return nil, nil, err
	}
	return ours, os.NewFile(uintptr(fds[1]), "handoff"), nil
}

var errEmpty = errors.New("handoff: empty message")

// Open returns the socket pair end f (a child's inherited descriptor) as a
// connection. It closes f.
func Open(f *os.File) (*net.UnixConn, error) {
	defer f.Close()
	c, err := net.FileConn(f)
	if err != nil {
		return nil, fmt.Errorf("handoff: %w", err)
	}
	uc, ok := c.(*net.UnixConn)
	if !ok {
		c.Close()
		return nil, errors.New("handoff: not a unix socket")
	}
	return uc, nil
}

// Send sends payload, and conn's descriptor when conn is not nil, as one
// message. conn stays open: the caller closes its copy. The payload must
// not be empty (the receiver would take it for the end of the stream).
func Send(uc *net.UnixConn, payload []byte, conn net.Conn) error {
	if len(payload) > MaxMessage {
		return ErrTooLarge
	}
	if len(payload) == 0 {
		return errEmpty
	}
	if conn == nil {
		_, _, err := uc.WriteMsgUnix(payload, nil, nil)
		return err
	}
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return fmt.Errorf("handoff: %T has no descriptor", conn)
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return err
	}
	var werr error
	if err := raw.Control(func(fd uintptr) {
		_, _, werr = uc.WriteMsgUnix(payload, syscall.UnixRights(int(fd)), nil)
	}); err != nil {
		return err
	}
	return werr
}

// Recv reads one message into buf, which must hold MaxMessage bytes, and
// returns its payload (a slice of buf, never empty: Send refuses empty
// messages, and a read of nothing is the other end closing, io.EOF) and
// the connection that came with it, if any.
func Recv(uc *net.UnixConn, buf []byte) ([]byte, net.Conn, error) {
	var oob [64]byte
	n, oobn, flags, _, err := uc.ReadMsgUnix(buf, oob[:])
	if err != nil {
		return nil, nil, err
	}
	var conns []net.Conn
	if oobn > 0 {
		msgs, err := syscall.ParseSocketControlMessage(oob[:oobn])
		if err != nil {
			return nil, nil, fmt.Errorf("handoff: %w", err)
		}
		for _, m := range msgs {
			fds, err := syscall.ParseUnixRights(&m)
			if err != nil {
				continue
			}
			for _, fd := range fds {
				// The descriptor as it is (see fdConn), close-on-exec:
				// ReadMsgUnix sees to that.
				if c, err := newFDConn(fd); err == nil {
					conns = append(conns, c)
				}
			}
		}
	}
	if flags&(syscall.MSG_TRUNC|syscall.MSG_CTRUNC) != 0 || len(conns) > 1 {
		for _, c := range conns {
			c.Close()
		}
		return nil, nil, ErrTooLarge
	}
	if len(conns) == 1 {
		return buf[:n], conns[0], nil
	}
	return buf[:n], nil, nil
}

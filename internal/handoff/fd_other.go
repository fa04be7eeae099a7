//go:build !unix

package handoff

import (
	"errors"
	"net"
	"os"
)

// Pair reports that connections cannot be handed over on this system.
func Pair() (*net.UnixConn, *os.File, error) { return nil, nil, errors.ErrUnsupported }

// Open reports that connections cannot be handed over on this system.
func Open(f *os.File) (*net.UnixConn, error) { return nil, errors.ErrUnsupported }

// Send reports that connections cannot be handed over on this system.
func Send(uc *net.UnixConn, payload []byte, conn net.Conn) error { return errors.ErrUnsupported }

// Recv reports that connections cannot be handed over on this system.
func Recv(uc *net.UnixConn, buf []byte) ([]byte, net.Conn, error) {
	return nil, nil, errors.ErrUnsupported
}

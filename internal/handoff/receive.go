package handoff

import (
	"errors"
	"net"
)

// Receive reads uc's messages until the other end closes it, or handle
// returns true, calling handle with each message's payload (never empty;
// a slice of a buffer the next message reuses) and its connection, if
// any, which handle closes when it does not keep it. A message too large
// to read is skipped.
func Receive(uc *net.UnixConn, handle func(msg []byte, conn net.Conn) (stop bool)) {
	buf := make([]byte, MaxMessage)
	for {
		msg, conn, err := Recv(uc, buf)
		if errors.Is(err, ErrTooLarge) {
			continue
		}
		if err != nil || handle(msg, conn) {
			return
		}
	}
}

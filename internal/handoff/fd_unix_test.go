//go:build unix

package handoff

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

// openPair returns both ends of a new socket pair as connections, closed
// when the test ends.
func openPair(t *testing.T) (ours, theirs *net.UnixConn) {
	t.Helper()
	ours, f, err := Pair()
	require.NoError(t, err)
	require.NotNil(t, ours)
	require.NotNil(t, f)
	t.Cleanup(func() { ours.Close() })
	theirs, err = Open(f)
	require.NoError(t, err)
	t.Cleanup(func() { theirs.Close() })
	// Open closed the file.
	assert.ErrorIs(t, f.Close(), os.ErrClosed)
	require.NoError(t, ours.SetDeadline(time.Now().Add(wait)))
	require.NoError(t, theirs.SetDeadline(time.Now().Add(wait)))
	return ours, theirs
}

func TestPairConnected(t *testing.T) {
	ours, theirs := openPair(t)
	buf := make([]byte, MaxMessage)

	require.NoError(t, Send(ours, []byte("to them"), nil))
	msg, conn, err := Recv(theirs, buf)
	require.NoError(t, err)
	assert.Nil(t, conn)
	assert.Equal(t, "to them", string(msg))

	require.NoError(t, Send(theirs, []byte("to us"), nil))
	msg, conn, err = Recv(ours, buf)
	require.NoError(t, err)
	assert.Nil(t, conn)
	assert.Equal(t, "to us", string(msg))
}

func TestSendRecvKeepsMessageBoundaries(t *testing.T) {
	ours, theirs := openPair(t)
	msgs := []string{"C", "first message", "S", string(bytes.Repeat([]byte("x"), 5000)), "L"}
	for _, m := range msgs {
		require.NoError(t, Send(ours, []byte(m), nil))
	}
	buf := make([]byte, MaxMessage)
	for _, want := range msgs {
		msg, conn, err := Recv(theirs, buf)
		require.NoError(t, err)
		assert.Nil(t, conn)
		assert.Equal(t, want, string(msg))
	}
}

func TestSendRecvConn(t *testing.T) {
	ours, theirs := openPair(t)
	client, server := testutil.TCPPair(t)
	require.NoError(t, client.SetDeadline(time.Now().Add(wait)))

	payload := []byte("C\x00route and \xffbytes")
	require.NoError(t, Send(ours, payload, server))

	buf := make([]byte, MaxMessage)
	msg, rc, err := Recv(theirs, buf)
	require.NoError(t, err)
	require.NotNil(t, rc)
	defer rc.Close()
	assert.Equal(t, payload, msg)
	assert.Implements(t, (*syscall.Conn)(nil), rc, "Borrowed reads its descriptor")
	assert.Equal(t, client.LocalAddr().String(), rc.RemoteAddr().String())
	assert.Equal(t, server.LocalAddr().String(), rc.LocalAddr().String())
	require.NoError(t, rc.SetDeadline(time.Now().Add(wait)))

	// The received conn writes to the peer...
	_, err = rc.Write([]byte("from the copy"))
	require.NoError(t, err)
	got := make([]byte, len("from the copy"))
	_, err = io.ReadFull(client, got)
	require.NoError(t, err)
	assert.Equal(t, "from the copy", string(got))

	// ...and still works once the original is closed.
	require.NoError(t, server.Close())
	_, err = rc.Write([]byte("after close"))
	require.NoError(t, err)
	got = make([]byte, len("after close"))
	_, err = io.ReadFull(client, got)
	require.NoError(t, err)
	assert.Equal(t, "after close", string(got))

	_, err = client.Write([]byte("to the copy"))
	require.NoError(t, err)
	got = make([]byte, len("to the copy"))
	_, err = io.ReadFull(rc, got)
	require.NoError(t, err)
	assert.Equal(t, "to the copy", string(got))

	// Closing the copy, the last descriptor, ends the connection.
	require.NoError(t, rc.Close())
	n, err := client.Read(make([]byte, 1))
	assert.Zero(t, n)
	assert.ErrorIs(t, err, io.EOF)
}

func TestSendRecvConnWrapped(t *testing.T) {
	// A connection inside a *Conn is sent by Detach's result, and the
	// bytes read from it travel in the payload.
	ours, theirs := openPair(t)
	client, server := testutil.TCPPair(t)
	require.NoError(t, client.SetDeadline(time.Now().Add(wait)))
	hc := NewConn(server, []byte("GET / HTTP/1.1\r\n"), nil)
	raw, rest := Detach(hc, nil)
	require.NoError(t, Send(ours, rest, raw))

	msg, rc, err := Recv(theirs, make([]byte, MaxMessage))
	require.NoError(t, err)
	require.NotNil(t, rc)
	defer rc.Close()
	assert.Equal(t, "GET / HTTP/1.1\r\n", string(msg))
	_, err = client.Write([]byte("Host: x\r\n\r\n"))
	require.NoError(t, err)
	recv := NewConn(rc, bytes.Clone(msg), nil)
	require.NoError(t, rc.SetDeadline(time.Now().Add(wait)))
	got := make([]byte, len("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	_, err = io.ReadFull(recv, got)
	require.NoError(t, err)
	assert.Equal(t, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", string(got))
}

func TestSendRecvMaxMessage(t *testing.T) {
	ours, theirs := openPair(t)
	_, server := testutil.TCPPair(t)
	payload := bytes.Repeat([]byte("0123456789abcdef"), MaxMessage/16)
	require.Len(t, payload, MaxMessage)
	require.NoError(t, Send(ours, payload, server))
	msg, rc, err := Recv(theirs, make([]byte, MaxMessage))
	require.NoError(t, err)
	require.NotNil(t, rc)
	rc.Close()
	assert.Equal(t, payload, msg)
}

func TestSendTooLarge(t *testing.T) {
	ours, theirs := openPair(t)
	_, server := testutil.TCPPair(t)
	big := make([]byte, MaxMessage+1)
	assert.ErrorIs(t, Send(ours, big, nil), ErrTooLarge)
	assert.ErrorIs(t, Send(ours, big, server), ErrTooLarge)
	// Neither was sent: the next message is the first to arrive.
	require.NoError(t, Send(ours, []byte("next"), nil))
	msg, conn, err := Recv(theirs, make([]byte, MaxMessage))
	require.NoError(t, err)
	assert.Nil(t, conn)
	assert.Equal(t, "next", string(msg))
}

func TestSendEmpty(t *testing.T) {
	ours, theirs := openPair(t)
	_, server := testutil.TCPPair(t)
	assert.Error(t, Send(ours, nil, nil), "an empty message would read as the end of the stream")
	assert.Error(t, Send(ours, nil, server))
	require.NoError(t, Send(ours, []byte("next"), nil))
	msg, _, err := Recv(theirs, make([]byte, MaxMessage))
	require.NoError(t, err)
	assert.Equal(t, "next", string(msg))
}

func TestRecvSmallBuffer(t *testing.T) {
	// A message that does not fit the buffer is dropped as too large,
	// with its connection.
	ours, theirs := openPair(t)
	client, server := testutil.TCPPair(t)
	require.NoError(t, client.SetDeadline(time.Now().Add(wait)))
	require.NoError(t, Send(ours, []byte("longer than the buffer"), server))
	require.NoError(t, server.Close())
	_, conn, err := Recv(theirs, make([]byte, 4))
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Nil(t, conn)
	// The received copy was closed: the peer sees EOF.
	n, err := client.Read(make([]byte, 1))
	assert.Zero(t, n)
	assert.ErrorIs(t, err, io.EOF)
	// The socket pair still works.
	require.NoError(t, Send(ours, []byte("ok"), nil))
	msg, _, err := Recv(theirs, make([]byte, 4))
	require.NoError(t, err)
	assert.Equal(t, "ok", string(msg))
}

func TestSendConnWithoutDescriptor(t *testing.T) {
	ours, _ := openPair(t)
	a, _ := pipe(t)
	err := Send(ours, []byte("x"), a)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "has no descriptor")
	assert.NotErrorIs(t, err, ErrTooLarge)
}

func TestSendClosedConn(t *testing.T) {
	ours, _ := openPair(t)
	_, server := testutil.TCPPair(t)
	require.NoError(t, server.Close())
	assert.Error(t, Send(ours, []byte("x"), server))
}

func TestRecvAfterClose(t *testing.T) {
	ours, theirs := openPair(t)
	require.NoError(t, Send(ours, []byte("last"), nil))
	require.NoError(t, ours.Close())
	buf := make([]byte, MaxMessage)
	// What was sent before is still there...
	msg, _, err := Recv(theirs, buf)
	require.NoError(t, err)
	assert.Equal(t, "last", string(msg))
	// ...then the end.
	for range 2 {
		msg, conn, err := Recv(theirs, buf)
		require.Error(t, err)
		assert.ErrorIs(t, err, io.EOF)
		assert.Nil(t, msg)
		assert.Nil(t, conn)
	}
	// Sending to the closed end fails.
	err = Send(theirs, []byte("x"), nil)
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrTooLarge))
}

func TestRecvOwnEndClosed(t *testing.T) {
	_, theirs := openPair(t)
	require.NoError(t, theirs.Close())
	_, _, err := Recv(theirs, make([]byte, MaxMessage))
	assert.ErrorIs(t, err, net.ErrClosed)
}

func TestOpenNotASocket(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "file")
	require.NoError(t, err)
	uc, err := Open(f)
	assert.Error(t, err)
	assert.Nil(t, uc)
	assert.ErrorIs(t, f.Close(), os.ErrClosed, "Open closes f even when it fails")
}

func TestOpenNotUnix(t *testing.T) {
	ln := tcpListener(t)
	f, err := ln.(*net.TCPListener).File()
	require.NoError(t, err)
	uc, err := Open(f)
	assert.Nil(t, uc)
	assert.EqualError(t, err, "handoff: not a unix socket")
}

func TestReceive(t *testing.T) {
	ours, theirs := openPair(t)
	client, server := testutil.TCPPair(t)
	require.NoError(t, Send(ours, []byte("one"), server))
	require.NoError(t, Send(ours, []byte("stop"), nil))
	require.NoError(t, Send(ours, []byte("after"), nil))
	var got []string
	Receive(theirs, func(msg []byte, conn net.Conn) bool {
		got = append(got, string(msg))
		if conn != nil {
			io.WriteString(conn, "hi")
			conn.Close()
		}
		return string(msg) == "stop"
	})
	assert.Equal(t, []string{"one", "stop"}, got, "handle returning true stops the loop")
	b := make([]byte, 2)
	_, err := io.ReadFull(client, b)
	require.NoError(t, err)
	assert.Equal(t, "hi", string(b), "the connection came with its message")
	// The rest is still there; closing the other end ends the loop.
	ours.Close()
	got = nil
	Receive(theirs, func(msg []byte, conn net.Conn) bool { got = append(got, string(msg)); return false })
	assert.Equal(t, []string{"after"}, got)
}

// A received connection reports errors as a net.Conn does, which net/http
// relies on to tell a timeout or a closed connection from bad input: a
// *net.OpError, with os.ErrDeadlineExceeded (a timeout) or net.ErrClosed
// within; and it half-closes as net.TCPConn does.
func TestRecvConnErrors(t *testing.T) {
	ours, theirs := openPair(t)
	client, server := testutil.TCPPair(t)
	require.NoError(t, client.SetDeadline(time.Now().Add(wait)))
	require.NoError(t, Send(ours, []byte("C"), server))
	server.Close()
	_, rc, err := Recv(theirs, make([]byte, MaxMessage))
	require.NoError(t, err)

	require.NoError(t, rc.SetReadDeadline(time.Now().Add(-time.Second)))
	_, err = rc.Read(make([]byte, 1))
	var oe *net.OpError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "read", oe.Op)
	assert.Equal(t, "tcp", oe.Net)
	assert.ErrorIs(t, err, os.ErrDeadlineExceeded)
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout())
	require.NoError(t, rc.SetReadDeadline(time.Time{}))

	require.NoError(t, rc.(interface{ CloseWrite() error }).CloseWrite())
	n, err := client.Read(make([]byte, 1))
	assert.Zero(t, n)
	assert.ErrorIs(t, err, io.EOF, "the peer sees the half-close")
	_, err = client.Write([]byte("x"))
	require.NoError(t, err)
	got := make([]byte, 1)
	_, err = io.ReadFull(rc, got)
	require.NoError(t, err, "the reading side stays open")

	require.NoError(t, rc.Close())
	_, err = rc.Read(got)
	assert.ErrorIs(t, err, net.ErrClosed)
	_, err = rc.Write(got)
	assert.ErrorIs(t, err, net.ErrClosed)
	assert.ErrorAs(t, err, &oe)
}

//go:build linux

package handoff

import (
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

// lent plays one connection lent to a program in a one-slot table: the
// client's end, the server's Lender, and the program's Borrowed (on a
// descriptor of its own, as SCM_RIGHTS gives it).
type lent struct {
	client net.Conn
	lender *Lender
	b      *Borrowed
	backs  chan []byte // what giveBack was called with
}

func lend(t *testing.T, data string) *lent {
	t.Helper()
	client, server := testutil.TCPPair(t)
	table, f, err := NewTable(t.TempDir(), 1)
	require.NoError(t, err)
	f.Close()
	l := &lent{client: client, lender: NewLender(table), backs: make(chan []byte, 1)}
	i, ok := l.lender.Lend(server, []byte(data))
	require.True(t, ok)
	// The program's own descriptor of the same socket.
	sf, err := server.File()
	require.NoError(t, err)
	pc, err := net.FileConn(sf)
	sf.Close()
	require.NoError(t, err)
	t.Cleanup(func() { pc.Close() })
	l.b = Borrow(pc, table, i, nil, func(_ *Borrowed, data []byte) { l.backs <- data })
	// As gowebob serve does once the program has the connection.
	l.lender.Park(i, server)
	return l
}

// read reads n bytes through the Borrowed, as net/http would.
func (l *lent) read(t *testing.T, n int) string {
	t.Helper()
	buf := make([]byte, n)
	_, err := io.ReadFull(l.b, buf)
	require.NoError(t, err)
	return string(buf)
}

// answer plays a handler's whole answer: begun, written after the handler
// returned, ended when net/http stops its background read.
func (l *lent) answer(t *testing.T, text string) {
	t.Helper()
	l.b.Begin()
	l.b.Returned()
	_, err := l.b.Write([]byte(text))
	require.NoError(t, err)
	require.NoError(t, l.b.SetReadDeadline(time.Unix(1, 0)))
	require.NoError(t, l.b.SetReadDeadline(time.Time{}))
	l.b.Idle()
}

// reclaimed ends the program's part (it died: its descriptor closes) and
// returns what the server takes back.
func (l *lent) reclaimed(t *testing.T) Reclaimed {
	t.Helper()
	l.b.Conn.Close()
	return l.lender.Reclaim()
}

// pending reads what a taken-back connection gives before its own bytes.
func pending(c *Conn) string { return string(c.pending) }

func TestReclaim(t *testing.T) {
	const req = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
	t.Run("lent, never read: served again with the server's bytes", func(t *testing.T) {
		l := lend(t, req)
		r := l.reclaimed(t)
		require.Len(t, r.Back, 1)
		assert.Equal(t, req, pending(r.Back[0]))
		assert.Empty(t, r.Busy)
	})
	t.Run("read, not begun: served again", func(t *testing.T) {
		l := lend(t, req)
		assert.Equal(t, req, l.read(t, len(req)))
		r := l.reclaimed(t)
		require.Len(t, r.Back, 1)
		assert.Equal(t, req, pending(r.Back[0]))
	})
	t.Run("begun: busy, a 502 to write", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.b.Begin()
		r := l.reclaimed(t)
		assert.Empty(t, r.Back)
		require.Len(t, r.Busy, 1)
		assert.NotZero(t, r.Busy[0].Started)
		assert.True(t, r.Began)
	})
	t.Run("answered and idle: served again with nothing to replay", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.answer(t, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		r := l.reclaimed(t)
		require.Len(t, r.Back, 1)
		assert.Empty(t, pending(r.Back[0]))
		got := make([]byte, 40)
		n, _ := io.ReadAtLeast(l.client, got, 40)
		assert.Equal(t, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", string(got[:n]))
	})
	t.Run("the next request read, not begun: served again with it", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.answer(t, "HTTP/1.1 204 No Content\r\n\r\n")
		_, err := io.WriteString(l.client, "GET /b HTTP/1.1\r\n")
		require.NoError(t, err)
		assert.Equal(t, "GET /b", l.read(t, 6))
		r := l.reclaimed(t)
		require.Len(t, r.Back, 1)
		assert.Equal(t, "GET /b", pending(r.Back[0]), "what the program read, and only that: the rest is still in the socket")
	})
	t.Run("bytes read into the slot by a program that died before it counted them: served again", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.answer(t, "HTTP/1.1 204 No Content\r\n\r\n")
		_, err := io.WriteString(l.client, "GET /c HTTP/1.1\r\n")
		require.NoError(t, err)
		time.Sleep(50 * time.Millisecond)
		// readInto's stores and read, without the count after it.
		l.b.mu.Lock()
		h := l.b.slot.head
		off := int(h.n.Load())
		h.rbase.Store(l.b.read0 + l.b.consumed)
		h.lim.Store(uint32(off + 6))
		n, err := l.b.Conn.Read(l.b.slot.buf[off : off+6])
		l.b.mu.Unlock()
		require.NoError(t, err)
		require.Equal(t, 6, n)
		r := l.reclaimed(t)
		require.Len(t, r.Back, 1)
		assert.Equal(t, "GET /c", pending(r.Back[0]), "the bytes the system says were read")
	})
	t.Run("a read under way that took nothing: nothing given twice", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.answer(t, "HTTP/1.1 204 No Content\r\n\r\n")
		_, err := io.WriteString(l.client, "GET /d HTTP/1.1\r\n")
		require.NoError(t, err)
		time.Sleep(50 * time.Millisecond)
		// The program stored the limit and died before the read: the
		// buffer holds stale bytes, and the socket still has the request.
		l.b.mu.Lock()
		h := l.b.slot.head
		off := int(h.n.Load())
		h.rbase.Store(l.b.read0 + l.b.consumed)
		h.lim.Store(uint32(off + 6))
		copy(l.b.slot.buf[off:], "stale!")
		l.b.mu.Unlock()
		r := l.reclaimed(t)
		require.Len(t, r.Back, 1)
		assert.Empty(t, pending(r.Back[0]))
		got := make([]byte, 6)
		_, err = io.ReadFull(r.Back[0], got)
		require.NoError(t, err)
		assert.Equal(t, "GET /d", string(got), "the request is read from the socket once")
	})
	t.Run("ending an answer whose last write left: served again", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.b.Begin()
		l.b.Returned()
		_, err := l.b.Write([]byte("HTTP/1.1 204 No Content\r\n\r\n"))
		require.NoError(t, err)
		require.NoError(t, l.b.endAnswer())
		assert.Equal(t, SlotEnding, l.b.slot.State())
		r := l.reclaimed(t)
		assert.Len(t, r.Back, 1, "the client has the whole answer")
		assert.Zero(t, r.Cut)
	})
	t.Run("ending an answer whose last write did not leave: cut", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.b.Begin()
		l.b.mu.Lock()
		l.b.slot.head.end.Store(l.b.slot.head.base.Load() + 1000)
		l.b.slot.SetState(SlotEnding)
		l.b.mu.Unlock()
		r := l.reclaimed(t)
		assert.Empty(t, r.Back)
		assert.Equal(t, 1, r.Cut)
	})
	t.Run("given back by a close between requests", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.answer(t, "HTTP/1.1 204 No Content\r\n\r\n")
		require.NoError(t, l.b.Close())
		assert.Nil(t, <-l.backs)
		assert.Equal(t, SlotBack, l.b.slot.State())
		hc, ok := l.lender.Take(0, nil)
		require.True(t, ok)
		assert.Empty(t, pending(hc))
		// A second close (net/http closes twice at shutdown) must leave
		// the slot, lent anew, alone.
		i, ok := l.lender.Lend(hc.Conn, []byte(req))
		require.True(t, ok)
		l.b.Close()
		assert.Equal(t, SlotOpen, l.lender.t.Slot(i).State())
	})
	t.Run("closed after an answer that said so: done", func(t *testing.T) {
		l := lend(t, req)
		l.read(t, len(req))
		l.b.Begin()
		l.b.Returned()
		l.b.Write([]byte("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"))
		require.NoError(t, l.b.Close())
		assert.Equal(t, SlotDone, l.b.slot.State())
		l.lender.Sweep()
		assert.Zero(t, l.lender.Lent())
		_, err := io.ReadAll(l.client)
		assert.NoError(t, err, "the client sees the end of the stream")
	})
}

func TestTableVersion(t *testing.T) {
	_, f, err := NewTable(t.TempDir(), 2)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	g, err := os.CreateTemp(t.TempDir(), "x")
	require.NoError(t, err)
	require.NoError(t, g.Truncate(4096))
	_, err = OpenTable(g)
	assert.ErrorIs(t, err, ErrTable, "a file that is not a table of this version")
}

// TestPark: a parked connection is the server's through a descriptor of
// its own, which serves again when taken back; one taken back before it
// was parked is the very connection lent; Park leaves a slot lent anew
// alone.
func TestPark(t *testing.T) {
	const req = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
	t.Run("parked, then taken back", func(t *testing.T) {
		client, server := testutil.TCPPair(t)
		table, f, err := NewTable(t.TempDir(), 1)
		require.NoError(t, err)
		f.Close()
		lender := NewLender(table)
		i, ok := lender.Lend(server, []byte(req))
		require.True(t, ok)
		lender.Park(i, server)
		_, err = server.Write([]byte("x"))
		assert.ErrorIs(t, err, net.ErrClosed, "the poller's descriptor is closed")
		table.Slot(i).SetState(SlotBack)
		hc, ok := lender.Take(i, nil)
		require.True(t, ok)
		assert.Equal(t, req, pending(hc))
		_, err = hc.Write([]byte("hello"))
		require.NoError(t, err)
		got := make([]byte, 5)
		_, err = io.ReadFull(client, got)
		require.NoError(t, err)
		assert.Equal(t, "hello", string(got))
		_, err = client.Write([]byte("next"))
		require.NoError(t, err)
		got = make([]byte, len(req)+4)
		_, err = io.ReadFull(hc, got)
		require.NoError(t, err)
		assert.Equal(t, req+"next", string(got))
		hc.Close()
	})
	t.Run("taken back before it was parked", func(t *testing.T) {
		_, server := testutil.TCPPair(t)
		table, f, err := NewTable(t.TempDir(), 1)
		require.NoError(t, err)
		f.Close()
		lender := NewLender(table)
		i, ok := lender.Lend(server, []byte(req))
		require.True(t, ok)
		hc, ok := lender.Take(i, nil)
		require.True(t, ok)
		assert.Same(t, server, hc.Conn)
		// The slot is lent anew meanwhile: the late Park leaves it be.
		_, other := testutil.TCPPair(t)
		j, ok := lender.Lend(other, nil)
		require.True(t, ok)
		require.Equal(t, i, j)
		lender.Park(i, server)
		_, err = other.Write([]byte("x"))
		assert.NoError(t, err, "not parked")
	})
	t.Run("swept once done", func(t *testing.T) {
		client, server := testutil.TCPPair(t)
		table, f, err := NewTable(t.TempDir(), 1)
		require.NoError(t, err)
		f.Close()
		lender := NewLender(table)
		i, ok := lender.Lend(server, nil)
		require.True(t, ok)
		lender.Park(i, server)
		table.Slot(i).SetState(SlotDone)
		lender.Sweep()
		assert.Zero(t, lender.Lent())
		client.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, err = io.ReadAll(client)
		assert.NoError(t, err, "the last descriptor closed: the client sees the end")
	})
}

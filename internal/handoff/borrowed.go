//go:build unix

package handoff

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Borrowed is a connection a page program borrowed from the server, which
// keeps a descriptor of its own: every step the program takes with it is
// recorded in the connection's Slot, so that the server can take the
// connection back, with the bytes the program read and did not answer,
// whenever the program gives it back or dies. Closing a Borrowed between
// requests gives it back; closing it after an answer ends it for good.
//
// net/http reads a connection from one goroutine at a time and writes it
// from another; mu orders their records, and a timeout's answer, which
// comes from a third.
type Borrowed struct {
	net.Conn
	Index int // the slot's index, which the messages about it carry
	// Tag is what the server said about the first request (TakeTag).
	Tag any

	slot     Slot
	giveBack func(b *Borrowed, data []byte)
	taken    atomic.Bool

	mu         sync.Mutex
	pending    []byte // the server's unread bytes, read first; already in the slot
	carry      []byte // bytes of the next request read while an answer was under way
	expired    bool   // Expire answered or cut it: nothing more is written
	closeWrite bool   // the program half-closed it: it is ending, not going back
}

// ErrExpired is a write to a connection whose request ran out of time: its
// answer was given (a 504) or cut already.
var ErrExpired = errors.New("handoff: the request's time ran out")

// Borrow returns the connection conn that the server lent in slot index
// of t, with the unread bytes the server recorded there read first.
// giveBack is called, once, when the program gives the connection back
// (the slot says SlotBack): with nil when the slot holds the unread bytes
// (a connection closed between requests), else with the bytes to read
// before the connection's own.
func Borrow(conn net.Conn, t *Table, index int, tag any, giveBack func(b *Borrowed, data []byte)) *Borrowed {
	s := t.Slot(index)
	return &Borrowed{Conn: conn, Index: index, Tag: tag, slot: s, giveBack: giveBack, pending: s.Unread()}
}

// TakeTag returns Tag the first time it is called, nil afterwards.
func (b *Borrowed) TakeTag() any {
	if b.taken.Swap(true) {
		return nil
	}
	return b.Tag
}

// Read reads the server's unread bytes first, then the connection,
// recording what it reads between requests in the slot.
func (b *Borrowed) Read(p []byte) (int, error) {
	b.mu.Lock()
	if len(b.pending) > 0 {
		n := copy(p, b.pending)
		b.pending = b.pending[n:]
		b.mu.Unlock()
		return n, nil
	}
	b.mu.Unlock()
	n, err := b.Conn.Read(p)
	if n > 0 {
		b.mu.Lock()
		switch b.slot.State() {
		case SlotOpen:
			b.slot.record(p[:n])
		case SlotBusy, SlotSent:
			// net/http reads one byte at a time only in its background
			// read, which watches for the client's next request (or its
			// going away) while a handler runs, and after the body was
			// read: the byte is the next request's first, which a client
			// sends as soon as it has the answer, before net/http calls
			// the connection idle.
			if len(p) == 1 {
				b.carry = append(b.carry, p[0])
			}
		}
		b.mu.Unlock()
	}
	return n, err
}

// record appends p to the unread bytes, or marks them lost.
func (s Slot) record(p []byte) {
	n := int(s.head.n.Load())
	if n+len(p) > len(s.buf) {
		s.head.state.Store(SlotLost)
		return
	}
	copy(s.buf[n:], p)
	s.head.n.Store(uint32(n + len(p)))
}

// Write marks that an answer may reach the client, then writes.
func (b *Borrowed) Write(p []byte) (int, error) {
	if err := b.sending(); err != nil {
		return 0, err
	}
	return b.Conn.Write(p)
}

// ReadFrom keeps the connection's own ReadFrom (sendfile, splice), which
// net/http uses for files.
func (b *Borrowed) ReadFrom(r io.Reader) (int64, error) {
	if err := b.sending(); err != nil {
		return 0, err
	}
	if rf, ok := b.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(struct{ io.Writer }{b.Conn}, r)
}

func (b *Borrowed) sending() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.expired {
		return ErrExpired
	}
	switch b.slot.State() {
	case SlotOpen, SlotBusy, SlotLost:
		b.slot.SetState(SlotSent)
	}
	return nil
}

// Begin records that a handler starts on the request read: its bytes are
// no longer the server's to give to another program.
func (b *Borrowed) Begin() {
	b.mu.Lock()
	if !b.expired {
		now := time.Now().UnixNano()
		b.slot.head.n.Store(0)
		b.slot.head.started.Store(now)
		b.slot.latest.Store(now)
		b.slot.SetState(SlotBusy)
	}
	b.carry = b.carry[:0]
	b.mu.Unlock()
}

// Idle records that the answer is complete and the connection waits for
// its next request (net/http's StateIdle).
func (b *Borrowed) Idle() {
	b.mu.Lock()
	if !b.expired {
		b.slot.head.n.Store(0)
		b.slot.head.started.Store(0)
		b.slot.SetState(SlotOpen)
		b.slot.record(b.carry)
	}
	b.carry = b.carry[:0]
	b.mu.Unlock()
}

// Hijacked records that a handler took the connection over (net/http's
// StateHijacked): the program answers it as it likes from now on.
func (b *Borrowed) Hijacked() {
	b.mu.Lock()
	if b.slot.State() == SlotBusy {
		b.slot.SetState(SlotSent)
	}
	b.mu.Unlock()
}

// Expire ends the request of a handler that ran out of time: if nothing
// of its answer was written it writes answer (a complete response that
// closes the connection) and reports true; either way it closes the
// connection to the client, and later writes fail with ErrExpired.
func (b *Borrowed) Expire(answer []byte) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.expired {
		return false
	}
	b.expired = true
	answered := false
	if b.slot.State() == SlotBusy {
		b.Conn.SetWriteDeadline(time.Now().Add(time.Second))
		_, err := b.Conn.Write(answer)
		answered = err == nil
	}
	shutdown(b.Conn)
	b.slot.SetState(SlotDone)
	return answered
}

// CloseWrite half-closes the connection, as net/http does before closing a
// connection whose request it did not read to the end: the connection is
// ending.
func (b *Borrowed) CloseWrite() error {
	b.mu.Lock()
	b.closeWrite = true
	b.mu.Unlock()
	if cw, ok := b.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// Close gives the connection back to the server when it is between
// requests (the program's idle timeout, its shutdown, the client's end of
// the stream: the server decides what comes next), else ends it: the
// client sees the end of the stream although the server's descriptor
// keeps the socket until the server sees SlotDone.
func (b *Borrowed) Close() error {
	b.mu.Lock()
	st := b.slot.State()
	back := st == SlotOpen && !b.closeWrite && !b.expired
	switch {
	case back:
		b.slot.SetState(SlotBack)
	case st != SlotBack:
		shutdown(b.Conn)
		b.slot.SetState(SlotDone)
	}
	b.expired = true
	b.mu.Unlock()
	err := b.Conn.Close()
	if back {
		b.giveBack(b, nil)
	}
	return err
}

// GiveBack hands the connection back to the server with a request the
// program does not answer: data is the request as read (see AppendHead)
// and what net/http read after it. The slot's bytes could say the same
// unless the client sent its requests without waiting for answers
// (pipelining), and they stand in for data should the program die before
// the message leaves.
func (b *Borrowed) GiveBack(data []byte) {
	b.mu.Lock()
	b.slot.SetState(SlotBack)
	b.expired = true
	b.mu.Unlock()
	b.Conn.Close()
	b.giveBack(b, data)
}

// shutdown ends the stream in both directions for everyone holding the
// socket, which close does not while another process has a descriptor.
func shutdown(c net.Conn) {
	sc, ok := c.(syscall.Conn)
	if !ok {
		c.Close()
		return
	}
	if raw, err := sc.SyscallConn(); err == nil {
		raw.Control(func(fd uintptr) { syscall.Shutdown(int(fd), syscall.SHUT_RDWR) })
	}
}

//go:build unix

package handoff

import (
	"errors"
	"io"
	"net"
	"os"
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
	// Clock, when set, is read after every read that returned bytes, and
	// ReadAt returns its last reading: whatever it counts happened after
	// those bytes arrived. A page program orders a request's arrival
	// against the reads of its file watcher with it.
	Clock func() uint64

	readAt atomic.Uint64

	slot     Slot
	raw      syscall.RawConn // for reads into the slot; nil when the counts are unknown
	reader   rawReader       // readRaw's one attempt, made once: a closure per read is three allocations
	read0    int64           // the connection's count of bytes read when lent
	consumed int64           // bytes this program read from the connection
	giveBack func(b *Borrowed, data []byte)
	taken    atomic.Bool

	mu         sync.Mutex
	pending    []byte // the server's unread bytes, read first; already in the slot
	returned   bool   // the handler returned: net/http is finishing its answer
	tail       []byte // what net/http wrote since: the end of the answer, not yet sent
	written    int64  // bytes this program wrote to the connection
	answered   bool   // an answer was given since the connection last went idle
	expired    bool   // Expire answered or cut it, or the slot is given up: nothing more is written
	released   bool   // the slot is the server's again (it may lend it anew): never touch it
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
	b := &Borrowed{Conn: conn, Index: index, Tag: tag, slot: s, giveBack: giveBack, pending: s.Unread()}
	if sc, ok := conn.(syscall.Conn); ok && s.head.rbase.Load() >= 0 {
		b.raw, _ = sc.SyscallConn()
		b.read0 = s.head.rbase.Load()
		b.reader.b = b
		b.reader.attempt = b.reader.try
	}
	return b
}

// TakeTag returns Tag the first time it is called, nil afterwards.
func (b *Borrowed) TakeTag() any {
	if b.taken.Swap(true) {
		return nil
	}
	return b.Tag
}

// Read reads the server's unread bytes first, then the connection. What
// it reads between requests it reads straight into the slot, so that
// bytes are never only in the memory of a program that dies: should it
// die before it counted them, the server asks the system how many it took.
func (b *Borrowed) Read(p []byte) (int, error) {
	n, err := b.read(p)
	if n > 0 && b.Clock != nil {
		b.readAt.Store(b.Clock())
	}
	return n, err
}

// ReadAt returns Clock's reading after the last read that returned bytes
// (0 before one, or without a Clock).
func (b *Borrowed) ReadAt() uint64 { return b.readAt.Load() }

// read is Read without the Clock.
func (b *Borrowed) read(p []byte) (int, error) {
	b.mu.Lock()
	if len(b.pending) > 0 {
		n := copy(p, b.pending)
		b.pending = b.pending[n:]
		b.mu.Unlock()
		return n, nil
	}
	keep := b.keeps(len(p))
	b.mu.Unlock()
	if err := b.endAnswer(); err != nil {
		return 0, err
	}
	if b.raw != nil {
		return b.readRaw(p)
	}
	n, err := b.Conn.Read(p)
	if n > 0 {
		b.mu.Lock()
		if keep && b.keeps(len(p)) {
			b.slot.record(p[:n])
		}
		b.consumed += int64(n)
		b.mu.Unlock()
	}
	return n, err
}

// keeps reports whether bytes read now are to be kept in the slot: those
// of a request not yet begun. Between requests that is every byte; while
// an answer is under way, net/http reads one byte at a time only in its
// background read, which watches for the client's next request (or its
// going away) once the body was read: the byte is the next request's
// first, which a client sends as soon as it has the whole answer, before
// net/http calls the connection idle. Begin dropped the request's own
// bytes, so the slot then holds only such bytes, which the server takes as
// the sign that the answer was complete should the program die. b.mu is
// held.
func (b *Borrowed) keeps(n int) bool {
	if b.released {
		return false
	}
	switch b.slot.State() {
	case SlotOpen:
		return true
	case SlotBusy, SlotSent, SlotEnding:
		return n == 1
	}
	return false
}

// readRaw reads the connection with one system call per attempt, as a
// plain read does. Each attempt holds b.mu and does not block, so that it
// is never half done when Begin empties the slot or Close gives the
// connection back: a connection given back is never read again here. The
// bytes of a request not yet begun go straight into the slot's buffer,
// then to p; the slot's limit (how far the read may fill the buffer) and
// rbase (where in the connection's stream the buffer's read bytes begin)
// are stored before the read, so that the server can tell how much of the
// buffer a program that died in the read had taken.
func (b *Borrowed) readRaw(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r := &b.reader
	r.mu.Lock()
	r.p = p
	err := b.raw.Read(r.attempt)
	n, serr := r.n, r.err
	r.p, r.err = nil, nil
	r.mu.Unlock()
	if err == nil && serr != nil {
		err = serr
		if serr != net.ErrClosed {
			err = &net.OpError{Op: "read", Net: "tcp", Addr: b.LocalAddr(), Err: os.NewSyscallError("read", serr)}
		}
	}
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// rawReader holds a read's buffer and outcome for the function that
// syscall.RawConn.Read calls: made once per connection, where a closure
// over them escapes on every read. net/http reads a connection from one
// goroutine at a time; mu makes that a rule rather than an assumption.
type rawReader struct {
	mu      sync.Mutex
	b       *Borrowed
	attempt func(fd uintptr) bool // try, as a func value made once
	p       []byte
	n       int
	err     error
}

// try is one attempt of readRaw: false asks the poller to wait for bytes.
func (r *rawReader) try(fd uintptr) bool {
	r.b.mu.Lock()
	r.n, r.err = r.b.readInto(int(fd), r.p)
	r.b.mu.Unlock()
	return r.err != syscall.EAGAIN
}

// readInto is one non-blocking read of fd for readRaw. b.mu is held.
func (b *Borrowed) readInto(fd int, p []byte) (int, error) {
	if b.released {
		return 0, net.ErrClosed
	}
	h := b.slot.head
	off := int(h.n.Load())
	room := min(len(p), len(b.slot.buf)-off)
	keep := b.keeps(len(p))
	if !keep || room <= 0 {
		if keep {
			// More unread bytes than the slot holds: they cannot be
			// given back.
			b.slot.SetState(SlotLost)
		}
		n, err := read(fd, p)
		b.consumed += int64(n)
		return n, err
	}
	if off == int(h.pre.Load()) {
		// The first bytes read since the slot was emptied: they begin at
		// this point of the connection's stream.
		h.rbase.Store(b.read0 + b.consumed)
	}
	h.lim.Store(uint32(off + room))
	n, err := read(fd, b.slot.buf[off:off+room])
	copy(p, b.slot.buf[off:off+n])
	h.n.Store(uint32(off + n))
	h.lim.Store(uint32(off + n))
	b.consumed += int64(n)
	return n, err
}

// read is read(2) on a non-blocking descriptor, tried again when a signal
// interrupts it, as the runtime's own reads are: the poller would not wake
// for bytes that are already there. It returns no negative count.
func read(fd int, p []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, p)
		if err != syscall.EINTR {
			return max(n, 0), err
		}
	}
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
	s.head.lim.Store(uint32(n + len(p)))
}

// Write marks that an answer may reach the client, then writes. Once the
// handler returned, it keeps what net/http writes (the end of the answer)
// until net/http is done with the answer (endAnswer), so that the last
// bytes of an answer leave in one write whose end the slot records first:
// should the program die, the server can tell from the connection's count
// of bytes written whether the client has the whole answer.
func (b *Borrowed) Write(p []byte) (int, error) {
	b.mu.Lock()
	if b.returned && !b.expired {
		b.tail = append(b.tail, p...)
		b.mu.Unlock()
		return len(p), nil
	}
	b.mu.Unlock()
	if err := b.sending(); err != nil {
		return 0, err
	}
	n, err := b.Conn.Write(p)
	b.mu.Lock()
	b.written += int64(n)
	b.mu.Unlock()
	return n, err
}

// endAnswer writes the end of the answer kept by Write, recording first
// where the answer ends.
func (b *Borrowed) endAnswer() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.tail) == 0 {
		return nil
	}
	if b.expired || b.released {
		b.tail = b.tail[:0]
		return ErrExpired
	}
	if base := b.slot.head.base.Load(); base >= 0 {
		b.slot.head.end.Store(base + b.written + int64(len(b.tail)))
		b.slot.SetState(SlotEnding)
	} else {
		b.slot.SetState(SlotSent)
	}
	// mu is held across the write: a timeout's Expire must not write in
	// the middle of it; nothing else waits for it.
	// The slot stays SlotEnding until the connection is idle: whether the
	// write reached the connection is what the server asks the system.
	n, err := b.Conn.Write(b.tail)
	b.written += int64(n)
	b.tail = b.tail[:0]
	return err
}

// ReadFrom keeps the connection's own ReadFrom (sendfile, splice), which
// net/http uses for files.
func (b *Borrowed) ReadFrom(r io.Reader) (int64, error) {
	if err := b.endAnswer(); err != nil {
		return 0, err
	}
	if err := b.sending(); err != nil {
		return 0, err
	}
	var n int64
	var err error
	if rf, ok := b.Conn.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(r)
	} else {
		n, err = io.Copy(struct{ io.Writer }{b.Conn}, r)
	}
	b.mu.Lock()
	b.written += n
	b.mu.Unlock()
	return n, err
}

func (b *Borrowed) sending() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.expired || b.released {
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
	now := time.Now().UnixNano()
	b.mu.Lock()
	if !b.expired && !b.released {
		// The state first: the page's code runs right after the last
		// store here, and a death in between must read as begun.
		b.slot.head.started.Store(now)
		b.slot.SetState(SlotBusy)
		b.slot.head.pre.Store(0)
		b.slot.head.n.Store(0)
		b.slot.head.lim.Store(0)
		// The request's bytes are no longer the server's to count: the
		// next kept read sets where the next request's begin.
		b.slot.head.rbase.Store(-1)
		b.slot.latest.Store(now)
	}
	b.returned, b.answered = false, true
	b.mu.Unlock()
}

// Returned records that the handler returned: what net/http writes from
// now on ends the answer.
func (b *Borrowed) Returned() {
	b.mu.Lock()
	b.returned = true
	b.mu.Unlock()
}

// SetReadDeadline notes net/http's stopping of its background read, which
// it does once the last byte of an answer is written: from then on the
// connection is between requests as far as the client can tell.
func (b *Borrowed) SetReadDeadline(t time.Time) error {
	if err := b.endAnswer(); err != nil {
		return err
	}
	if !t.IsZero() && t.Before(time.Now()) {
		b.mu.Lock()
		if st := b.slot.State(); b.returned && !b.expired && !b.released && (st == SlotSent || st == SlotEnding) {
			b.slot.head.started.Store(0)
			b.slot.SetState(SlotOpen)
		}
		b.mu.Unlock()
	}
	return b.Conn.SetReadDeadline(t)
}

// Idle records that the answer is complete and the connection waits for
// its next request (net/http's StateIdle). The slot keeps what was read
// of that request already.
func (b *Borrowed) Idle() {
	b.endAnswer()
	b.mu.Lock()
	if !b.expired && !b.released {
		b.slot.head.started.Store(0)
		b.slot.SetState(SlotOpen)
	}
	b.returned, b.answered = false, false
	b.mu.Unlock()
}

// SetDeadline ends a kept answer first, as SetReadDeadline does.
func (b *Borrowed) SetDeadline(t time.Time) error {
	if err := b.endAnswer(); err != nil {
		return err
	}
	return b.Conn.SetDeadline(t)
}

// Hijacked records that a handler took the connection over (net/http's
// StateHijacked): the program answers it as it likes from now on.
func (b *Borrowed) Hijacked() {
	b.mu.Lock()
	if !b.released && b.slot.State() == SlotBusy {
		b.slot.SetState(SlotSent)
	}
	b.mu.Unlock()
}

// Expire ends the request of a handler that ran out of time: if nothing
// of its answer was written it writes answer (a complete response that
// closes the connection) and reports true; either way it closes the
// connection to the client, and later writes fail with ErrExpired. The
// time may run out before the handler began (the slot is still open, and
// no answer ended since the connection was idle): nothing was written
// then either.
func (b *Borrowed) Expire(answer []byte) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.expired || b.released {
		return false
	}
	b.expired, b.released = true, true
	answered := false
	st := b.slot.State()
	if st == SlotBusy || (st == SlotOpen || st == SlotLost) && !b.returned {
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
	b.endAnswer()
	b.mu.Lock()
	b.closeWrite = true
	b.mu.Unlock()
	if cw, ok := b.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// Close gives the connection back to the server when it is idle, or has
// not begun a request (the program's idle timeout, its shutdown, the
// client's end of the stream: the server decides what comes next), else
// ends it (net/http closes after an answer that said so): the
// client sees the end of the stream although the server's descriptor
// keeps the socket until the server sees SlotDone.
func (b *Borrowed) Close() error {
	b.endAnswer()
	b.mu.Lock()
	if b.released {
		// net/http may close a connection twice (Shutdown, then the
		// connection's own goroutine): the slot may be lent anew by now.
		b.mu.Unlock()
		return b.Conn.Close()
	}
	st := b.slot.State()
	back := st == SlotOpen && !b.answered && !b.closeWrite && !b.expired
	switch {
	case back:
		b.slot.SetState(SlotBack)
	case st != SlotBack:
		shutdown(b.Conn)
		b.slot.SetState(SlotDone)
	}
	b.expired, b.released = true, true
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
	if b.released {
		b.mu.Unlock()
		return
	}
	b.slot.SetState(SlotBack)
	b.expired, b.released = true, true
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

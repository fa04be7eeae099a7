//go:build unix

package handoff

import (
	"net"
	"sync"
)

// Lender is the server's side of a Table: the descriptor of every
// connection lent to one program, kept until the program ends the
// connection (SlotDone), gives it back (SlotBack) or dies. Because the
// server never lets go of a lent connection, a program's death does not
// close it: Reclaim tells, slot by slot, what can be served again.
type Lender struct {
	t *Table

	mu     sync.Mutex
	conns  []*held // by slot; nil when free
	free   []int   // free slots, the most recently freed last
	lent   int
	closed bool
}

// NewLender returns the server's side of t, every slot free.
func NewLender(t *Table) *Lender {
	l := &Lender{t: t, conns: make([]*held, t.Len()), free: make([]int, 0, t.Len())}
	for i := t.Len() - 1; i >= 0; i-- {
		l.free = append(l.free, i)
	}
	return l
}

// Lend records conn as lent with data, the bytes read from it and not
// answered, and returns its slot. It reports false when data does not fit
// in a slot, when every slot is lent (after sweeping the ended ones), or
// once Reclaim ran: the caller then serves the connection some other way.
func (l *Lender) Lend(conn net.Conn, data []byte) (int, bool) {
	if len(data) > SlotBuf {
		return 0, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return 0, false
	}
	if len(l.free) == 0 {
		l.sweepLocked()
		if len(l.free) == 0 {
			return 0, false
		}
	}
	written, read, ok := streamCounts(conn)
	if !ok {
		written, read = -1, -1
	}
	i := l.free[len(l.free)-1]
	l.free = l.free[:len(l.free)-1]
	l.t.Slot(i).Lend(data, written, read)
	l.conns[i] = &held{conn: conn, fd: -1}
	l.lent++
	return i, true
}

// Park takes the server's descriptor of conn, lent in slot i and sent to
// the program, out of the runtime's poller (see held), so that the
// program's requests on it do not wake the server. It does nothing when
// slot i holds another connection by now.
func (l *Lender) Park(i int, conn net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i >= 0 && i < len(l.conns) && l.conns[i] != nil && l.conns[i].conn == conn {
		l.conns[i].park()
	}
}

// Take takes back the connection in slot i, if it is lent, with the bytes
// to read before its own: data when given, else the slot's unread bytes.
// It is for a connection the program gives back (SlotBack) and for one
// that could not be sent.
func (l *Lender) Take(i int, data []byte) (*Conn, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i < 0 || i >= len(l.conns) || l.conns[i] == nil {
		return nil, false
	}
	if data == nil {
		data = l.t.Slot(i).unreadOf(l.conns[i])
	}
	c := l.releaseLocked(i).netConn()
	if c == nil {
		return nil, false
	}
	return NewConn(c, data, nil), true
}

func (l *Lender) releaseLocked(i int) *held {
	c := l.conns[i]
	l.conns[i] = nil
	l.t.Slot(i).SetState(SlotFree)
	l.free = append(l.free, i)
	l.lent--
	return c
}

// Sweep closes the server's descriptors of the connections the program
// ended, freeing their slots.
func (l *Lender) Sweep() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweepLocked()
}

func (l *Lender) sweepLocked() {
	for i, c := range l.conns {
		if c != nil && l.t.Slot(i).State() == SlotDone {
			l.releaseLocked(i).close()
		}
	}
}

// Lent returns the number of connections lent.
func (l *Lender) Lent() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lent
}

// Latest returns when the program began its latest request, in unix
// nanoseconds (0: none yet).
func (l *Lender) Latest() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return 0
	}
	return l.t.Latest()
}

// OldestBusy returns when the longest-running handler of the program
// began, in unix nanoseconds, or 0 when none runs.
func (l *Lender) OldestBusy() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	var oldest int64
	for i, c := range l.conns {
		if c == nil {
			continue
		}
		s := l.t.Slot(i)
		if s.State() != SlotBusy {
			continue
		}
		if st := s.Started(); st != 0 && (oldest == 0 || st < oldest) {
			oldest = st
		}
	}
	return oldest
}

// Reclaimed is what Reclaim found in the slots of a program that exited.
type Reclaimed struct {
	// Back are the connections whose unread bytes no handler began on,
	// between answers: serve them again, as if just accepted.
	Back []*Conn
	// Busy are the connections whose handler was running and had written
	// nothing: answer each with an error and close it.
	Busy []BusyConn
	// Cut counts the connections closed because an answer had begun, or
	// unread bytes were lost.
	Cut int
	// Began reports whether the program began any request.
	Began bool
}

// BusyConn is a connection whose request was running when its program
// died, and when it began (unix nanoseconds).
type BusyConn struct {
	net.Conn
	Started int64
}

// Reclaim takes back every connection lent, once the program has exited
// (its memory writes are final then), and lends no more. It closes the
// connections that cannot be answered and the table.
func (l *Lender) Reclaim() Reclaimed {
	l.mu.Lock()
	defer l.mu.Unlock()
	var r Reclaimed
	if l.closed {
		return r
	}
	l.closed = true
	r.Began = l.t.Latest() != 0
	for i, h := range l.conns {
		if h == nil {
			continue
		}
		s := l.t.Slot(i)
		switch st := s.State(); st {
		case SlotOpen, SlotBack:
			if c := h.netConn(); c != nil {
				r.Back = append(r.Back, NewConn(c, s.unreadOf(h), nil))
			} else {
				r.Cut++
			}
		case SlotBusy:
			if c := h.netConn(); c != nil {
				r.Busy = append(r.Busy, BusyConn{Conn: c, Started: s.Started()})
			} else {
				r.Cut++
			}
		case SlotSent, SlotEnding:
			// The answer is known to be complete when the client sent its
			// next request (see Borrowed.Read), or the last bytes of the
			// answer were written.
			unread := s.unreadOf(h)
			complete := len(unread) > 0
			if !complete && st == SlotEnding {
				n, _, ok := h.counts()
				complete = ok && n >= s.head.end.Load()
			}
			if !complete {
				r.Cut++
				h.close()
				break
			}
			if c := h.netConn(); c != nil {
				r.Back = append(r.Back, NewConn(c, unread, nil))
			} else {
				r.Cut++
			}
		case SlotDone:
			h.close()
		default:
			r.Cut++
			h.close()
		}
		l.conns[i] = nil
	}
	l.lent = 0
	l.t.Close()
	return r
}

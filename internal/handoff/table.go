//go:build unix

package handoff

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// A Table is the memory that gowebob serve and one page program share to
// keep account of the connections lent to the program: one Slot per lent
// connection. The program records in a connection's slot, with plain
// memory stores and no system call, what it did with the connection:
// which bytes it read and has not yet begun to answer, whether a handler
// runs, whether a byte of the answer may have left. The memory outlives
// the program, so that when it dies (os.Exit, SIGKILL, a fatal error) the
// server, which kept its own descriptor of every lent connection, knows
// for each one whether a request was lost in flight (a 502, or a cut
// answer) or whether the client's bytes can be served again elsewhere.
//
// The layout, version TableVersion: a 64-byte header (magic, version,
// slot count, buffer size as little-endian uint32s, then at offset 16 the
// unix nanoseconds of the program's latest request), then the slots, each
// a 64-byte header (uint32s: state, unread byte count, the length of the
// server's part of them, the limit up to which a read under way may fill
// the buffer; int64s: start time of the running handler in unix
// nanoseconds, the count of bytes written to the connection when it was
// lent, the count at which the answer being ended is complete, the count
// of bytes read from the connection where the program's unread bytes
// begin) and SlotBuf bytes of buffer. Version 2 added the limit: a program
// reads the connection straight into its slot, and should it die before
// it counted a read, the server learns from the system how much it took.
type Table struct {
	mem []byte
	n   int
}

// TableVersion is the layout version of a Table; a page program built
// against another layout refuses it.
const TableVersion = 2

const (
	tableMagic  = 0x4c534757 // "GWSL"
	tableHeader = 64
	slotHeader  = 64

	// SlotBuf is how many unread bytes a slot keeps: a request head that
	// is larger is served by the proxy instead of handed over, and a later
	// request that is larger cannot be recovered if the program dies while
	// it reads it.
	SlotBuf = 32 << 10

	slotSize = slotHeader + SlotBuf
)

// The states of a Slot. The server writes Open when it lends a
// connection and reads the state back when the program returns it or
// dies; in between only the program writes.
const (
	// SlotFree: not lent.
	SlotFree uint32 = iota
	// SlotOpen: the program holds the connection between requests, or is
	// reading one: the buffer holds every byte read and not yet answered.
	SlotOpen
	// SlotBusy: a handler runs; no byte of its answer has been written.
	SlotBusy
	// SlotSent: bytes of an answer may have reached the client.
	SlotSent
	// SlotDone: the program closed the connection for good.
	SlotDone
	// SlotBack: the program gives the connection back with the buffer's
	// bytes, which it did not answer.
	SlotBack
	// SlotLost: the program read more than the buffer holds without
	// answering it: those bytes cannot be given back.
	SlotLost
	// SlotEnding: the program is writing the last bytes of an answer: the
	// answer is complete once the connection's count of written bytes
	// reaches the slot's end.
	SlotEnding
)

// slotHead is the fixed part of a slot, in shared memory.
type slotHead struct {
	state   atomic.Uint32
	n       atomic.Uint32
	pre     atomic.Uint32 // the first pre unread bytes are the server's, the rest read from the connection
	lim     atomic.Uint32 // the buffer holds at most lim unread bytes: n, or the end of a read under way
	started atomic.Int64
	base    atomic.Int64 // bytes written to the connection when lent; -1: unknown
	end     atomic.Int64
	rbase   atomic.Int64 // bytes read from the connection where the read part begins; -1: unknown
}

// Slot is one connection's record in a Table.
type Slot struct {
	head   *slotHead
	buf    []byte
	latest *atomic.Int64 // the table's time of the latest request
}

// NewTable makes a table of n slots in memory that no file name points at
// and returns it with the file to hand to the program (exec.Cmd's
// ExtraFiles), which the caller closes once the program started.
func NewTable(dir string, n int) (*Table, *os.File, error) {
	f, err := os.CreateTemp(dir, "gowebob-table-")
	if err != nil {
		return nil, nil, fmt.Errorf("handoff: table: %w", err)
	}
	os.Remove(f.Name())
	size := tableHeader + n*slotSize
	if err := f.Truncate(int64(size)); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("handoff: table: %w", err)
	}
	t, err := mapTable(f, size)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	binary.LittleEndian.PutUint32(t.mem[0:], tableMagic)
	binary.LittleEndian.PutUint32(t.mem[4:], TableVersion)
	binary.LittleEndian.PutUint32(t.mem[8:], uint32(n))
	binary.LittleEndian.PutUint32(t.mem[12:], SlotBuf)
	t.n = n
	return t, f, nil
}

// ErrTable is a table file that is not a table of this version.
var ErrTable = errors.New("handoff: not a connection table of this version")

// OpenTable maps the table in f (a program's inherited descriptor). It
// closes f.
func OpenTable(f *os.File) (*Table, error) {
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("handoff: table: %w", err)
	}
	if fi.Size() < tableHeader {
		return nil, ErrTable
	}
	t, err := mapTable(f, int(fi.Size()))
	if err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	n := int(le.Uint32(t.mem[8:]))
	if le.Uint32(t.mem[0:]) != tableMagic || le.Uint32(t.mem[4:]) != TableVersion ||
		le.Uint32(t.mem[12:]) != SlotBuf || tableHeader+n*slotSize != len(t.mem) {
		t.Close()
		return nil, ErrTable
	}
	t.n = n
	return t, nil
}

func mapTable(f *os.File, size int) (*Table, error) {
	mem, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("handoff: table: mmap: %w", err)
	}
	return &Table{mem: mem}, nil
}

// Len returns the number of slots.
func (t *Table) Len() int { return t.n }

// Slot returns slot i.
func (t *Table) Slot(i int) Slot {
	off := tableHeader + i*slotSize
	return Slot{
		// The memory is a page-aligned mapping outside the Go heap, and the
		// offset keeps the fields 8-byte aligned.
		head:   (*slotHead)(unsafe.Pointer(&t.mem[off])),
		buf:    t.mem[off+slotHeader : off+slotSize : off+slotSize],
		latest: t.latest(),
	}
}

func (t *Table) latest() *atomic.Int64 { return (*atomic.Int64)(unsafe.Pointer(&t.mem[16])) }

// Latest returns when the program began its latest request, in unix
// nanoseconds (0: none yet).
func (t *Table) Latest() int64 { return t.latest().Load() }

// Close unmaps the table.
func (t *Table) Close() error {
	if t.mem == nil {
		return nil
	}
	err := syscall.Munmap(t.mem)
	t.mem = nil
	return err
}

// State returns the slot's state.
func (s Slot) State() uint32 { return s.head.state.Load() }

// SetState records the slot's state.
func (s Slot) SetState(v uint32) { s.head.state.Store(v) }

// Lend records a connection lent with data, the bytes read from it and
// not answered, and the counts of bytes written to and read from it so
// far (-1: unknown); it reports false when data does not fit.
func (s Slot) Lend(data []byte, written, read int64) bool {
	if len(data) > len(s.buf) {
		return false
	}
	copy(s.buf, data)
	s.head.n.Store(uint32(len(data)))
	s.head.pre.Store(uint32(len(data)))
	s.head.lim.Store(uint32(len(data)))
	s.head.started.Store(0)
	s.head.base.Store(written)
	s.head.end.Store(0)
	s.head.rbase.Store(read)
	s.head.state.Store(SlotOpen)
	return true
}

// Unread returns a copy of the bytes the slot holds.
func (s Slot) Unread() []byte {
	n := min(int(s.head.n.Load()), len(s.buf))
	return append([]byte(nil), s.buf[:n]...)
}

// unreadOf returns a copy of the bytes the slot holds that were taken
// from conn. A program reads the connection straight into the slot and
// counts what it read (n) once the read returned: should it die in
// between, the connection's count of bytes read says how many of the
// bytes the read may have filled (up to lim) it took.
func (s Slot) unreadOf(h *held) []byte {
	n, lim := int(s.head.n.Load()), int(s.head.lim.Load())
	n = min(n, len(s.buf))
	lim = min(max(lim, n), len(s.buf))
	k := n
	if rbase := s.head.rbase.Load(); rbase >= 0 && lim > n {
		if _, read, ok := h.counts(); ok {
			pre := int64(min(int(s.head.pre.Load()), n))
			k = int(min(max(pre+read-rbase, int64(n)), int64(lim)))
		}
	}
	return append([]byte(nil), s.buf[:k]...)
}

// Started returns when the running handler began, in unix nanoseconds (0
// when none runs).
func (s Slot) Started() int64 { return s.head.started.Load() }

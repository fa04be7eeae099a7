package pageproto

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// HandoffEnv names the environment variable that tells a page program the
// server hands it connections: its value is the Limits, and the socket
// pair is the program's file descriptor 3.
const HandoffEnv = "GOWEBOB_HANDOFF"

// HandoffFD is the page program's end of the hand-off socket pair.
const HandoffFD = 3

// The first byte of every message on the hand-off socket pair.
const (
	// MsgConn carries a connection. From the server: the Route of its
	// first request, then the bytes read from it. From a page: the bytes
	// read from it (a request that is not the page's).
	MsgConn = 'C'
	// MsgStop asks a page to finish its requests and exit (server to page).
	MsgStop = 'S'
	// MsgLog carries log records (page to server), see AppendRecord.
	MsgLog = 'L'
	// MsgBusy says a page is still answering requests (page to server).
	MsgBusy = 'B'
)

// ErrMessage is a hand-off message that cannot be read.
var ErrMessage = errors.New("pageproto: bad hand-off message")

// Limits are the HTTP server settings a page program applies to the
// connections handed to it, the same as the server's own. A zero field
// takes gowebob serve's default.
type Limits struct {
	ReadHeaderTimeout time.Duration // default 10 s
	ReadTimeout       time.Duration // default 1 min
	WriteTimeout      time.Duration // default 2 min
	IdleTimeout       time.Duration // default 2 min
	MaxHeaderBytes    int           // default 64 KiB
}

// WithDefaults returns l with each zero field set to its default.
func (l Limits) WithDefaults() Limits {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&l.ReadHeaderTimeout, 10*time.Second)
	def(&l.ReadTimeout, time.Minute)
	def(&l.WriteTimeout, 2*time.Minute)
	def(&l.IdleTimeout, 2*time.Minute)
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = 64 << 10
	}
	return l
}

// String encodes l for HandoffEnv.
func (l Limits) String() string {
	return fmt.Sprintf("%s,%s,%s,%s,%d", l.ReadHeaderTimeout, l.ReadTimeout, l.WriteTimeout, l.IdleTimeout, l.MaxHeaderBytes)
}

// ParseLimits decodes Limits.String.
func ParseLimits(s string) (Limits, error) {
	f := strings.Split(s, ",")
	if len(f) != 5 {
		return Limits{}, fmt.Errorf("pageproto: bad limits %q", s)
	}
	var l Limits
	for i, d := range []*time.Duration{&l.ReadHeaderTimeout, &l.ReadTimeout, &l.WriteTimeout, &l.IdleTimeout} {
		v, err := time.ParseDuration(f[i])
		if err != nil {
			return Limits{}, fmt.Errorf("pageproto: bad limits %q: %w", s, err)
		}
		*d = v
	}
	n, err := strconv.Atoi(f[4])
	if err != nil {
		return Limits{}, fmt.Errorf("pageproto: bad limits %q: %w", s, err)
	}
	l.MaxHeaderBytes = n
	return l, nil
}

// Route is what the server decided for a URL path it handed to a page:
// the environ the page must see for it, and the files whose state made the
// decision, so that the page can tell when a later request for the same
// path must go back to the server (a file changed: the URL may now name
// something else, or the page must be rebuilt).
type Route struct {
	Path    string            // the decoded URL path
	Environ map[string]string // SCRIPT_NAME, PATH_INFO, SCRIPT_FILENAME, DOCUMENT_ROOT
	Checks  []Check
}

// Check is the state of one file, by absolute path, as os.Stat saw it.
type Check struct {
	Path    string
	Exists  bool
	Dir     bool
	Size    int64
	ModTime int64 // unix nanoseconds
}

// StatCheck returns the current state of path.
func StatCheck(path string) Check {
	fi, err := os.Stat(path)
	if err != nil {
		return Check{Path: path}
	}
	return FileCheck(path, fi)
}

// FileCheck returns the state fi (the result of a stat of path) gives.
func FileCheck(path string, fi fs.FileInfo) Check {
	return Check{Path: path, Exists: true, Dir: fi.IsDir(), Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
}

// Holds reports whether path is still in the state c recorded.
func (c Check) Holds() bool { return StatCheck(c.Path) == c }

// AppendRoute appends rt's encoding to b.
func AppendRoute(b []byte, rt *Route) []byte {
	b = appendString(b, rt.Path)
	b = binary.AppendUvarint(b, uint64(len(rt.Environ)))
	for k, v := range rt.Environ {
		b = appendString(b, k)
		b = appendString(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(rt.Checks)))
	for _, c := range rt.Checks {
		b = appendString(b, c.Path)
		var flags byte
		if c.Exists {
			flags |= 1
		}
		if c.Dir {
			flags |= 2
		}
		b = append(b, flags)
		b = binary.AppendVarint(b, c.Size)
		b = binary.AppendVarint(b, c.ModTime)
	}
	return b
}

// ParseRoute decodes a route at the start of b and returns the bytes after
// it.
func ParseRoute(b []byte) (*Route, []byte, error) {
	d := decoder{b: b}
	rt := &Route{Path: d.string()}
	n := d.count()
	rt.Environ = make(map[string]string, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.string()
		rt.Environ[k] = d.string()
	}
	n = d.count()
	rt.Checks = make([]Check, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		c := Check{Path: d.string()}
		flags := d.byte()
		c.Exists, c.Dir = flags&1 != 0, flags&2 != 0
		c.Size, c.ModTime = d.varint(), d.varint()
		rt.Checks = append(rt.Checks, c)
	}
	if d.err != nil {
		return nil, nil, d.err
	}
	return rt, d.b, nil
}

// AppendRecord appends a log record's encoding to b: its time, level,
// message and attributes (values keep their kind when it is a string, an
// integer or a duration; others, groups included, are sent as text).
func AppendRecord(b []byte, r slog.Record) []byte {
	t := int64(math.MinInt64) // the zero time, which UnixNano cannot give
	if !r.Time.IsZero() {
		t = r.Time.UnixNano()
	}
	b = binary.AppendVarint(b, t)
	b = binary.AppendVarint(b, int64(r.Level))
	b = appendString(b, r.Message)
	b = binary.AppendUvarint(b, uint64(r.NumAttrs()))
	r.Attrs(func(a slog.Attr) bool {
		b = appendAttr(b, a)
		return true
	})
	return b
}

// appendAttr appends one attribute; a group becomes one text value holding
// its members, which keeps the count AppendRecord wrote right.
func appendAttr(b []byte, a slog.Attr) []byte {
	v := a.Value.Resolve()
	b = appendString(b, a.Key)
	switch v.Kind() {
	case slog.KindInt64:
		b = append(b, 'i')
		b = binary.AppendVarint(b, v.Int64())
	case slog.KindDuration:
		b = append(b, 'd')
		b = binary.AppendVarint(b, int64(v.Duration()))
	default:
		b = append(b, 's')
		b = appendString(b, v.String())
	}
	return b
}

// ParseRecord decodes a record at the start of b and returns the bytes
// after it.
func ParseRecord(b []byte) (slog.Record, []byte, error) {
	d := decoder{b: b}
	var t time.Time
	if ns := d.varint(); ns != math.MinInt64 {
		t = time.Unix(0, ns)
	}
	level := slog.Level(d.varint())
	r := slog.NewRecord(t, level, d.string(), 0)
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		key := d.string()
		switch d.byte() {
		case 'i':
			r.AddAttrs(slog.Int64(key, d.varint()))
		case 'd':
			r.AddAttrs(slog.Duration(key, time.Duration(d.varint())))
		case 's':
			r.AddAttrs(slog.String(key, d.string()))
		default:
			d.err = ErrMessage
		}
	}
	if d.err != nil {
		return slog.Record{}, nil, d.err
	}
	return r, d.b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads the encodings above; the first error sticks and later
// reads return zero values.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 { return readVarint(d, binary.Uvarint) }

func (d *decoder) varint() int64 { return readVarint(d, binary.Varint) }

// readVarint reads one number with read, binary.Uvarint or binary.Varint.
func readVarint[T uint64 | int64](d *decoder, read func([]byte) (T, int)) T {
	if d.err != nil {
		return 0
	}
	v, n := read(d.b)
	if n <= 0 {
		d.err = ErrMessage
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a count, which cannot exceed the bytes left (each item takes
// at least one), so that a bad message cannot make a huge allocation.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = ErrMessage
		return 0
	}
	return int(n)
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.err = ErrMessage
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = ErrMessage
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

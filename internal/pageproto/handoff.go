package pageproto

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// HandoffEnv names the environment variable that tells a page program the
// server hands it connections: its value is the protocol version, a
// semicolon, and the Settings (see Settings.String). The socket pair is
// the program's file descriptor HandoffFD, the connection table
// (handoff.Table) TableFD.
const HandoffEnv = "GOWEBOB_HANDOFF"

// Version is the version of the hand-off protocol: the messages below,
// the Route and record encodings, the Settings and the connection table's
// layout. A program announces the version it was built with in its
// MsgHello; the server treats a program that announces another (or none)
// as stale and builds it again. Change it with any change to them.
const Version = 3

// HandoffFD is the page program's end of the hand-off socket pair, and
// TableFD its connection table.
const (
	HandoffFD = 3
	TableFD   = 4
)

// The first byte of every message on the hand-off socket pair. A message
// is one SEQPACKET datagram.
//
// Server to page:
//   - MsgConn lends a connection, whose descriptor comes with the message:
//     the uvarint index of its slot in the connection table (which holds
//     the bytes the server read from it and did not answer), then the
//     Route of its first request.
//   - MsgStop asks the page to finish its requests and exit.
//
// Page to server:
//   - MsgHello, first: the uvarint Version the program was built with.
//   - MsgBack gives a lent connection back: the uvarint index of its
//     slot, then, when the slot could not hold them, the bytes to read
//     before the connection's own (else the slot's unread bytes are).
//   - MsgLog carries log records (AppendRecord).
//   - MsgRecycle asks to be replaced by a new program: the reason
//     follows as text (a request past its deadline, MaxRequests,
//     MaxLifetime). The server stops lending to it and stops it.
const (
	MsgConn    = 'C'
	MsgStop    = 'S'
	MsgHello   = 'H'
	MsgBack    = 'G'
	MsgLog     = 'L'
	MsgRecycle = 'X'
)

// ErrMessage is a hand-off message that cannot be read.
var ErrMessage = errors.New("pageproto: bad hand-off message")

// AppendIndex appends a slot index (or a version) to b.
func AppendIndex(b []byte, i int) []byte { return binary.AppendUvarint(b, uint64(i)) }

// ParseIndex reads a slot index (or a version) at the start of b and
// returns the bytes after it.
func ParseIndex(b []byte) (int, []byte, error) {
	v, n := binary.Uvarint(b)
	if n <= 0 || v > math.MaxInt32 {
		return 0, nil, ErrMessage
	}
	return int(v), b[n:], nil
}

// Settings are what a page program applies to the connections lent to
// it: the HTTP server's timeouts and header limit (the same as the
// server's own), and mod_wsgi's daemon-mode safety nets. A zero field
// takes gowebob serve's default (see WithDefaults); a negative one turns a
// safety net off.
type Settings struct {
	ReadHeaderTimeout time.Duration // default 10 s
	ReadTimeout       time.Duration // default 1 min
	WriteTimeout      time.Duration // default 2 min
	IdleTimeout       time.Duration // default 2 min
	MaxHeaderBytes    int           // default 64 KiB

	// ShutdownTimeout is how long requests in flight get to finish when
	// the program is stopped (a reload, an idle stop, SIGTERM). Default
	// 30 s.
	ShutdownTimeout time.Duration
	// RequestTimeout bounds a handler: past it the request is answered
	// with a 504 (or its answer is cut), and a program whose handler still
	// runs a second later is recycled. Default 60 s.
	RequestTimeout time.Duration
	// MaxConcurrent bounds the handlers running at once; the next requests
	// wait for a turn at most QueueTimeout, then get a 503 with
	// Retry-After. Defaults 512 and 45 s.
	MaxConcurrent int
	QueueTimeout  time.Duration
	// MaxRequests and MaxLifetime recycle the program after that many
	// requests or that long, as mod_wsgi's maximum-requests does. Default
	// off.
	MaxRequests int
	MaxLifetime time.Duration
}

// WithDefaults returns s with each zero field set to its default.
func (s Settings) WithDefaults() Settings {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&s.ReadHeaderTimeout, 10*time.Second)
	def(&s.ReadTimeout, time.Minute)
	def(&s.WriteTimeout, 2*time.Minute)
	def(&s.IdleTimeout, 2*time.Minute)
	def(&s.ShutdownTimeout, 30*time.Second)
	def(&s.RequestTimeout, time.Minute)
	def(&s.QueueTimeout, 45*time.Second)
	if s.MaxHeaderBytes <= 0 {
		s.MaxHeaderBytes = 64 << 10
	}
	if s.MaxConcurrent == 0 {
		s.MaxConcurrent = 512
	}
	return s
}

// settingField is one field of Settings, by its name in String: a
// duration or a number.
type settingField struct {
	name string
	d    *time.Duration
	n    *int
}

// fields lists the fields of s.
func (s *Settings) fields() []settingField {
	type f = settingField
	return []f{
		{"read-header-timeout", &s.ReadHeaderTimeout, nil},
		{"read-timeout", &s.ReadTimeout, nil},
		{"write-timeout", &s.WriteTimeout, nil},
		{"idle-timeout", &s.IdleTimeout, nil},
		{"max-header-bytes", nil, &s.MaxHeaderBytes},
		{"shutdown-timeout", &s.ShutdownTimeout, nil},
		{"request-timeout", &s.RequestTimeout, nil},
		{"max-concurrent", nil, &s.MaxConcurrent},
		{"queue-timeout", &s.QueueTimeout, nil},
		{"max-requests", nil, &s.MaxRequests},
		{"max-lifetime", &s.MaxLifetime, nil},
	}
}

// String encodes s for HandoffEnv, as name=value pairs.
func (s Settings) String() string {
	var b strings.Builder
	for i, f := range s.fields() {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(f.name)
		b.WriteByte('=')
		if f.d != nil {
			b.WriteString(f.d.String())
		} else {
			b.WriteString(strconv.Itoa(*f.n))
		}
	}
	return b.String()
}

// ParseSettings decodes Settings.String. A name it does not know is an
// error: the program and the server disagree on the protocol.
func ParseSettings(text string) (Settings, error) {
	var s Settings
	fields := s.fields()
	for _, pair := range strings.Split(text, ",") {
		name, value, ok := strings.Cut(pair, "=")
		if !ok {
			return Settings{}, fmt.Errorf("pageproto: bad settings %q", text)
		}
		i := slices.IndexFunc(fields, func(f settingField) bool { return f.name == name })
		if i < 0 {
			return Settings{}, fmt.Errorf("pageproto: unknown setting %q", name)
		}
		var err error
		if f := fields[i]; f.d != nil {
			*f.d, err = time.ParseDuration(value)
		} else {
			*f.n, err = strconv.Atoi(value)
		}
		if err != nil {
			return Settings{}, fmt.Errorf("pageproto: bad setting %s: %w", name, err)
		}
	}
	return s, nil
}

// HandoffValue returns the HandoffEnv value for s.
func HandoffValue(s Settings) string { return strconv.Itoa(Version) + ";" + s.String() }

// ParseHandoffValue decodes a HandoffEnv value, refusing another version.
func ParseHandoffValue(v string) (Settings, error) {
	ver, rest, ok := strings.Cut(v, ";")
	if !ok || ver != strconv.Itoa(Version) {
		return Settings{}, fmt.Errorf("pageproto: the server speaks hand-off protocol %q, this program %d", ver, Version)
	}
	return ParseSettings(rest)
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

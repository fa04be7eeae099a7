package pageproto

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettingsString(t *testing.T) {
	s := Settings{
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       1500 * time.Millisecond,
		MaxHeaderBytes:    64 << 10,
		RequestTimeout:    -1,
		MaxConcurrent:     3,
	}
	assert.Equal(t, "read-header-timeout=10s,read-timeout=1m0s,write-timeout=2m0s,idle-timeout=1.5s,max-header-bytes=65536,"+
		"shutdown-timeout=0s,request-timeout=-1ns,max-concurrent=3,queue-timeout=0s,max-requests=0,max-lifetime=0s", s.String())
}

func TestSettingsRoundTrip(t *testing.T) {
	for _, s := range []Settings{
		{},
		Settings{}.WithDefaults(),
		{ReadHeaderTimeout: time.Nanosecond, ReadTimeout: time.Microsecond, WriteTimeout: time.Millisecond, IdleTimeout: time.Hour + 2*time.Minute + 3500*time.Millisecond, MaxHeaderBytes: 1},
		{ReadHeaderTimeout: -time.Second, ReadTimeout: 1<<63 - 1, WriteTimeout: -1 << 63, MaxHeaderBytes: -5},
		{ShutdownTimeout: 15 * time.Second, RequestTimeout: time.Hour, MaxConcurrent: -1, QueueTimeout: time.Millisecond, MaxRequests: 1 << 40, MaxLifetime: 24 * time.Hour},
	} {
		t.Run(s.String(), func(t *testing.T) {
			got, err := ParseSettings(s.String())
			require.NoError(t, err)
			assert.Equal(t, s, got)
			got, err = ParseHandoffValue(HandoffValue(s))
			require.NoError(t, err)
			assert.Equal(t, s, got)
		})
	}
}

func TestParseSettingsForms(t *testing.T) {
	// Any subset, in any order, with any time.ParseDuration form.
	got, err := ParseSettings("max-requests=7,read-timeout=1.5s,request-timeout=+2s")
	require.NoError(t, err)
	assert.Equal(t, Settings{ReadTimeout: 1500 * time.Millisecond, RequestTimeout: 2 * time.Second, MaxRequests: 7}, got)
}

func TestParseSettingsBad(t *testing.T) {
	for _, s := range []string{
		"",
		",",
		"read-timeout",
		"read-timeout=1s,",
		"read-timeout=1",           // a duration needs a unit
		"max-header-bytes=1s",      // a number
		"max-header-bytes=1.5",     // an integer
		"max-header-bytes=1k",      // in bytes
		"max-header-bytes= 1",      // without spaces
		" read-timeout=1s",         // anywhere
		"read-timeout:1s",          // with =
		"colour=blue",              // a setting of another version
		"read-timeout=9999999999h", // overflows
		"max-requests=99999999999999999999",
	} {
		t.Run(s, func(t *testing.T) {
			got, err := ParseSettings(s)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "pageproto: ")
			assert.Zero(t, got)
		})
	}
	_, err := ParseHandoffValue("1;read-timeout=1s")
	assert.ErrorContains(t, err, "protocol", "a server of another protocol version is refused")
	_, err = ParseHandoffValue("read-timeout=1s")
	assert.Error(t, err)
}

func TestSettingsWithDefaults(t *testing.T) {
	def := Settings{
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ShutdownTimeout:   30 * time.Second,
		RequestTimeout:    time.Minute,
		MaxConcurrent:     512,
		QueueTimeout:      45 * time.Second,
	}
	off := Settings{ReadHeaderTimeout: -1, ReadTimeout: -time.Hour, WriteTimeout: -1, IdleTimeout: -1,
		ShutdownTimeout: -1, RequestTimeout: -1, MaxConcurrent: -1, QueueTimeout: -1, MaxRequests: -1, MaxLifetime: -1}
	offWant := off
	offWant.MaxHeaderBytes = 64 << 10
	for _, tc := range []struct {
		name string
		in   Settings
		want Settings
	}{
		{"zero", Settings{}, def},
		{"negative is off", off, offWant},
		{"some set", Settings{ReadTimeout: time.Second, MaxHeaderBytes: 1 << 20, MaxRequests: 9},
			func() Settings {
				d := def
				d.ReadTimeout, d.MaxHeaderBytes, d.MaxRequests = time.Second, 1<<20, 9
				return d
			}()},
		{"defaults", def, def},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.in.WithDefaults())
		})
	}
}

// testRoute returns a route whose checks are the real states of files in
// a temporary directory, including missing ones.
func testRoute(t *testing.T) *Route {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "page.py")
	require.NoError(t, os.WriteFile(file, []byte("print('hi')\n"), 0o644))
	checks := []Check{
		StatCheck(file),
		StatCheck(dir),
		StatCheck(filepath.Join(dir, "missing.py")),
		StatCheck(filepath.Join(dir, "no", "such", "dir")),
		StatCheck(filepath.Join(file, "under-a-file")),
		{Path: "/synthetic", Exists: true, Size: -1, ModTime: -1 << 63},
		{Path: "/synthetic/dir", Exists: true, Dir: true, Size: 1<<63 - 1, ModTime: 1<<63 - 1},
	}
	require.True(t, checks[0].Exists)
	require.True(t, checks[1].Dir)
	require.False(t, checks[2].Exists)
	require.False(t, checks[3].Exists)
	require.False(t, checks[4].Exists)
	return &Route{
		Path: "/dir/page.py/extra/\xff\xfe é",
		Environ: map[string]string{
			"SCRIPT_NAME":     "/dir/page.py",
			"PATH_INFO":       "/extra/\xff\xfe é",
			"SCRIPT_FILENAME": file,
			"DOCUMENT_ROOT":   dir,
			"EMPTY":           "",
			"":                "empty key",
			"NUL\x00KEY":      "nul\x00value",
			"LONG":            strings.Repeat("v", 300), // a two-byte length
		},
		Checks: checks,
	}
}

func TestRouteRoundTrip(t *testing.T) {
	rt := testRoute(t)
	b := AppendRoute([]byte{MsgConn}, rt)
	require.Equal(t, byte(MsgConn), b[0], "AppendRoute appends")
	b = append(b, "GET / HTTP/1.1\r\n\xff"...)

	got, rest, err := ParseRoute(b[1:])
	require.NoError(t, err)
	assert.Equal(t, rt, got)
	assert.Equal(t, "GET / HTTP/1.1\r\n\xff", string(rest))

	// Without trailing data, the rest is empty.
	got, rest, err = ParseRoute(AppendRoute(nil, rt))
	require.NoError(t, err)
	assert.Equal(t, rt, got)
	assert.Empty(t, rest)
}

func TestRouteEmpty(t *testing.T) {
	for _, tc := range []struct {
		rt  *Route
		enc []byte
	}{
		{&Route{}, []byte{0, 0, 0}},
		{&Route{Path: "/", Environ: map[string]string{}, Checks: []Check{}}, []byte{1, '/', 0, 0}},
	} {
		b := AppendRoute(nil, tc.rt)
		assert.Equal(t, tc.enc, b)
		got, rest, err := ParseRoute(b)
		require.NoError(t, err)
		assert.Empty(t, rest)
		assert.Equal(t, tc.rt.Path, got.Path)
		assert.Empty(t, got.Environ)
		assert.Empty(t, got.Checks)
	}
}

func TestRouteSequence(t *testing.T) {
	// Routes one after another parse one at a time.
	a := testRoute(t)
	c := &Route{Path: "/second", Environ: map[string]string{"SCRIPT_NAME": "/second"}, Checks: []Check{{Path: "/x"}}}
	b := AppendRoute(AppendRoute(nil, a), c)
	got, rest, err := ParseRoute(b)
	require.NoError(t, err)
	assert.Equal(t, a, got)
	got, rest, err = ParseRoute(rest)
	require.NoError(t, err)
	assert.Equal(t, c, got)
	assert.Empty(t, rest)
}

func TestRouteFlagsIgnoreOtherBits(t *testing.T) {
	b := AppendRoute(nil, &Route{Path: "/", Checks: []Check{{Path: "/p", Exists: true, Dir: true, Size: 3, ModTime: 4}}})
	// The flags byte follows the check's path.
	i := bytes.Index(b, []byte("\x02/p")) + 3
	require.Equal(t, byte(3), b[i])
	for _, flags := range []byte{0x00, 0x01, 0x02, 0xfc, 0xfd, 0xfe, 0xff} {
		b[i] = flags
		got, _, err := ParseRoute(b)
		require.NoError(t, err)
		require.Len(t, got.Checks, 1)
		assert.Equal(t, flags&1 != 0, got.Checks[0].Exists, "flags %#x", flags)
		assert.Equal(t, flags&2 != 0, got.Checks[0].Dir, "flags %#x", flags)
		assert.EqualValues(t, 3, got.Checks[0].Size)
		assert.EqualValues(t, 4, got.Checks[0].ModTime)
	}
}

func TestParseRouteTruncated(t *testing.T) {
	b := AppendRoute(nil, testRoute(t))
	for i := range len(b) {
		rt, rest, err := ParseRoute(b[:i])
		require.ErrorIs(t, err, ErrMessage, "prefix of %d bytes of %d", i, len(b))
		assert.Nil(t, rt)
		assert.Nil(t, rest)
	}
}

func TestParseRouteBad(t *testing.T) {
	uv := func(v uint64) []byte { return binary.AppendUvarint(nil, v) }
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"nil", nil},
		{"overlong varint", bytes.Repeat([]byte{0xff}, 11)},
		{"path longer than message", cat(uv(10), []byte("short"))},
		{"huge path length", cat(uv(1<<62), []byte("x"))},
		{"huge environ count", cat(uv(1), []byte("/"), uv(1<<40))},
		{"environ count over bytes left", cat(uv(1), []byte("/"), uv(3), uv(1), []byte("k"), uv(1), []byte("v"))},
		{"missing check count", cat(uv(1), []byte("/"), uv(0))},
		{"huge check count", cat(uv(1), []byte("/"), uv(0), uv(1<<50))},
		{"check without flags", cat(uv(1), []byte("/"), uv(0), uv(1), uv(2), []byte("/p"))},
		{"check without times", cat(uv(1), []byte("/"), uv(0), uv(1), uv(2), []byte("/p"), []byte{1}, uv(4))},
		{"overlong size", cat(uv(1), []byte("/"), uv(0), uv(1), uv(2), []byte("/p"), []byte{1}, bytes.Repeat([]byte{0x80}, 12))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rt, rest, err := ParseRoute(tc.b)
			assert.ErrorIs(t, err, ErrMessage)
			assert.Nil(t, rt)
			assert.Nil(t, rest)
		})
	}
}

type valuer struct{ s string }

func (v valuer) LogValue() slog.Value { return slog.StringValue("resolved " + v.s) }

type stringer struct{}

func (stringer) String() string { return "a stringer" }

func recordAttrs(r slog.Record) []slog.Attr {
	var as []slog.Attr
	r.Attrs(func(a slog.Attr) bool {
		as = append(as, a)
		return true
	})
	return as
}

// assertRecord checks that got is want as ParseRecord returns it.
func assertRecord(t *testing.T, want, got slog.Record) {
	t.Helper()
	assert.Equal(t, want.Time.UnixNano(), got.Time.UnixNano())
	assert.Equal(t, want.Level, got.Level)
	assert.Equal(t, want.Message, got.Message)
	wa, ga := recordAttrs(want), recordAttrs(got)
	require.Len(t, ga, len(wa))
	for i := range wa {
		assert.Equal(t, wa[i].Key, ga[i].Key, "attr %d", i)
		assert.Equal(t, wa[i].Value.Kind(), ga[i].Value.Kind(), "attr %d %s", i, wa[i].Key)
		assert.True(t, wa[i].Value.Equal(ga[i].Value), "attr %d %s: %v != %v", i, wa[i].Key, wa[i].Value, ga[i].Value)
	}
}

func TestRecordRoundTrip(t *testing.T) {
	when := time.Date(2024, 2, 29, 13, 14, 15, 123456789, time.FixedZone("X", 3600))
	r := slog.NewRecord(when, slog.LevelWarn+2, "a message \xff with\nnewline", 0)
	r.AddAttrs(
		slog.String("s", "value \x00 \xfe"),
		slog.Int("int", -42),
		slog.Int64("big", 1<<62),
		slog.Duration("d", 1500*time.Millisecond),
		slog.Bool("ok", true),
		slog.Float64("f", 2.5),
		slog.Uint64("u", 1<<63),
		slog.Time("t", time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC)),
		slog.Group("g", slog.Int("a", 1), slog.String("b", "x")),
		slog.Any("err", fmt.Errorf("boom")),
		slog.Any("stringer", stringer{}),
		slog.Any("valuer", valuer{"v"}),
		slog.Group("empty"), // dropped by the record
		slog.String("", "empty key"),
	)
	require.Equal(t, 13, r.NumAttrs())

	b := AppendRecord([]byte{MsgLog}, r)
	require.Equal(t, byte(MsgLog), b[0])
	b = append(b, "after"...)
	got, rest, err := ParseRecord(b[1:])
	require.NoError(t, err)
	assert.Equal(t, "after", string(rest))

	assert.Equal(t, when.UnixNano(), got.Time.UnixNano())
	assert.True(t, when.Equal(got.Time))
	assert.Equal(t, slog.LevelWarn+2, got.Level)
	assert.Equal(t, "a message \xff with\nnewline", got.Message)
	assert.Equal(t, 13, got.NumAttrs())

	want := []slog.Attr{
		slog.String("s", "value \x00 \xfe"),
		slog.Int64("int", -42),
		slog.Int64("big", 1<<62),
		slog.Duration("d", 1500*time.Millisecond),
		slog.String("ok", "true"),
		slog.String("f", "2.5"),
		slog.String("u", "9223372036854775808"),
		slog.String("t", time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC).String()),
		slog.String("g", "[a=1 b=x]"),
		slog.String("err", "boom"),
		slog.String("stringer", "a stringer"),
		slog.String("valuer", "resolved v"),
		slog.String("", "empty key"),
	}
	ga := recordAttrs(got)
	require.Len(t, ga, len(want))
	for i, w := range want {
		assert.Equal(t, w.Key, ga[i].Key)
		assert.Equal(t, w.Value.Kind(), ga[i].Value.Kind(), "attr %s", w.Key)
		assert.True(t, w.Value.Equal(ga[i].Value), "attr %s: want %v, got %v", w.Key, w.Value, ga[i].Value)
	}
	assert.Equal(t, slog.KindString, ga[0].Value.Kind())
	assert.Equal(t, slog.KindInt64, ga[1].Value.Kind())
	assert.Equal(t, slog.KindDuration, ga[3].Value.Kind())
}

func TestRecordLevelsAndTimes(t *testing.T) {
	for _, tc := range []struct {
		when  time.Time
		level slog.Level
	}{
		{time.Unix(0, 0), slog.LevelDebug},
		{time.Unix(0, 1), slog.LevelInfo},
		{time.Unix(-1, 0), slog.LevelError},
		{time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC), slog.Level(-100)},
		{time.Date(2262, 1, 1, 0, 0, 0, 999, time.UTC), slog.Level(1 << 30)},
		{time.Now(), slog.LevelWarn},
	} {
		r := slog.NewRecord(tc.when, tc.level, "", 0)
		got, rest, err := ParseRecord(AppendRecord(nil, r))
		require.NoError(t, err)
		assert.Empty(t, rest)
		assert.Equal(t, tc.when.UnixNano(), got.Time.UnixNano())
		assert.Equal(t, tc.level, got.Level)
		assert.Empty(t, got.Message)
		assert.Zero(t, got.NumAttrs())
	}
}

func TestRecordZeroTime(t *testing.T) {
	got, _, err := ParseRecord(AppendRecord(nil, slog.NewRecord(time.Time{}, slog.LevelInfo, "m", 0)))
	require.NoError(t, err)
	assert.True(t, got.Time.IsZero(), "a zero time stays zero (handlers leave it out)")
}

func TestRecordSequence(t *testing.T) {
	// A log message holds records one after another.
	var b []byte
	var want []slog.Record
	for i := range 10 {
		r := slog.NewRecord(time.Unix(int64(i), int64(i)), slog.Level(i), fmt.Sprint("record ", i), 0)
		for j := range i {
			r.AddAttrs(slog.Int(fmt.Sprint("k", j), j))
		}
		want = append(want, r)
		b = AppendRecord(b, r)
	}
	for _, w := range want {
		got, rest, err := ParseRecord(b)
		require.NoError(t, err)
		assertRecord(t, w, got)
		b = rest
	}
	assert.Empty(t, b)
}

func testRecord() slog.Record {
	r := slog.NewRecord(time.Date(2025, 6, 7, 8, 9, 10, 11, time.UTC), slog.LevelInfo, "request", 0)
	r.AddAttrs(slog.String("path", "/x"), slog.Int("status", 200), slog.Duration("took", 3*time.Millisecond), slog.Bool("cached", false))
	return r
}

func TestParseRecordTruncated(t *testing.T) {
	b := AppendRecord(nil, testRecord())
	for i := range len(b) {
		_, rest, err := ParseRecord(b[:i])
		require.ErrorIs(t, err, ErrMessage, "prefix of %d bytes of %d", i, len(b))
		assert.Nil(t, rest)
	}
}

func TestParseRecordBad(t *testing.T) {
	good := AppendRecord(nil, testRecord())
	// The first attribute's kind byte follows its key.
	i := bytes.Index(good, []byte("\x04path")) + 5
	require.Equal(t, byte('s'), good[i])
	for _, kind := range []byte{0, 'x', 'S', 'I', 0xff} {
		b := bytes.Clone(good)
		b[i] = kind
		_, rest, err := ParseRecord(b)
		assert.ErrorIs(t, err, ErrMessage, "kind %q", kind)
		assert.Nil(t, rest)
	}

	uv := func(v uint64) []byte { return binary.AppendUvarint(nil, v) }
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }
	head := binary.AppendVarint(binary.AppendVarint(nil, 1), 0) // time and level
	for _, b := range [][]byte{
		nil,
		bytes.Repeat([]byte{0xff}, 11),                   // overlong time
		cat(head, uv(1<<40)),                             // message length
		cat(head, uv(0), uv(1<<40)),                      // attribute count
		cat(head, uv(0), uv(2), []byte{0, 0}),            // attributes missing
		cat(head, uv(0), uv(1), uv(1), []byte("ki")),     // value missing
		cat(head, uv(0), uv(1), uv(1), []byte("ks")),     // value missing
		cat(head, uv(0), uv(1), uv(1), []byte("ks\x05")), // string value short
	} {
		_, rest, err := ParseRecord(b)
		assert.ErrorIs(t, err, ErrMessage, "%q", b)
		assert.Nil(t, rest)
	}
}

func TestStatCheckFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(p, []byte("hello"), 0o644))
	fi, err := os.Stat(p)
	require.NoError(t, err)

	c := StatCheck(p)
	assert.Equal(t, Check{Path: p, Exists: true, Size: 5, ModTime: fi.ModTime().UnixNano()}, c)
	assert.True(t, c.Holds())
	assert.True(t, c.Holds(), "Holds changes nothing")

	// A new modification time.
	mtime := time.Date(2020, 1, 2, 3, 4, 5, 6000, time.UTC)
	require.NoError(t, os.Chtimes(p, mtime, mtime))
	assert.False(t, c.Holds())
	c = StatCheck(p)
	assert.Equal(t, mtime.UnixNano(), c.ModTime)
	assert.True(t, c.Holds())

	// A new size, with the same modification time.
	require.NoError(t, os.WriteFile(p, []byte("hello, world"), 0o644))
	require.NoError(t, os.Chtimes(p, mtime, mtime))
	assert.False(t, c.Holds())
	c = StatCheck(p)
	assert.EqualValues(t, 12, c.Size)
	assert.True(t, c.Holds())

	// Only the access time: still holds.
	require.NoError(t, os.Chtimes(p, time.Now(), mtime))
	assert.True(t, c.Holds())

	// Deleted.
	require.NoError(t, os.Remove(p))
	assert.False(t, c.Holds())

	// Back as it was (same size and time): holds again.
	require.NoError(t, os.WriteFile(p, []byte("hello, world"), 0o644))
	require.NoError(t, os.Chtimes(p, mtime, mtime))
	assert.True(t, c.Holds())

	// Replaced by a folder with the same time.
	require.NoError(t, os.Remove(p))
	require.NoError(t, os.Mkdir(p, 0o755))
	require.NoError(t, os.Chtimes(p, mtime, mtime))
	assert.False(t, c.Holds())
}

func TestStatCheckMissing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "missing")
	for _, path := range []string{p, filepath.Join(dir, "no", "such", "file")} {
		c := StatCheck(path)
		assert.Equal(t, Check{Path: path}, c)
		assert.True(t, c.Holds(), "a missing path's check holds while it is missing")
	}

	c := StatCheck(p)
	require.NoError(t, os.WriteFile(p, nil, 0o644))
	assert.False(t, c.Holds(), "created, even empty")
	require.NoError(t, os.Remove(p))
	assert.True(t, c.Holds())
	require.NoError(t, os.Mkdir(p, 0o755))
	assert.False(t, c.Holds(), "created as a folder")

	// Under a file, which is not a folder.
	f := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(f, []byte("x"), 0o644))
	under := StatCheck(filepath.Join(f, "child"))
	assert.Equal(t, Check{Path: filepath.Join(f, "child")}, under)
	assert.True(t, under.Holds())
}

func TestStatCheckDir(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o755))
	mtime := time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC)
	require.NoError(t, os.Chtimes(sub, mtime, mtime))
	c := StatCheck(sub)
	assert.True(t, c.Exists)
	assert.True(t, c.Dir)
	assert.Equal(t, mtime.UnixNano(), c.ModTime)
	assert.True(t, c.Holds())

	// A new entry changes the folder's modification time.
	require.NoError(t, os.WriteFile(filepath.Join(sub, "new"), nil, 0o644))
	assert.False(t, c.Holds())
	require.NoError(t, os.Chtimes(sub, mtime, mtime))
	assert.True(t, c.Holds())

	require.NoError(t, os.RemoveAll(sub))
	assert.False(t, c.Holds())
}

func TestStatCheckFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	link := filepath.Join(dir, "link")
	require.NoError(t, os.WriteFile(target, []byte("abc"), 0o644))
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	c := StatCheck(link)
	assert.Equal(t, link, c.Path)
	assert.True(t, c.Exists)
	assert.EqualValues(t, 3, c.Size)
	require.NoError(t, os.WriteFile(target, []byte("abcd"), 0o644))
	assert.False(t, c.Holds())
}

func FuzzParseRoute(f *testing.F) {
	f.Add(AppendRoute(nil, &Route{}))
	f.Add(AppendRoute(nil, &Route{Path: "/a", Environ: map[string]string{"SCRIPT_NAME": "/a", "PATH_INFO": "\xff"}}))
	f.Add(append(AppendRoute(nil, &Route{Path: "/p", Checks: []Check{
		{Path: "/srv/p.py", Exists: true, Size: 12, ModTime: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()},
		{Path: "/srv", Exists: true, Dir: true, Size: 4096, ModTime: -1},
		{Path: "/srv/missing"},
	}}), "GET / HTTP/1.1\r\n"...))
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		rt, rest, err := ParseRoute(b)
		if err != nil {
			require.ErrorIs(t, err, ErrMessage)
			require.Nil(t, rt)
			require.Nil(t, rest)
			return
		}
		require.NotNil(t, rt)
		require.LessOrEqual(t, len(rest), len(b))
		require.Equal(t, b[len(b)-len(rest):], rest, "rest is what follows the route")
		require.LessOrEqual(t, len(rt.Environ)+len(rt.Checks), len(b))

		enc := AppendRoute(nil, rt)
		rt2, rest2, err := ParseRoute(append(enc, rest...))
		require.NoError(t, err)
		require.Equal(t, rt, rt2)
		require.Equal(t, rest, rest2)
		require.LessOrEqual(t, len(enc), len(b)-len(rest), "the canonical encoding is no longer")
	})
}

func FuzzParseRecord(f *testing.F) {
	f.Add(AppendRecord(nil, testRecord()))
	f.Add(AppendRecord(nil, slog.NewRecord(time.Unix(0, 0), slog.LevelError, "", 0)))
	r := slog.NewRecord(time.Unix(1, 2), -4, "m\xff", 0)
	r.AddAttrs(slog.Group("g", slog.Int("a", 1)), slog.Float64("f", 0.5), slog.Int64("i", -1), slog.Duration("d", -time.Second),
		slog.String("s", "x"), slog.String("s2", "y"), slog.Int("more", 6))
	f.Add(append(AppendRecord(nil, r), AppendRecord(nil, testRecord())...))
	f.Add([]byte{})
	f.Add([]byte{0x02, 0x00, 0x00, 0x01, 0x01, 'k', 'z'})
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, rest, err := ParseRecord(b)
		if err != nil {
			require.ErrorIs(t, err, ErrMessage)
			require.Nil(t, rest)
			return
		}
		require.LessOrEqual(t, len(rest), len(b))
		require.Equal(t, b[len(b)-len(rest):], rest, "rest is what follows the record")
		for _, a := range recordAttrs(rec) {
			require.Contains(t, []slog.Kind{slog.KindString, slog.KindInt64, slog.KindDuration}, a.Value.Kind())
		}

		enc := AppendRecord(nil, rec)
		rec2, rest2, err := ParseRecord(append(enc, rest...))
		require.NoError(t, err)
		assertRecord(t, rec, rec2)
		require.Equal(t, rest, rest2)
		require.Equal(t, enc, AppendRecord(nil, rec2), "the encoding is canonical")
	})
}

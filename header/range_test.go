package header_test

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

func TestParseRange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in         string
		want       header.Range
		wantOK     bool
		wantString string
	}{
		{"bytes=0-499", header.Range{Start: 0, End: 500}, true, "bytes=0-499"},
		{"bytes=500-", header.Range{Start: 500, End: -1}, true, "bytes=500-"},
		{"bytes=-500", header.Range{Start: -500, End: -1}, true, "bytes=-500"},
		{"bytes=-0", header.Range{Start: 0, End: -1}, true, "bytes=0-"},
		{"BYTES = 1 - 2", header.Range{Start: 1, End: 3}, true, "bytes=1-2"},
		{"bytes=1-2,5-6", header.Range{Start: 1, End: 3}, true, "bytes=1-2"},
		{"bytes=0-5xyz", header.Range{Start: 0, End: 6}, true, "bytes=0-5"},
		{"bytes=0-99999999999999999999", header.Range{Start: 0, End: math.MaxInt64}, true, "bytes=0-9223372036854775806"},
		{"bytes=5-4", header.Range{}, false, ""},
		{"bytes=-", header.Range{}, false, ""},
		{"bytes=", header.Range{}, false, ""},
		{"bytes 0-5", header.Range{}, false, ""},
		{" bytes=0-5", header.Range{}, false, ""},
		{"bytes=\t0-5", header.Range{}, false, ""},
		{"items=0-5", header.Range{}, false, ""},
		{"", header.Range{}, false, ""},
	}
	for _, tt := range tests {
		got, ok := header.ParseRange(tt.in)
		assert.Equalf(t, [2]any{tt.want, tt.wantOK}, [2]any{got, ok}, "ParseRange(%q)", tt.in)
		if ok {
			assert.Equalf(t, tt.wantString, got.String(), "ParseRange(%q).String()", tt.in)
		}
	}
}

func TestRangeForLength(t *testing.T) {
	t.Parallel()
	tests := []struct {
		r         header.Range
		length    int64
		wantStart int64
		wantEnd   int64
		wantOK    bool
		wantCR    string
	}{
		{header.Range{Start: 0, End: 500}, 1000, 0, 500, true, "bytes 0-499/1000"},
		{header.Range{Start: 0, End: 500}, 100, 0, 100, true, "bytes 0-99/100"},
		{header.Range{Start: 500, End: -1}, 1000, 500, 1000, true, "bytes 500-999/1000"},
		{header.Range{Start: 1000, End: -1}, 1000, 0, 0, false, ""},
		{header.Range{Start: -100, End: -1}, 1000, 900, 1000, true, "bytes 900-999/1000"},
		{header.Range{Start: -1001, End: -1}, 1000, 0, 0, false, ""},
		{header.Range{Start: 0, End: -1}, 0, 0, 0, false, ""},
		{header.Range{Start: 0, End: 10}, -1, 0, 0, false, ""},
	}
	for _, tt := range tests {
		s, e, ok := tt.r.RangeForLength(tt.length)
		assert.Equalf(t, [3]any{tt.wantStart, tt.wantEnd, tt.wantOK}, [3]any{s, e, ok}, "%v.RangeForLength(%d)", tt.r, tt.length)
		cr, ok := tt.r.ContentRange(tt.length)
		assert.Equalf(t, tt.wantOK, ok, "%v.ContentRange(%d)", tt.r, tt.length)
		if ok {
			assert.Equalf(t, tt.wantCR, cr.String(), "%v.ContentRange(%d)", tt.r, tt.length)
		}
	}
}

func TestParseContentRange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		want   header.ContentRange
		wantOK bool
	}{
		{"bytes 0-499/1234", header.ContentRange{Start: 0, Stop: 500, Length: 1234}, true},
		{"bytes */1234", header.ContentRange{Start: -1, Stop: -1, Length: 1234}, true},
		{"bytes 0-499/*", header.ContentRange{Start: 0, Stop: 500, Length: -1}, true},
		{"bytes */*", header.ContentRange{Start: -1, Stop: -1, Length: -1}, true},
		{"bytes 0-10/10", header.ContentRange{}, false},
		{"bytes 5-4/10", header.ContentRange{}, false},
		{"Bytes 0-9/10", header.ContentRange{}, false},
		{"bytes 0-99999999999999999999/99999999999999999999", header.ContentRange{}, false},
	}
	for _, tt := range tests {
		got, ok := header.ParseContentRange(tt.in)
		assert.Equalf(t, [2]any{tt.want, tt.wantOK}, [2]any{got, ok}, "ParseContentRange(%q)", tt.in)
		if ok {
			assert.Equalf(t, tt.in, got.String(), "ParseContentRange(%q).String()", tt.in)
			assert.Truef(t, got.Valid(), "ParseContentRange(%q).Valid()", tt.in)
		}
	}
	assert.True(t, header.ContentRange{Start: 0, Stop: 50, Length: 10}.Valid(), "a request range may pass the length")
	assert.False(t, header.ContentRange{Start: 0, Stop: -1, Length: 10}.Valid())
}

func TestRequestRange(t *testing.T) {
	t.Parallel()
	r := request.New(request.Environ{}, nil)
	_, ok := r.Range()
	assert.False(t, ok, "Range() without the header")
	r.Environ["HTTP_RANGE"] = "bytes=-5"
	got, ok := r.Range()
	assert.Equal(t, [2]any{header.Range{Start: -5, End: -1}, true}, [2]any{got, ok})
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"bytes=0-499", "bytes=-500", "bytes=9500-", "bytes=-0", "BYTES = 1 - 2",
		"bytes=1-2,4-5", "bytes=-", "bytes=99999999999999999999-", "bytes=0-99999999999999999999"} {
		f.Add(s, int64(1000))
	}
	f.Fuzz(func(t *testing.T, s string, length int64) {
		r, ok := header.ParseRange(s)
		if cr, ok := header.ParseContentRange(s); ok {
			if back, ok := header.ParseContentRange(cr.String()); !ok || back != cr {
				t.Fatalf("ParseContentRange(%q) = %v does not round-trip: %v, %v", s, cr, back, ok)
			}
		}
		if !ok {
			return
		}
		back, ok := header.ParseRange(r.String())
		if !ok || back != r {
			t.Fatalf("ParseRange(%q) = %v; ParseRange(%q) = %v, %v", s, r, r.String(), back, ok)
		}
		start, end, ok := r.RangeForLength(length)
		if ok && (start < 0 || start >= end || end > length) {
			t.Fatalf("%v.RangeForLength(%d) = %d, %d", r, length, start, end)
		}
		if cr, ok := r.ContentRange(length); ok {
			if back, ok := header.ParseContentRange(cr.String()); !ok || back != cr {
				t.Fatalf("%v.ContentRange(%d) = %v does not parse back: %v, %v", r, length, cr, back, ok)
			}
		}
	})
}

func TestParseRanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []header.Range
		ok   bool
	}{
		{"bytes=0-99", []header.Range{{Start: 0, End: 100}}, true},
		{"bytes=0-99, 200-299,-50", []header.Range{{Start: 0, End: 100}, {Start: 200, End: 300}, {Start: -50, End: -1}}, true},
		{"BYTES = 5-, ,10-10", []header.Range{{Start: 5, End: -1}, {Start: 10, End: 11}}, true},
		{"bytes=0-1x", nil, false},
		{"bytes=5-1", nil, false},
		{"bytes=", nil, false},
		{"items=0-1", nil, false},
		{"bytes=0-1," + strings.Repeat("2-3,", 100), nil, false},
	}
	for _, tt := range tests {
		got, ok := header.ParseRanges(tt.in)
		assert.Equal(t, tt.ok, ok, "ParseRanges(%q) ok", tt.in)
		assert.Equal(t, tt.want, got, "ParseRanges(%q)", tt.in)
	}
}

// FuzzParseRanges: ParseRanges never panics, its first range is
// ParseRange's, and each range prints as a spec that parses back to it.
func FuzzParseRanges(f *testing.F) {
	for _, s := range []string{"bytes=0-99, 200-299,-50", "bytes=5-", "bytes=,", "bytes=1-2,x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs, ok := header.ParseRanges(s)
		if !ok {
			return
		}
		if first, ok1 := header.ParseRange(s); ok1 && first != rs[0] {
			t.Fatalf("ParseRanges(%q)[0] = %v, ParseRange = %v", s, rs[0], first)
		}
		for _, r := range rs {
			back, ok := header.ParseRange(r.String())
			if !ok || back != r {
				t.Fatalf("ParseRanges(%q): %v prints %q, which parses to %v, %v", s, r, r.String(), back, ok)
			}
		}
	})
}

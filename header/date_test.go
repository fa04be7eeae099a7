package header_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

func TestParseHTTPDate(t *testing.T) {
	t.Parallel()
	nov6 := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)
	tests := []struct {
		name   string
		in     string
		want   time.Time
		wantOK bool
	}{
		{"rfc1123", "Sun, 06 Nov 1994 08:49:37 GMT", nov6, true},
		{"rfc850", "Sunday, 06-Nov-94 08:49:37 GMT", nov6, true},
		{"asctime", "Sun Nov  6 08:49:37 1994", nov6, true},
		{"no weekday", "06 Nov 1994 08:49:37 GMT", nov6, true},
		{"numeric zone", "Sun, 06 Nov 1994 10:49:37 +0200", nov6, true},
		{"named zone", "Sun, 06 Nov 1994 03:49:37 EST", nov6, true},
		{"lower-case zone", "Sun, 06 Nov 1994 00:49:37 pst", nov6, true},
		{"unknown zone is UTC", "Sun, 06 Nov 1994 08:49:37 XYZ", nov6, true},
		{"zone glued to time", "06 Nov 1994 10:49:37+0200", nov6, true},
		{"hh:mm", "06 Nov 1994 08:49 GMT", nov6.Add(-37 * time.Second), true},
		{"dotted time", "06 Nov 1994 08.49.37 GMT", nov6, true},
		{"full month name", "06 November 1994 08:49:37 GMT", nov6, true},
		{"month first", "Nov 06 1994 08:49:37", nov6, true},
		{"two-digit year 69 is 1969", "01 Jan 69 00:00:00 GMT", time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"two-digit year 68 is 2068", "01 Jan 68 00:00:00 GMT", time.Date(2068, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"overflowing fields carry", "32 Jan 2020 25:61:61 GMT", time.Date(2020, 2, 2, 2, 2, 1, 0, time.UTC), true},
		{"python int syntax", "1_0 Jan 2020 00:00:00 GMT", time.Date(2020, 1, 10, 0, 0, 0, 0, time.UTC), true},
		{"last second", "31 Dec 9999 23:59:59 GMT", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{"past year 9999", "31 Dec 9999 23:59:59 -0001", time.Time{}, false},
		{"five-digit year", "06 Nov 10000 08:49:37 GMT", time.Time{}, false},
		{"huge day", "99999999999999999999 Nov 1994 08:49:37 GMT", time.Time{}, false},
		{"empty", "", time.Time{}, false},
		{"spaces", "   ", time.Time{}, false},
		{"garbage", "garbage", time.Time{}, false},
		{"too short", "Sun, 06 Nov", time.Time{}, false},
		{"bad month", "06 xyz 1994 08:49:37 GMT", time.Time{}, false},
		{"bad time", "06 Nov 1994 08 GMT", time.Time{}, false},
		{"long s is not s", "06 \xc5\xbfep 1994 08:49:37 GMT", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := header.ParseHTTPDate(tt.in)
			assert.Equalf(t, tt.wantOK, ok, "ParseHTTPDate(%q) ok", tt.in)
			if tt.wantOK {
				assert.Truef(t, tt.want.Equal(got), "ParseHTTPDate(%q) = %v, want %v", tt.in, got, tt.want)
				assert.Equalf(t, time.UTC, got.Location(), "ParseHTTPDate(%q) location", tt.in)
			}
		})
	}
}

func TestFormatHTTPDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Unix(0, 0), "Thu, 01 Jan 1970 00:00:00 GMT"},
		{time.Date(1994, 11, 6, 10, 49, 37, 999, time.FixedZone("x", 2*3600)), "Sun, 06 Nov 1994 08:49:37 GMT"},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "Fri, 31 Dec 9999 23:59:59 GMT"},
	}
	for _, tt := range tests {
		assert.Equalf(t, tt.want, header.FormatHTTPDate(tt.in), "FormatHTTPDate(%v)", tt.in)
	}
}

func TestRequestDates(t *testing.T) {
	t.Parallel()
	const d = "Sun, 06 Nov 1994 08:49:37 GMT"
	r := request.New(request.Environ{"HTTP_DATE": d, "HTTP_IF_MODIFIED_SINCE": d, "HTTP_IF_UNMODIFIED_SINCE": "nope"}, nil)
	for name, f := range map[string]func() (time.Time, bool){
		"Date": r.Date, "IfModifiedSince": r.IfModifiedSince,
	} {
		got, ok := f()
		assert.Truef(t, ok, "%s()", name)
		assert.Equalf(t, int64(784111777), got.Unix(), "%s()", name)
	}
	_, ok := r.IfUnmodifiedSince()
	assert.False(t, ok, "IfUnmodifiedSince() of a bad date")
}

func FuzzParseHTTPDate(f *testing.F) {
	for _, s := range []string{
		"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
		"06 Nov 1994 08:49:37 +0200", "32 Jan 2020 25:61:61 GMT", "31 Dec 9999 23:59:59 -0001",
		"99999999999999999999 Nov 1994 08:49:37 GMT", "1 Jan 1 -9223372036854775808:0:0 +1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := header.ParseHTTPDate(s)
		if !ok {
			return
		}
		if got.Year() < 1 || got.Year() > 9999 || got.Location() != time.UTC {
			t.Fatalf("ParseHTTPDate(%q) = %v", s, got)
		}
		// The RFC 1123 form of any result parses back to itself, except
		// years below 100, which read as two-digit years.
		if got.Year() < 100 {
			return
		}
		back, ok := header.ParseHTTPDate(header.FormatHTTPDate(got))
		if !ok || !back.Equal(got) {
			t.Fatalf("ParseHTTPDate(FormatHTTPDate(%v)) = %v, %v", got, back, ok)
		}
	})
}

// FuzzParseDateDelta: ParseDateDelta never panics; an integer gives now
// plus that many seconds, anything else what ParseHTTPDate gives.
func FuzzParseDateDelta(f *testing.F) {
	for _, s := range []string{"120", " 60 ", "-5", "1_0", "Fri, 31 Dec 1999 23:59:59 GMT", "soon", "", "99999999999999999999"} {
		f.Add(s)
	}
	now := time.Date(2021, 6, 15, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := header.ParseDateDelta(s, now)
		if n, isInt := header.ParseInt(s); isInt {
			if ok && got.Sub(now) != time.Duration(n)*time.Second {
				t.Fatalf("ParseDateDelta(%q) = %v, want now%+ds", s, got, n)
			}
			return
		}
		want, wok := header.ParseHTTPDate(s)
		if s == "" {
			wok = false
		}
		if ok != wok || ok && !got.Equal(want) {
			t.Fatalf("ParseDateDelta(%q) = %v, %v; ParseHTTPDate gives %v, %v", s, got, ok, want, wok)
		}
	})
}

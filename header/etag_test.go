package header_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

func TestParseETags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		in         string
		present    bool // documents the case: absent and empty parse alike
		strongOnly bool
		wantKind   string // any, none, list
		wantTags   []string
		wantWeak   []string
		wantString string
	}{
		{"absent If-Match", "", false, true, "any", nil, nil, "*"},
		{"absent If-None-Match", "", false, false, "none", nil, nil, ""},
		{"empty If-Match", "", true, true, "any", nil, nil, "*"},
		{"star", "*", true, false, "any", nil, nil, "*"},
		{"one", `"a"`, true, true, "list", []string{"a"}, nil, `"a"`},
		{"list", `"a", "b"`, true, true, "list", []string{"a", "b"}, nil, `"a", "b"`},
		{"no space after comma finds only the first", `"a","b"`, true, true, "list", []string{"a"}, nil, `"a"`},
		{"weak kept", `W/"a", "b"`, true, false, "list", []string{"a", "b"}, []string{"a"}, `"a", "b"`},
		{"weak dropped", `W/"a", "b"`, true, true, "list", []string{"b"}, nil, `"b"`},
		{"only weak, strong", `W/"a"`, true, true, "list", nil, nil, ""},
		{"unquoted is one tag", "a, b", true, true, "list", []string{"a, b"}, nil, `"a, b"`},
		{"escapes kept", `"a\"b"`, true, true, "list", []string{`a\"b`}, nil, `"a\"b"`},
		{"nbsp is whitespace", "\"a\"\xa0\"b\"", true, true, "list", []string{"a", "b"}, nil, `"a", "b"`},
		{"star in a list is not any", `"a", *`, true, true, "list", []string{"a"}, nil, `"a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := header.ParseETags(tt.in, tt.strongOnly)
			kind := map[bool]string{true: "any"}[m.IsAny()] + map[bool]string{true: "none"}[m.IsNone()] + map[bool]string{true: "list"}[m.IsList()]
			assert.Equalf(t, tt.wantKind, kind, "ParseETags(%q, %v) kind", tt.in, tt.strongOnly)
			assert.Equalf(t, tt.wantTags, m.ETags(), "ParseETags(%q).ETags()", tt.in)
			assert.Equalf(t, tt.wantWeak, m.WeakETags(), "ParseETags(%q).WeakETags()", tt.in)
			assert.Equalf(t, tt.wantString, m.String(), "ParseETags(%q).String()", tt.in)
			for _, tag := range tt.wantTags {
				assert.Truef(t, m.Contains(tag), "ParseETags(%q).Contains(%q)", tt.in, tag)
			}
			assert.Equalf(t, tt.wantKind == "any", m.Contains("zzz"), "ParseETags(%q).Contains(zzz)", tt.in)
		})
	}
}

func TestRequestETags(t *testing.T) {
	t.Parallel()
	r := request.New(request.Environ{}, nil)
	assert.True(t, r.IfMatch().IsAny(), "IfMatch() without the header")
	assert.True(t, r.IfNoneMatch().IsNone(), "IfNoneMatch() without the header")
	r.Environ["HTTP_IF_MATCH"] = `W/"a", "b"`
	r.Environ["HTTP_IF_NONE_MATCH"] = `W/"a", "b"`
	assert.Equal(t, []string{"b"}, r.IfMatch().ETags())
	assert.Equal(t, []string{"a", "b"}, r.IfNoneMatch().ETags())
	assert.True(t, header.ETagMatcher{}.IsNone(), "zero ETagMatcher is NoETag()")
}

func TestIfRange(t *testing.T) {
	t.Parallel()
	date := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)
	before, after := date.Add(-time.Second), date.Add(time.Second)
	tests := []struct {
		name       string
		in         string
		wantDate   bool
		wantString string
		etag       string
		strong     bool
		lm         time.Time
		want       bool
	}{
		{"absent matches all", "", false, "", "", false, time.Time{}, true},
		{"star matches all", "*", false, "", "", false, time.Time{}, true},
		{"etag match", `"a"`, false, `"a"`, "a", true, time.Time{}, true},
		{"etag mismatch", `"a"`, false, `"a"`, "b", true, time.Time{}, false},
		{"weak response etag never matches", `"a"`, false, `"a"`, "a", false, time.Time{}, false},
		{"weak if-range dropped", `W/"a"`, false, "", "a", true, time.Time{}, false},
		{"date, older response", "Sun, 06 Nov 1994 08:49:37 GMT", true, "Sun, 06 Nov 1994 08:49:37 GMT", "", false, before, true},
		{"date, same time", "Sun, 06 Nov 1994 08:49:37 GMT", true, "Sun, 06 Nov 1994 08:49:37 GMT", "", false, date, true},
		{"date, newer response", "Sun, 06 Nov 1994 08:49:37 GMT", true, "Sun, 06 Nov 1994 08:49:37 GMT", "", false, after, false},
		{"date, no last-modified", "Sun, 06 Nov 1994 08:49:37 GMT", true, "Sun, 06 Nov 1994 08:49:37 GMT", "a", true, time.Time{}, false},
		{"bad date", "garbage GMT", true, "", "", false, before, false},
		{"asctime is not a date here", "Sun Nov  6 08:49:37 1994", false, `"Sun Nov  6 08:49:37 1994"`, "", false, before, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ir := request.New(request.Environ{"HTTP_IF_RANGE": tt.in}, nil).IfRange()
			assert.Equalf(t, tt.wantDate, ir.IsDate(), "IfRange(%q).IsDate()", tt.in)
			assert.Equalf(t, tt.wantString, ir.String(), "IfRange(%q).String()", tt.in)
			assert.Equalf(t, tt.want, ir.MatchResponse(tt.etag, tt.strong, tt.lm),
				"IfRange(%q).MatchResponse(%q, %v, %v)", tt.in, tt.etag, tt.strong, tt.lm)
		})
	}
	assert.True(t, header.IfRange{}.MatchResponse("", false, time.Time{}), "zero IfRange matches")
}

func TestParseETagsCap(t *testing.T) {
	t.Parallel()
	m := header.ParseETags(strings.Repeat(`"a" `, 500), false)
	assert.Len(t, m.ETags(), 100)
}

func FuzzParseETags(f *testing.F) {
	for _, s := range []string{"", "*", `"a"`, `W/"a", "b"`, `"a","b"`, `"a\"b`, "a, b", "\"a\"\xa0\"b\"", `W/"`, "\"a\n\""} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, v string, strong bool) {
		m := header.ParseETags(v, strong)
		tags := m.ETags()
		if len(tags) > 100 {
			t.Fatalf("ParseETags(%q) kept %d tags", v, len(tags))
		}
		for _, tag := range tags {
			if !m.Contains(tag) {
				t.Fatalf("ParseETags(%q).Contains(%q) = false for its own tag", v, tag)
			}
		}
		if strong && len(m.WeakETags()) > 0 {
			t.Fatalf("ParseETags(%q, strong) kept weak tags %q", v, m.WeakETags())
		}
		// String is a list of quoted tags that parses back to the same
		// tags, unless a tag itself holds a quote or a newline.
		clean := len(tags) > 0
		for _, tag := range tags {
			if strings.ContainsAny(tag, "\"\n") || strings.HasSuffix(tag, `\`) {
				clean = false
			}
		}
		if m.IsList() && clean {
			back := header.ParseETags(m.String(), strong)
			if !assert.Equal(t, tags, back.ETags(), "ParseETags(ParseETags(%q).String())", v) {
				t.FailNow()
			}
		}
		ir := header.ParseIfRange(v)
		_ = ir.String()
		_ = ir.MatchResponse("a", true, time.Unix(0, 0))
	})
}

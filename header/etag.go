package header

import (
	"slices"
	"strings"
	"time"
)

// etagKind tells the three states of an ETagMatcher apart.
type etagKind uint8

const (
	etagNone etagKind = iota // WebOb's NoETag(); the zero value
	etagAny                  // WebOb's AnyETag()
	etagList                 // an ETagMatcher with a list of tags
)

// maxETags bounds how many entity tags ParseETags keeps; WebOb has no
// limit.
const maxETags = 100

// ETagMatcher is the parsed value of an If-Match or If-None-Match header,
// WebOb's ETagMatcher with its two singletons: it matches any entity tag
// (AnyETag(), from "*" or an absent If-Match), no entity tag (NoETag(), from an
// absent If-None-Match), or the tags of a list.
//
// The zero value is NoETag(). An ETagMatcher is immutable and safe to copy.
type ETagMatcher struct {
	kind etagKind
	tags []string // opaque tags, without quotes and without W/
	weak []bool   // weak[i] reports whether tags[i] was written W/"..."
}

// AnyETag() returns the matcher of every entity tag. It is what "*" parses to
// and what Request.IfMatch returns when the header is absent. Its String is
// "*". It is a function rather than a variable (WebOb's is a module
// singleton) so that no caller can change it for everyone.
func AnyETag() ETagMatcher { return ETagMatcher{kind: etagAny} }

// NoETag() returns the matcher of no entity tag: the zero ETagMatcher, and
// what Request.IfNoneMatch returns when the header is absent. Its String is
// "".
func NoETag() ETagMatcher { return ETagMatcher{} }

// ParseETags parses an If-Match or If-None-Match header value as WebOb's
// ETagMatcher.parse, used the way WebOb's request properties use it.
//
// An empty value (WebOb treats an empty header and an absent one alike, so
// pass "" for an absent header) gives WebOb's default for the header,
// chosen by strongOnly: AnyETag() for If-Match (strongOnly true) and NoETag()
// for If-None-Match (strongOnly false).
//
// Otherwise "*" gives AnyETag(), and the entity tags are the quoted strings
// that start the value or follow a whitespace character, each optionally
// prefixed by W/; a quoted string that directly follows a comma is not
// found, exactly as with WebOb's regular expression. The tags keep their
// backslash escapes. With strongOnly, weak tags are dropped (possibly
// leaving an empty list that matches nothing); otherwise they are kept and
// compared like strong ones. When no quoted tag is found at all, the whole
// value is the single tag, as in WebOb. At most 100 tags are kept.
func ParseETags(value string, strongOnly bool) ETagMatcher {
	if value == "" {
		if strongOnly {
			return AnyETag()
		}
		return NoETag()
	}
	if value == "*" {
		return AnyETag()
	}
	m := ETagMatcher{kind: etagList}
	found := false
	for pos := 0; pos < len(value) && len(m.tags) < maxETags; {
		tag, weak, end, ok := nextETag(value, pos)
		if !ok {
			pos = end
			continue
		}
		found = true
		pos = end
		if weak && strongOnly {
			continue
		}
		m.tags = append(m.tags, tag)
		m.weak = append(m.weak, weak)
	}
	if !found {
		m.tags = []string{value}
		m.weak = []bool{false}
	}
	return m
}

// nextETag tries WebOb's _rx_etag, (?:^|\s)(W/)?"((?:\\"|.)*?)", at pos as
// re.findall does. On a match it returns the tag between the quotes,
// whether it had W/, and the end of the match; otherwise ok is false and
// end is pos+1.
func nextETag(s string, pos int) (tag string, weak bool, end int, ok bool) {
	try := func(q int) (string, bool, int, bool) {
		if strings.HasPrefix(s[q:], `W/"`) {
			if e := quotedEnd(s, q+2); e > 0 {
				return s[q+3 : e-1], true, e, true
			}
			return "", false, 0, false
		}
		if e := quotedEnd(s, q); e > 0 {
			return s[q+1 : e-1], false, e, true
		}
		return "", false, 0, false
	}
	if pos == 0 {
		if tag, weak, end, ok = try(0); ok {
			return
		}
	}
	if isStrSpace(s[pos]) && pos+1 < len(s) {
		if tag, weak, end, ok = try(pos + 1); ok {
			return
		}
	}
	return "", false, pos + 1, false
}

// isStrSpace reports whether the byte c, read as a latin-1 character (as a
// WSGI native string holds it), matches \s in a Python str pattern and
// counts as whitespace for str.split: \t\n\v\f\r, \x1c-\x1f, space, \x85
// and \xa0.
func isStrSpace(c byte) bool {
	return ('\t' <= c && c <= '\r') || (0x1c <= c && c <= ' ') || c == 0x85 || c == 0xa0
}

// IsAny reports whether m is AnyETag(), which matches every entity tag.
func (m ETagMatcher) IsAny() bool { return m.kind == etagAny }

// IsNone reports whether m is NoETag(), which matches nothing. An empty list
// (If-Match: W/"x" once weak tags are dropped) also matches nothing but is
// not NoETag().
func (m ETagMatcher) IsNone() bool { return m.kind == etagNone }

// IsList reports whether m is a list of entity tags, possibly empty. It is
// the truth value of WebOb's matcher: AnyETag() and NoETag() are false in a
// boolean context, which is why WebOb's conditional_response_app ignores
// "If-None-Match: *".
func (m ETagMatcher) IsList() bool { return m.kind == etagList }

// Contains reports whether m matches the entity tag etag, given without
// quotes, as WebOb's "etag in matcher": AnyETag() always, NoETag() never, a
// list when one of its tags equals etag. Weak tags kept by If-None-Match
// are compared by their opaque value, which is the weak comparison WebOb
// does.
func (m ETagMatcher) Contains(etag string) bool {
	switch m.kind {
	case etagAny:
		return true
	case etagList:
		return slices.Contains(m.tags, etag)
	}
	return false
}

// ETags returns the entity tags of a list matcher, weak ones included,
// without quotes or W/ (WebOb's ETagMatcher.etags). It returns nil for
// AnyETag() and NoETag().
func (m ETagMatcher) ETags() []string {
	return slices.Clone(m.tags)
}

// WeakETags returns those of ETags that were written W/"...".
func (m ETagMatcher) WeakETags() []string {
	var out []string
	for i, w := range m.weak {
		if w {
			out = append(out, m.tags[i])
		}
	}
	return out
}

// String returns m as WebOb's str(): "*" for AnyETag(), "" for NoETag(), and
// otherwise each tag in double quotes, joined by ", " (weak tags lose their
// W/, as in WebOb).
func (m ETagMatcher) String() string {
	switch m.kind {
	case etagAny:
		return "*"
	case etagNone:
		return ""
	}
	n := 0
	for _, t := range m.tags {
		n += len(t) + 4
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range m.tags {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('"')
		b.WriteString(t)
		b.WriteByte('"')
	}
	return b.String()
}

// IfRange is the parsed If-Range header, WebOb's IfRange (an entity tag
// matcher) or IfRangeDate (a date). The zero value is an If-Range that
// matches every response, as an absent header does.
type IfRange struct {
	isDate bool
	etag   ETagMatcher // when !isDate; the zero value is read as AnyETag()
	date   time.Time   // when isDate and dateOK
	dateOK bool
}

// ParseIfRange parses an If-Range header value as WebOb's IfRange.parse:
// empty gives an IfRange that matches everything; a value ending in " GMT"
// is a date (which may fail to parse, and then matches nothing); anything
// else is parsed as If-Match is (strong tags only, "*" for any).
func ParseIfRange(value string) IfRange {
	if value == "" {
		return IfRange{etag: AnyETag()}
	}
	if strings.HasSuffix(value, " GMT") {
		t, ok := ParseHTTPDate(value)
		return IfRange{isDate: true, date: t, dateOK: ok}
	}
	return IfRange{etag: ParseETags(value, true)}
}

// IsDate reports whether ir holds a date (WebOb's IfRangeDate) rather than
// an entity tag matcher.
func (ir IfRange) IsDate() bool { return ir.isDate }

// Date returns the date of a date If-Range, in UTC, and reports whether
// there is one that parsed.
func (ir IfRange) Date() (time.Time, bool) { return ir.date, ir.isDate && ir.dateOK }

// ETag returns the entity tag matcher of an If-Range that is not a date;
// AnyETag() when the header was absent or empty.
func (ir IfRange) ETag() ETagMatcher {
	if ir.isDate || ir.etag.kind == etagNone {
		return AnyETag()
	}
	return ir.etag
}

// MatchResponse reports whether a response is "in" ir, as WebOb's
// IfRange.__contains__ / IfRangeDate.__contains__: whether a Range request
// carrying this If-Range may be answered with part of that response.
//
// etag and strongETag describe the response's ETag: strongETag is false
// when the response has no ETag or a weak one (WebOb's etag_strong is then
// None), and etag is the opaque tag without quotes. lastModified is the
// response's Last-Modified, the zero time when it has none.
//
// An entity tag If-Range matches when it is AnyETag(), or when the response
// has a strong tag in its list. A date If-Range matches when the response
// has a Last-Modified no later than the date. Where WebOb raises TypeError
// (a date that did not parse, compared with a Last-Modified),
// MatchResponse reports false.
func (ir IfRange) MatchResponse(etag string, strongETag bool, lastModified time.Time) bool {
	if ir.isDate {
		return ir.dateOK && !lastModified.IsZero() && !lastModified.After(ir.date)
	}
	m := ir.ETag()
	if m.kind == etagAny {
		return true
	}
	return strongETag && m.Contains(etag)
}

// String returns ir as WebOb's str(): the date in RFC 1123 form, the entity
// tags of the matcher, or "" for AnyETag(). A date that did not parse gives
// "" (WebOb raises ValueError).
func (ir IfRange) String() string {
	if ir.isDate {
		if !ir.dateOK {
			return ""
		}
		return FormatHTTPDate(ir.date)
	}
	m := ir.ETag()
	if m.kind == etagAny {
		return ""
	}
	return m.String()
}

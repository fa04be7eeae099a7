package request

import (
	"time"

	"github.com/gowebob/gowebob/header"
)

// This file gives the Request's typed headers: the values themselves are
// the header package's, parsed from the environ on every call as WebOb's
// properties are (except the cookies, which are cached).

// Accept returns the request's Accept header (environ key HTTP_ACCEPT),
// parsed on every call as WebOb does; parsing allocates nothing. An absent
// header gives the zero Accept.
func (r *Request) Accept() header.Accept {
	if v, ok := r.Environ["HTTP_ACCEPT"]; ok {
		return header.ParseAccept(v)
	}
	return header.Accept{}
}

// AcceptCharset returns the request's Accept-Charset header (environ key
// HTTP_ACCEPT_CHARSET), parsed on every call as WebOb does.
func (r *Request) AcceptCharset() header.AcceptCharset {
	if v, ok := r.Environ["HTTP_ACCEPT_CHARSET"]; ok {
		return header.ParseAcceptCharset(v)
	}
	return header.AcceptCharset{}
}

// AcceptEncoding returns the request's Accept-Encoding header (environ key
// HTTP_ACCEPT_ENCODING), parsed on every call as WebOb does.
func (r *Request) AcceptEncoding() header.AcceptEncoding {
	if v, ok := r.Environ["HTTP_ACCEPT_ENCODING"]; ok {
		return header.ParseAcceptEncoding(v)
	}
	return header.AcceptEncoding{}
}

// AcceptLanguage returns the request's Accept-Language header (environ key
// HTTP_ACCEPT_LANGUAGE), parsed on every call as WebOb does.
func (r *Request) AcceptLanguage() header.AcceptLanguage {
	if v, ok := r.Environ["HTTP_ACCEPT_LANGUAGE"]; ok {
		return header.ParseAcceptLanguage(v)
	}
	return header.AcceptLanguage{}
}

// Authorization returns the Authorization header (HTTP_AUTHORIZATION)
// parsed as WebOb's Request.authorization, and reports whether the header
// is present. An empty header gives an empty Scheme and Raw, as in WebOb.
func (r *Request) Authorization() (header.Authorization, bool) {
	v, ok := r.Environ["HTTP_AUTHORIZATION"]
	if !ok {
		return header.Authorization{}, false
	}
	return header.ParseAuthorization(v)
}

// CacheControl returns the Cache-Control header (HTTP_CACHE_CONTROL) parsed
// as WebOb's Request.cache_control. Changing the result does not change
// the request.
func (r *Request) CacheControl() header.CacheControl {
	return header.ParseCacheControl(r.Environ["HTTP_CACHE_CONTROL"])
}

// Cookies returns the cookies of the Cookie header (HTTP_COOKIE) as a map,
// as WebOb's Request.cookies: when a name repeats, the last value wins.
// Values are raw bytes; see header.ParseCookies for how this differs from
// WebOb on values that are not UTF-8. The map is parsed once and cached
// until the header changes: treat it as read-only (SetCookie, DeleteCookie
// and the other cookie methods change the request's cookies).
func (r *Request) Cookies() map[string]string {
	return r.parts().cookies.get(r.Environ["HTTP_COOKIE"])
}

// Cookie returns the value of the cookie called name and reports whether
// the Cookie header has it. When the name repeats, the last value wins, as
// in Cookies. The first call scans the header without allocating (unless
// the value has backslash escapes); later calls use the map Cookies builds
// once, so that reading many cookies does not rescan the header each time.
func (r *Request) Cookie(name string) (string, bool) {
	h := r.Environ["HTTP_COOKIE"]
	if m := r.more; m != nil && m.cookies.m != nil && m.cookies.header == h || r.cookieScanned {
		v, ok := r.parts().cookies.get(h)[name]
		return v, ok
	}
	r.cookieScanned = true
	return header.LookupCookie(h, name)
}

// cookieCache memoises the parse of one Cookie header, keyed on the header
// string as WebOb's RequestCookies cache is. m is nil before the first
// parse: header.ParseCookieMap never returns nil.
type cookieCache struct {
	header string
	m      map[string]string
}

// get returns the cookie map for h, parsing it only when h differs from
// the cached one.
func (c *cookieCache) get(h string) map[string]string {
	if c.m == nil || c.header != h {
		c.header, c.m = h, header.ParseCookieMap(h)
	}
	return c.m
}

// Date returns the Date header (HTTP_DATE) as WebOb's Request.date, in UTC,
// and reports whether it is present and parses.
func (r *Request) Date() (time.Time, bool) {
	return header.ParseHTTPDate(r.Environ["HTTP_DATE"])
}

// IfModifiedSince returns the If-Modified-Since header
// (HTTP_IF_MODIFIED_SINCE) in UTC and reports whether it is present and
// parses, as WebOb's Request.if_modified_since.
func (r *Request) IfModifiedSince() (time.Time, bool) {
	return header.ParseHTTPDate(r.Environ["HTTP_IF_MODIFIED_SINCE"])
}

// IfUnmodifiedSince returns the If-Unmodified-Since header
// (HTTP_IF_UNMODIFIED_SINCE) in UTC and reports whether it is present and
// parses, as WebOb's Request.if_unmodified_since.
func (r *Request) IfUnmodifiedSince() (time.Time, bool) {
	return header.ParseHTTPDate(r.Environ["HTTP_IF_UNMODIFIED_SINCE"])
}

// IfMatch returns the If-Match header (HTTP_IF_MATCH) parsed with strong
// comparison: weak tags are dropped, and an absent or empty header gives
// header.AnyETag(), as WebOb's Request.if_match.
func (r *Request) IfMatch() header.ETagMatcher {
	return header.ParseETags(r.Environ["HTTP_IF_MATCH"], true)
}

// IfNoneMatch returns the If-None-Match header (HTTP_IF_NONE_MATCH) with
// weak tags kept, and header.NoETag() when it is absent or empty, as WebOb's
// Request.if_none_match.
func (r *Request) IfNoneMatch() header.ETagMatcher {
	return header.ParseETags(r.Environ["HTTP_IF_NONE_MATCH"], false)
}

// IfRange returns the If-Range header (HTTP_IF_RANGE) as WebOb's
// Request.if_range. Where WebOb raises because the date is out of range,
// the result is a date If-Range that matches nothing.
func (r *Request) IfRange() header.IfRange {
	return header.ParseIfRange(r.Environ["HTTP_IF_RANGE"])
}

// Range returns the Range header (HTTP_RANGE) as WebOb's Request.range and
// reports whether it is present and valid.
func (r *Request) Range() (header.Range, bool) {
	return header.ParseRange(r.Environ["HTTP_RANGE"])
}

// Pragma returns the Pragma header (HTTP_PRAGMA), "" when absent.
func (r *Request) Pragma() string { return r.Environ["HTTP_PRAGMA"] }

// MaxForwards returns the Max-Forwards header (HTTP_MAX_FORWARDS) and
// reports false when it is absent or not an integer, as WebOb's
// max_forwards (Python's int()).
func (r *Request) MaxForwards() (int64, bool) {
	v, ok := r.Environ["HTTP_MAX_FORWARDS"]
	if !ok {
		return 0, false
	}
	return header.ParseInt(v)
}

// KeepConditional names the groups of headers RemoveConditionalHeaders
// leaves in place, WebOb's remove_conditional_headers keyword arguments
// inverted so that the zero value is WebOb's default: remove all four.
type KeepConditional struct {
	Encoding bool // Accept-Encoding (remove_encoding=False)
	Range    bool // If-Range and Range (remove_range=False)
	Match    bool // If-None-Match (remove_match=False)
	Modified bool // If-Modified-Since (remove_modified=False)
}

// RemoveConditionalHeaders removes the headers that would make the
// request conditional or partial, as WebOb's remove_conditional_headers:
// If-Range and Range, If-None-Match, If-Modified-Since and
// Accept-Encoding, less the groups keep names. A proxy or cache uses it
// before fetching the whole resource. If-Match and If-Unmodified-Since,
// which detect conflicts, stay, as in WebOb.
func (r *Request) RemoveConditionalHeaders(keep KeepConditional) {
	if !keep.Range {
		delete(r.Environ, "HTTP_IF_RANGE")
		delete(r.Environ, "HTTP_RANGE")
	}
	if !keep.Match {
		delete(r.Environ, "HTTP_IF_NONE_MATCH")
	}
	if !keep.Modified {
		delete(r.Environ, "HTTP_IF_MODIFIED_SINCE")
	}
	if !keep.Encoding {
		delete(r.Environ, "HTTP_ACCEPT_ENCODING")
	}
}

package header

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// maxCacheDirectives bounds how many directives ParseCacheControl reads;
// WebOb has no limit.
const maxCacheDirectives = 100

// CacheDirective is one directive of a Cache-Control header.
type CacheDirective struct {
	// Name is the directive name, case kept ("max-age").
	Name string

	// Value is the directive value, quotes removed; integers are in
	// canonical form ("007" is "7"), as WebOb converts them with int().
	Value string

	// HasValue reports whether the directive has a value; "no-cache" has
	// none, "no-cache=" and `no-cache=""` have none either (as in WebOb).
	HasValue bool
}

// CacheControl is a parsed Cache-Control header, WebOb's CacheControl, for
// requests and responses alike: the directives in the order they first
// appear, with typed getters for the standard ones.
//
// Unlike WebOb, CacheControl does not refuse to set a response directive on
// a request or the reverse, and changing it does not change the request it
// came from; write String back to the header for that. The zero value is
// an empty header.
type CacheControl struct {
	dirs []CacheDirective
}

// ParseCacheControl parses a Cache-Control header as WebOb's
// CacheControl.parse. It finds each name (an ASCII letter followed by
// letters, "_" and "-"), optionally followed by whitespace, "=" and a
// double-quoted value or a run of bytes other than space, tab, double
// quote, comma and semicolon; anything else is skipped. A value that is an
// integer in Python's int() syntax is stored in canonical form. When a name
// repeats, the last value wins but the first position is kept. At most 100
// directives are read.
func ParseCacheControl(header string) CacheControl {
	var cc CacheControl
	for pos, n := 0, 0; pos < len(header) && n < maxCacheDirectives; {
		c := header[pos]
		if !isASCIILetter(c) {
			pos++
			continue
		}
		j := pos + 1
		for j < len(header) && (isASCIILetter(header[j]) || header[j] == '_' || header[j] == '-') {
			j++
		}
		name := header[pos:j]
		k := j
		for k < len(header) && isStrSpace(header[k]) {
			k++
		}
		var value string
		end := k
		if k < len(header) && header[k] == '=' {
			v := k + 1
			q := -1
			if v < len(header) && header[v] == '"' {
				q = strings.IndexByte(header[v+1:], '"')
			}
			if q >= 0 {
				value, end = header[v+1:v+1+q], v+1+q+1
			} else {
				end = v
				for end < len(header) && !isCacheValueStop(header[end]) {
					end++
				}
				value = header[v:end]
			}
		}
		pos = end
		n++
		cc.set(name, canonicalInt(value), value != "")
	}
	return cc
}

// isASCIILetter reports whether c is in a-z or A-Z.
func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

// isCacheValueStop reports whether c ends an unquoted directive value.
func isCacheValueStop(c byte) bool {
	return c == ' ' || c == '\t' || c == '"' || c == ',' || c == ';'
}

// canonicalInt returns str(int(v)) when v is an integer for Python's int()
// and v itself otherwise. It does not allocate when v is already canonical.
func canonicalInt(v string) string {
	if v == "" {
		return v
	}
	_, st := parsePyInt(v)
	if st == pyIntBad {
		return v
	}
	i, j := 0, len(v)
	for i < j && isIntSpace(v[i]) {
		i++
	}
	for j > i && isIntSpace(v[j-1]) {
		j--
	}
	neg := v[i] == '-'
	if v[i] == '+' || v[i] == '-' {
		i++
	}
	digits := v[i:j]
	if strings.IndexByte(digits, '_') >= 0 {
		digits = strings.ReplaceAll(digits, "_", "")
	}
	digits = strings.TrimLeft(digits, "0")
	switch {
	case digits == "":
		return "0"
	case neg:
		return "-" + digits
	}
	return digits
}

// set gives the directive name the value, keeping its position if present.
func (cc *CacheControl) set(name, value string, hasValue bool) {
	for i := range cc.dirs {
		if cc.dirs[i].Name == name {
			cc.dirs[i].Value, cc.dirs[i].HasValue = value, hasValue
			return
		}
	}
	cc.dirs = append(cc.dirs, CacheDirective{Name: name, Value: value, HasValue: hasValue})
}

// lookup returns the directive called name (case-sensitive, as in WebOb).
func (cc CacheControl) lookup(name string) (CacheDirective, bool) {
	for _, d := range cc.dirs {
		if d.Name == name {
			return d, true
		}
	}
	return CacheDirective{}, false
}

// Directives returns the directives in order. The slice is a copy.
func (cc CacheControl) Directives() []CacheDirective { return slices.Clone(cc.dirs) }

// Has reports whether the directive name is present, with or without a
// value. Names are case-sensitive, as in WebOb.
func (cc CacheControl) Has(name string) bool {
	_, ok := cc.lookup(name)
	return ok
}

// Get returns the value of the directive name, "" when it is absent or
// has no value; Lookup tells the two apart.
func (cc CacheControl) Get(name string) string {
	d, _ := cc.lookup(name)
	return d.Value
}

// Lookup returns the value of the directive name and reports whether the
// directive is present; the value is "" when it has none.
func (cc CacheControl) Lookup(name string) (string, bool) {
	d, ok := cc.lookup(name)
	return d.Value, ok
}

// Set sets the directive name to value, keeping its position if it is
// present, as assigning a WebOb value property does. An empty value is
// kept as a value: it serialises as "name=".
func (cc *CacheControl) Set(name, value string) { cc.set(name, value, true) }

// SetInt sets the directive name to the integer v, such as max-age.
func (cc *CacheControl) SetInt(name string, v int) { cc.set(name, strconv.Itoa(v), true) }

// SetFlag adds the directive name without a value when on is true and
// removes it when on is false, as assigning a WebOb exists property does
// (no-store, public, ...). Assigning True to a WebOb value property, such
// as private, is SetFlag too.
func (cc *CacheControl) SetFlag(name string, on bool) {
	if on {
		cc.set(name, "", false)
		return
	}
	cc.Del(name)
}

// Del removes the directive name if present.
func (cc *CacheControl) Del(name string) {
	cc.dirs = slices.DeleteFunc(cc.dirs, func(d CacheDirective) bool { return d.Name == name })
}

// intValue is a WebOb value property read as an int: none is the value of
// a directive without one (WebOb's "none" argument), noneOK whether that
// counts as set. A value that is not an integer, or does not fit in an int,
// reports false; WebOb returns such a value as a string (use Get).
func (cc CacheControl) intValue(name string, none int, noneOK bool) (int, bool) {
	d, ok := cc.lookup(name)
	if !ok {
		return 0, false
	}
	if !d.HasValue {
		return none, noneOK
	}
	v, st := parsePyInt(d.Value)
	if st != pyIntOK || v > math.MaxInt || v < math.MinInt {
		return 0, false
	}
	return int(v), true
}

// starValue is a WebOb value property whose "none" is "*".
func (cc CacheControl) starValue(name string) (string, bool) {
	d, ok := cc.lookup(name)
	if !ok {
		return "", false
	}
	if !d.HasValue {
		return "*", true
	}
	return d.Value, true
}

// MaxAge returns max-age in seconds: -1 when the directive has no value, as
// in WebOb.
func (cc CacheControl) MaxAge() (int, bool) { return cc.intValue("max-age", -1, true) }

// SMaxAge returns s-maxage in seconds (response). Without a value it
// reports false, as WebOb returns None.
func (cc CacheControl) SMaxAge() (int, bool) { return cc.intValue("s-maxage", 0, false) }

// MinFresh returns min-fresh in seconds (request).
func (cc CacheControl) MinFresh() (int, bool) { return cc.intValue("min-fresh", 0, false) }

// StaleWhileRevalidate returns stale-while-revalidate in seconds (response).
func (cc CacheControl) StaleWhileRevalidate() (int, bool) {
	return cc.intValue("stale-while-revalidate", 0, false)
}

// StaleIfError returns stale-if-error in seconds (response).
func (cc CacheControl) StaleIfError() (int, bool) { return cc.intValue("stale-if-error", 0, false) }

// MaxStale returns max-stale (request): "*" when it has no value (any
// staleness), else its value, such as "100".
func (cc CacheControl) MaxStale() (string, bool) { return cc.starValue("max-stale") }

// NoCache returns no-cache: "*" when it has no value, else its value, such
// as "Set-Cookie" for no-cache="Set-Cookie".
func (cc CacheControl) NoCache() (string, bool) { return cc.starValue("no-cache") }

// Private returns private (response): "*" when it has no value, else its
// value (a list of header names).
func (cc CacheControl) Private() (string, bool) { return cc.starValue("private") }

// NoStore reports whether no-store is present.
func (cc CacheControl) NoStore() bool { return cc.Has("no-store") }

// NoTransform reports whether no-transform is present.
func (cc CacheControl) NoTransform() bool { return cc.Has("no-transform") }

// OnlyIfCached reports whether only-if-cached is present (request).
func (cc CacheControl) OnlyIfCached() bool { return cc.Has("only-if-cached") }

// Public reports whether public is present (response).
func (cc CacheControl) Public() bool { return cc.Has("public") }

// MustRevalidate reports whether must-revalidate is present (response).
func (cc CacheControl) MustRevalidate() bool { return cc.Has("must-revalidate") }

// ProxyRevalidate reports whether proxy-revalidate is present (response).
func (cc CacheControl) ProxyRevalidate() bool { return cc.Has("proxy-revalidate") }

// String serialises cc as WebOb's serialize_cache_control: directives
// sorted by name, joined by ", ", each as name or name=value, the value in
// double quotes when it has a byte other than a-z, A-Z, 0-9, ".", "_" and
// "-".
func (cc CacheControl) String() string {
	if len(cc.dirs) == 0 {
		return ""
	}
	idx := make([]int, len(cc.dirs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return strings.Compare(cc.dirs[a].Name, cc.dirs[b].Name) })
	var b strings.Builder
	for n, i := range idx {
		d := cc.dirs[i]
		if n > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d.Name)
		if !d.HasValue {
			continue
		}
		b.WriteByte('=')
		if needsCacheQuote(d.Value) {
			b.WriteByte('"')
			b.WriteString(d.Value)
			b.WriteByte('"')
		} else {
			b.WriteString(d.Value)
		}
	}
	return b.String()
}

// needsCacheQuote reports whether v has a byte outside [a-zA-Z0-9._-].
func needsCacheQuote(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !isASCIILetter(c) && !('0' <= c && c <= '9') && c != '.' && c != '_' && c != '-' {
			return true
		}
	}
	return false
}

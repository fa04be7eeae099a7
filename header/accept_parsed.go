package header

import "strings"

// This file gives the parsed elements of the four Accept headers, WebOb's
// parsed property and Accept*.parse(value).

// QItem is one element of an Accept-Charset, Accept-Encoding or
// Accept-Language header: the value as written and its quality (1 when the
// element has no weight).
type QItem struct {
	Value string
	Q     float64
}

// AcceptParam is a media type parameter or an accept extension of an
// Accept header element: the name as written and the value with a
// quoted-string's quotes and escapes removed. NoValue marks an extension
// written without "=" (WebOb gives it as a bare string).
type AcceptParam struct {
	Name, Value string
	NoValue     bool
}

// MediaRange is one element of an Accept header as WebOb's Accept.parse
// yields it.
type MediaRange struct {
	// Range is the media range with its parameters, canonicalised as
	// WebOb does: no spaces around ";", parameter values quoted only when
	// they are not tokens (with "\" and `"` escaped), case kept.
	Range string
	// Q is the quality value, 1 when the element has no weight.
	Q float64
	// Params are the media type parameters, in order.
	Params []AcceptParam
	// Extensions are the accept extensions after the weight, in order.
	Extensions []AcceptParam
}

// Parsed returns the elements of a valid header from left to right, as
// WebOb's parsed property (and Accept.parse(value) on ParseAccept(value)),
// and false where WebOb gives None: for an absent or invalid header. Like
// every method of Accept, it reads only the first 100 elements (WebOb reads
// them all).
func (a Accept) Parsed() ([]MediaRange, bool) {
	if a.state != acceptValid {
		return nil, false
	}
	out := []MediaRange{}
	s := a.header
	for i, n := 0, 0; n < maxAcceptEntries; n++ {
		start, more := acceptSkipDelims(s, i)
		if !more {
			break
		}
		m, end := parseMediaRange(s, start, true)
		if end < 0 { // cannot happen on a validated header
			break
		}
		mr := MediaRange{Range: m.mask(), Q: m.q}
		for p := m.params; ; {
			name, value, rest, ok := acceptNextParam(p)
			if !ok {
				break
			}
			mr.Params = append(mr.Params, AcceptParam{Name: name, Value: acceptUnescape(value)})
			p = rest
		}
		if _, e, ok := acceptWeight(s, start+len(m.full)); ok {
			mr.Extensions = acceptExtensions(s[e:end])
		}
		out = append(out, mr)
		i = end
	}
	return out, true
}

// acceptExtensions splits a validated accept-ext segment,
// `*( OWS ";" OWS token [ "=" ( token / quoted-string ) ] )`.
func acceptExtensions(seg string) []AcceptParam {
	var out []AcceptParam
	for i := 0; ; {
		j := acceptOWS(seg, i)
		if j >= len(seg) || seg[j] != ';' {
			return out
		}
		k := acceptOWS(seg, j+1)
		n := acceptTokenEnd(seg, k)
		if n == k {
			return out
		}
		p := AcceptParam{Name: seg[k:n], NoValue: true}
		if n < len(seg) && seg[n] == '=' {
			if e := acceptValueEnd(seg, n+1); e >= 0 {
				p.Value, p.NoValue = acceptUnescape(seg[n+1:e]), false
				n = e
			}
		}
		out = append(out, p)
		i = n
	}
}

// acceptUnescape returns a parameter value without its quotes and escapes
// when it is a quoted-string, else as it is.
func acceptUnescape(v string) string {
	if len(v) < 2 || v[0] != '"' {
		return v
	}
	v = v[1 : len(v)-1]
	if !strings.Contains(v, `\`) {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); {
		c, _ := acceptUnquotedByte(v, &i, true)
		b.WriteByte(c)
	}
	return b.String()
}

// Parsed returns the (value, q) elements of a valid header from left to
// right, as WebOb's parsed property, and false for an absent or invalid
// header. Only the first 100 elements are read.
func (a tokenAccept) Parsed() ([]QItem, bool) {
	if a.state != acceptValid {
		return nil, false
	}
	return collectQItems(acceptQItemIter{s: a.header, item: acceptTokenItemEnd}), true
}

// Parsed returns the (language range, q) elements of a valid header from
// left to right, as WebOb's parsed property, and false for an absent or
// invalid header. Only the first 100 elements are read.
func (a AcceptLanguage) Parsed() ([]QItem, bool) {
	if a.state != acceptValid {
		return nil, false
	}
	return collectQItems(a.iter()), true
}

// collectQItems drains it.
func collectQItems(it acceptQItemIter) []QItem {
	out := []QItem{}
	for {
		v, q, ok := it.next()
		if !ok {
			return out
		}
		out = append(out, QItem{Value: v, Q: q})
	}
}

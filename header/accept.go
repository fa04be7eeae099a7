package header

import (
	"slices"
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
)

// This file ports the Accept header of webob/acceptparse.py: media ranges.

// mediaRange is one element of an Accept header (or one offer), as slices of
// the header.
type mediaRange struct {
	full   string // type "/" subtype and the raw parameter segment
	typ    string
	sub    string
	params string // raw `*( OWS ";" OWS parameter )`, possibly empty
	q      float64
}

// acceptParamsEnd returns the end of the media type parameters starting at
// i. A parameter may not be named "q" or "Q": that starts the weight.
func acceptParamsEnd(s string, i int) int {
	for {
		j := acceptOWS(s, i)
		if j >= len(s) || s[j] != ';' {
			return i
		}
		k := acceptOWS(s, j+1)
		if k+1 < len(s) && s[k]|0x20 == 'q' && s[k+1] == '=' {
			return i
		}
		n := acceptTokenEnd(s, k)
		if n == k || n >= len(s) || s[n] != '=' {
			return i
		}
		e := acceptValueEnd(s, n+1)
		if e < 0 {
			return i
		}
		i = e
	}
}

// acceptExtsEnd returns the end of the accept-ext parameters starting at i:
// `*( OWS ";" OWS token [ "=" ( token / quoted-string ) ] )`.
func acceptExtsEnd(s string, i int) int {
	for {
		j := acceptOWS(s, i)
		if j >= len(s) || s[j] != ';' {
			return i
		}
		k := acceptOWS(s, j+1)
		n := acceptTokenEnd(s, k)
		if n == k {
			return i
		}
		if n < len(s) && s[n] == '=' {
			if e := acceptValueEnd(s, n+1); e >= 0 {
				n = e
			}
		}
		i = n
	}
}

// parseMediaRange parses a media range at i, with the weight and
// accept-ext parameters when weight is true. end is -1 if there is none.
func parseMediaRange(s string, i int, weight bool) (m mediaRange, end int) {
	t := acceptTokenEnd(s, i)
	if t == i || t >= len(s) || s[t] != '/' {
		return m, -1
	}
	u := acceptTokenEnd(s, t+1)
	if u == t+1 {
		return m, -1
	}
	p := acceptParamsEnd(s, u)
	m = mediaRange{full: s[i:p], typ: s[i:t], sub: s[t+1 : u], params: s[u:p], q: 1}
	end = p
	if weight {
		if q, e, ok := acceptWeight(s, p); ok {
			m.q = q
			end = acceptExtsEnd(s, e)
		}
	}
	return m, end
}

// acceptElemEnd is the list element of an Accept header.
func acceptElemEnd(s string, i int) int {
	_, end := parseMediaRange(s, i, true)
	return end
}

// parseAcceptOffer parses an offer as WebOb's Accept.parse_offer does: a
// media type with parameters (none named q), and neither type nor subtype
// "*".
func parseAcceptOffer(offer string) (mediaRange, bool) {
	s := strings.TrimSuffix(offer, "\n")
	m, end := parseMediaRange(s, 0, false)
	if end != len(s) || m.typ == "*" || m.sub == "*" {
		return mediaRange{}, false
	}
	return m, true
}

// mediaRangeIter walks the elements of a validated Accept header.
type mediaRangeIter struct {
	s    string
	i, n int
}

// next returns the next media range, or false after the last one or the
// maxAcceptEntries-th.
func (it *mediaRangeIter) next() (mediaRange, bool) {
	if it.n >= maxAcceptEntries {
		return mediaRange{}, false
	}
	i, ok := acceptSkipDelims(it.s, it.i)
	if !ok {
		return mediaRange{}, false
	}
	m, end := parseMediaRange(it.s, i, true)
	if end < 0 { // cannot happen on a validated header
		return mediaRange{}, false
	}
	it.i, it.n = end, it.n+1
	return m, true
}

// acceptNextParam splits the first parameter off a validated parameter
// segment, returning its name and raw (possibly quoted) value.
func acceptNextParam(p string) (name, value, rest string, ok bool) {
	i := acceptOWS(p, 0)
	if i >= len(p) || p[i] != ';' {
		return "", "", "", false
	}
	i = acceptOWS(p, i+1)
	n := acceptTokenEnd(p, i)
	if n >= len(p) || p[n] != '=' {
		return "", "", "", false
	}
	e := acceptValueEnd(p, n+1)
	if e < 0 {
		return "", "", "", false
	}
	return p[i:n], p[n+1 : e], p[e:], true
}

// acceptUnquotedByte returns the next byte of the unescaped value v at *i;
// v is the inside of a quoted-string when quoted is true.
func acceptUnquotedByte(v string, i *int, quoted bool) (byte, bool) {
	if *i >= len(v) {
		return 0, false
	}
	if quoted && v[*i] == '\\' && *i+1 < len(v) {
		*i++
	}
	c := v[*i]
	*i++
	return c, true
}

// acceptParamValueEqual reports whether two raw parameter values are equal
// once quoted-strings are unescaped.
func acceptParamValueEqual(a, b string) bool {
	qa, qb := strings.HasPrefix(a, `"`), strings.HasPrefix(b, `"`)
	if !qa && !qb {
		return a == b
	}
	if qa {
		a = a[1 : len(a)-1]
	}
	if qb {
		b = b[1 : len(b)-1]
	}
	i, j := 0, 0
	for {
		ca, oka := acceptUnquotedByte(a, &i, qa)
		cb, okb := acceptUnquotedByte(b, &j, qb)
		if oka != okb || ca != cb {
			return false
		}
		if !oka {
			return true
		}
	}
}

// acceptParamsEqual reports whether two parameter segments hold the same
// (lower-cased name, unescaped value) pairs in the same order, as WebOb
// compares its parameter tuples.
func acceptParamsEqual(a, b string) bool {
	for {
		na, va, ra, oka := acceptNextParam(a)
		nb, vb, rb, okb := acceptNextParam(b)
		if oka != okb {
			return false
		}
		if !oka {
			return true
		}
		if !acceptFoldEqual(na, nb) || !acceptParamValueEqual(va, vb) {
			return false
		}
		a, b = ra, rb
	}
}

// mask returns the media range as WebOb's parse returns it: parameters with
// no whitespace around ";" and values unescaped, then re-quoted only if they
// are not tokens. It allocates only when that differs from the header text.
func (m mediaRange) mask() string {
	if m.params == "" || !strings.ContainsAny(m.params, " \t\"") {
		return m.full
	}
	var b strings.Builder
	b.Grow(len(m.full))
	b.WriteString(m.typ)
	b.WriteByte('/')
	b.WriteString(m.sub)
	for p := m.params; ; {
		name, value, rest, ok := acceptNextParam(p)
		if !ok {
			break
		}
		p = rest
		b.WriteByte(';')
		b.WriteString(name)
		b.WriteByte('=')
		quoted := strings.HasPrefix(value, `"`)
		if quoted {
			value = value[1 : len(value)-1]
		}
		// Unescaped value: a token stays bare, anything else is quoted with
		// only '\' and '"' escaped (WebOb's _escape_and_quote_parameter_value).
		token := value != ""
		for i := 0; i < len(value); {
			c, _ := acceptUnquotedByte(value, &i, quoted)
			token = token && httplex.IsTokenByte(c)
		}
		if !token {
			b.WriteByte('"')
		}
		for i := 0; i < len(value); {
			c, _ := acceptUnquotedByte(value, &i, quoted)
			if c == '\\' || c == '"' {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
		if !token {
			b.WriteByte('"')
		}
	}
	return b.String()
}

// acceptSplitSlash splits a media type as WebOb's _old_match does: on
// exactly one "/", or else the whole string and "*".
func acceptSplitSlash(s string) (string, string) {
	i := strings.IndexByte(s, '/')
	if i < 0 || strings.IndexByte(s[i+1:], '/') >= 0 {
		return s, "*"
	}
	return s[:i], s[i+1:]
}

// acceptOldMatch is WebOb's AcceptValidHeader._old_match: the legacy,
// non-RFC matching used by BestMatch and Quality.
func acceptOldMatch(mask, offer string) bool {
	if acceptFoldEqual(mask, offer) || mask == "*/*" || offer == "*/*" || offer == "*" {
		return true
	}
	mt, ms := acceptSplitSlash(mask)
	ot, osub := acceptSplitSlash(offer)
	switch {
	case ms == "*":
		return ot == "*" || acceptFoldEqual(mt, ot)
	case mt == "*":
		return osub == "*" || acceptFoldEqual(ms, osub)
	case osub == "*":
		return acceptFoldEqual(mt, ot)
	case ot == "*":
		return acceptFoldEqual(ms, osub)
	}
	return acceptFoldEqual(offer, mask)
}

// Accept is a parsed Accept request header (RFC 7231 §5.3.2), WebOb's
// AcceptValidHeader, AcceptNoHeader and AcceptInvalidHeader in one type.
// The zero value is an absent header. Accept is a small value: it keeps the
// header and re-scans it in each method, so parsing allocates nothing.
type Accept struct {
	header string
	state  acceptState
}

// ParseAccept parses the value of an Accept header that is present; the
// zero Accept stands for an absent one. A value that WebOb would reject
// makes an invalid Accept, which matches like an absent one. Only the first
// 100 media ranges are used.
func ParseAccept(value string) Accept {
	switch {
	case acceptValidList(value, false, acceptElemEnd):
		return Accept{header: value, state: acceptValid}
	}
	return Accept{header: value, state: acceptInvalid}
}

// Header returns the raw header value and whether the header was present.
func (a Accept) Header() (string, bool) { return a.header, a.state != acceptAbsent }

// Valid reports whether the header was present and well-formed.
func (a Accept) Valid() bool { return a.state == acceptValid }

// Present reports whether the request had the header, valid or not.
func (a Accept) Present() bool { return a.state != acceptAbsent }

// offerQuality returns the q of the most specific media range matching the
// parsed offer o (WebOb's acceptable_offers rules): type/subtype with equal
// parameters beats type/subtype without parameters, which beats type/*,
// which beats */*; among equally specific ranges the first wins.
func (a Accept) offerQuality(o mediaRange) (q float64, matched bool) {
	best := 0
	it := mediaRangeIter{s: a.header}
	for {
		m, ok := it.next()
		if !ok {
			break
		}
		var spec int
		switch {
		case acceptFoldEqual(o.typ, m.typ) && acceptFoldEqual(o.sub, m.sub):
			switch {
			case m.params == "":
				spec = 3
			case acceptParamsEqual(o.params, m.params):
				spec = 4
			default:
				continue
			}
		case m.sub == "*" && acceptFoldEqual(o.typ, m.typ):
			spec = 2
		case m.typ == "*" && m.sub == "*":
			spec = 1
		default:
			continue
		}
		if spec > best {
			best, q = spec, m.q
		}
	}
	return q, best > 0
}

// offerQ returns the q AcceptableOffers gives offers[i], and false when it
// leaves offers[i] out.
func (a Accept) offerQ(offers []string, i int) (float64, bool) {
	o, ok := parseAcceptOffer(offers[i])
	if !ok {
		return 0, false
	}
	if a.state != acceptValid {
		return 1, true
	}
	if slices.Contains(offers[:i], offers[i]) {
		return 0, false // WebOb keys its result on the offer string
	}
	q, ok := a.offerQuality(o)
	return q, ok && q != 0
}

// Preferred returns the offer AcceptableOffers would list first, and false
// when it would list none, without allocating: what a handler choosing one
// representation needs (exc picks its error page's type with it).
func (a Accept) Preferred(offers []string) (string, bool) {
	best, bestQ := "", 0.0
	for i, offer := range offers {
		if q, ok := a.offerQ(offers, i); ok && q > bestQ {
			best, bestQ = offer, q
		}
	}
	return best, bestQ > 0
}

// AcceptableOffers returns the offers the header accepts, most acceptable
// first, as WebOb's acceptable_offers does (RFC 7231 §5.3.2): each offer gets
// the q of its most specific matching media range, offers with q=0 or no
// match are left out, ties keep the order of offers, and offers that are not
// valid media types (including "type/*" and ones with a q parameter) are
// ignored; a repeated offer appears once. For an absent or invalid header
// every valid offer is returned with Q 1, repeats included. It returns nil
// when nothing is acceptable.
func (a Accept) AcceptableOffers(offers []string) []Offer {
	var res []Offer
	for i, offer := range offers {
		q, ok := a.offerQ(offers, i)
		if !ok {
			continue
		}
		if res == nil {
			res = make([]Offer, 0, len(offers)-i) // one allocation for the result
		}
		res = append(res, Offer{offer, q})
	}
	sortByQ(res)
	return res
}

// BestMatch returns the offer WebOb's legacy best_match picks, or "" where it
// returns its default (None). It walks the offers in order and, for each, the
// non-zero media ranges in header order; a range that matches with a higher
// q than the best so far wins, and at an equal q a range with fewer "*"
// than the one that matched before wins. Matching is WebOb's lenient
// _old_match: case-insensitive, "*" in either the range or the offer is a
// wildcard, and a range with parameters only matches an identical offer.
// For an absent or invalid header it returns the first offer.
func (a Accept) BestMatch(offers []string) string {
	v, _ := a.bestMatch(len(offers), func(i int) (string, float64) { return offers[i], 1 })
	return v
}

// bestMatch is BestMatch and BestMatchQ over n offers read with offer.
func (a Accept) bestMatch(n int, offer func(int) (string, float64)) (string, bool) {
	if a.state != acceptValid {
		return bestServerOffer(n, offer)
	}
	best, bestOffer, found, matchedStars := -1.0, "", false, 2 // "*/*"
	for i := range n {
		o, sq := offer(i)
		it := mediaRangeIter{s: a.header}
		for {
			m, ok := it.next()
			if !ok {
				break
			}
			q := sq * m.q
			if m.q == 0 || q < best {
				continue
			}
			mask := m.mask()
			stars := strings.Count(mask, "*")
			if q == best && matchedStars <= stars {
				continue
			}
			if acceptOldMatch(mask, o) {
				best, bestOffer, found, matchedStars = q, o, true, stars
			}
		}
	}
	return bestOffer, found
}

// Quality returns the highest q of the media ranges that match offer by
// WebOb's legacy rules (see BestMatch), and false where WebOb returns None:
// when no range matches or all that match have q=0. For an absent or
// invalid header it returns 1, true.
func (a Accept) Quality(offer string) (float64, bool) {
	if a.state != acceptValid {
		return 1, true
	}
	bestq := 0.0
	it := mediaRangeIter{s: a.header}
	for {
		m, ok := it.next()
		if !ok {
			break
		}
		if m.q > bestq && acceptOldMatch(m.mask(), offer) {
			bestq = m.q
		}
	}
	return bestq, bestq != 0
}

// acceptHTMLOffers are the offers WebOb's accept_html tries.
var acceptHTMLOffers = [...]string{"text/html", "application/xhtml+xml", "application/xml", "text/xml"}

// AcceptHTML reports whether any of text/html, application/xhtml+xml,
// application/xml or text/xml is acceptable (WebOb's accept_html). It is
// true for an absent or invalid header.
func (a Accept) AcceptHTML() bool {
	if a.state != acceptValid {
		return true
	}
	for _, offer := range acceptHTMLOffers {
		o, _ := parseAcceptOffer(offer)
		if q, ok := a.offerQuality(o); ok && q > 0 {
			return true
		}
	}
	return false
}

// sortByQ orders offers by quality, highest first, keeping the order of
// equal ones (the server's preference among them).
func sortByQ(res []Offer) {
	slices.SortStableFunc(res, func(x, y Offer) int {
		switch {
		case x.Q > y.Q:
			return -1
		case x.Q < y.Q:
			return 1
		}
		return 0
	})
}

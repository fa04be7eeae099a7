package request

import (
	"slices"
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
)

// This file ports the Accept, Accept-Charset and Accept-Encoding parts of
// WebOb 1.8.6's webob/acceptparse.py; accept_language.go ports
// Accept-Language. The rules shared by all four headers are:
//
//   - A header is absent (no environ key), valid (it matches WebOb's
//     validation regex) or invalid (present but not matching). For matching,
//     invalid behaves exactly like absent, as WebOb's *InvalidHeader classes
//     do.
//   - The validation regexes are ported as hand-written loops over bytes (no
//     regexp on the request path). Bytes are treated as ISO-8859-1, as WSGI
//     decodes header values; in particular Python's $ also accepts one final
//     "\n", and so do we.
//   - Case-insensitive comparisons fold ASCII and Latin-1 letters, like
//     Python's str.lower on a WSGI (Latin-1) string. Python also folds a few
//     non-Latin-1 characters (U+212A KELVIN SIGN becomes "k"); we do not.
//   - Only the first maxAcceptEntries elements of a header are used; the
//     rest are still validated (in linear time) but otherwise ignored. This
//     bounds the work of every method to O(maxAcceptEntries × len(offers))
//     element visits.
//   - Parsing and matching allocate nothing in the common case: the parsed
//     value only remembers the header, and methods re-scan it. Only results
//     ([]Offer) and, for Accept, media ranges whose parameters are quoted or
//     surrounded by whitespace (which WebOb canonicalises before its legacy
//     matching) allocate.

// maxAcceptEntries is the number of elements of an Accept* header that are
// taken into account; later elements are ignored. Real browsers send fewer
// than 20.
const maxAcceptEntries = 100

// acceptState says whether an Accept* header was absent, valid or invalid.
type acceptState uint8

const (
	acceptAbsent acceptState = iota
	acceptValid
	acceptInvalid
)

// Offer is one acceptable offer and its quality, as returned by
// AcceptableOffers and BasicFiltering (WebOb's (offer, qvalue) tuples).
type Offer struct {
	// Value is the offer exactly as the caller passed it.
	Value string
	// Q is the quality value the header gives the offer, in (0, 1].
	Q float64
}

// acceptLower maps a byte to what Python's str.lower gives for the Latin-1
// character it stands for (WSGI header strings are Latin-1).
var acceptLower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = byte(c) + 'a' - 'A'
	}
	for c := 0xC0; c <= 0xDE; c++ {
		if c != 0xD7 { // multiplication sign
			t[c] = byte(c) + 0x20
		}
	}
	return t
}()

// acceptFoldEqual reports whether a.lower() == b.lower() in Python, for
// Latin-1 strings.
func acceptFoldEqual(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && acceptLower[a[i]] != acceptLower[b[i]] {
			return false
		}
	}
	return true
}

// acceptOWS returns the index of the first byte at or after i that is not
// SP or HTAB.
func acceptOWS(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// acceptTokenEnd returns the end of the (possibly empty) run of tchars at i.
func acceptTokenEnd(s string, i int) int {
	for i < len(s) && httplex.IsTokenByte(s[i]) {
		i++
	}
	return i
}

// acceptQdtext reports whether c is qdtext: HTAB, SP, %x21, %x23-5B,
// %x5D-7E or obs-text.
func acceptQdtext(c byte) bool {
	return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) ||
		(c >= 0x5D && c <= 0x7E) || c >= 0x80
}

// acceptQuotedPairChar reports whether c may follow a backslash in a
// quoted-string: HTAB, SP, VCHAR or obs-text.
func acceptQuotedPairChar(c byte) bool {
	return c == '\t' || c == ' ' || (c >= 0x21 && c <= 0x7E) || c >= 0x80
}

// acceptQuotedEnd returns the end of the quoted-string starting at s[i],
// or -1 if there is none.
func acceptQuotedEnd(s string, i int) int {
	if i >= len(s) || s[i] != '"' {
		return -1
	}
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '"':
			return j + 1
		case c == '\\':
			j++
			if j >= len(s) || !acceptQuotedPairChar(s[j]) {
				return -1
			}
		case !acceptQdtext(c):
			return -1
		}
	}
	return -1
}

// acceptValueEnd returns the end of the token or quoted-string at i, or -1.
func acceptValueEnd(s string, i int) int {
	if i < len(s) && s[i] == '"' {
		return acceptQuotedEnd(s, i)
	}
	if e := acceptTokenEnd(s, i); e > i {
		return e
	}
	return -1
}

// acceptQValue parses the qvalue at i, greedily as Python's regex does:
// "0" ["." 0*3DIGIT] or "1" ["." 0*3("0")].
func acceptQValue(s string, i int) (q float64, end int, ok bool) {
	if i >= len(s) {
		return 0, i, false
	}
	switch s[i] {
	case '0':
		end = i + 1
		thousandths := 0
		if end < len(s) && s[end] == '.' {
			end++
			scale := 100
			for d := 0; d < 3 && end < len(s) && s[end] >= '0' && s[end] <= '9'; d++ {
				thousandths += int(s[end]-'0') * scale
				scale /= 10
				end++
			}
		}
		// n/1000 is correctly rounded, so it equals Python's float("0.n").
		return float64(thousandths) / 1000, end, true
	case '1':
		end = i + 1
		if end < len(s) && s[end] == '.' {
			end++
			for d := 0; d < 3 && end < len(s) && s[end] == '0'; d++ {
				end++
			}
		}
		return 1, end, true
	}
	return 0, i, false
}

// acceptWeight parses `OWS ";" OWS ("q" / "Q") "=" qvalue` at i.
func acceptWeight(s string, i int) (q float64, end int, ok bool) {
	j := acceptOWS(s, i)
	if j >= len(s) || s[j] != ';' {
		return 0, i, false
	}
	k := acceptOWS(s, j+1)
	if k+1 >= len(s) || s[k]|0x20 != 'q' || s[k+1] != '=' {
		return 0, i, false
	}
	return acceptQValue(s, k+2)
}

// acceptValidList reports whether s matches WebOb's list regex built from an
// element: "#element" (0 or more, with WebOb's quirks: "", "," and ",,a" are
// valid but ",a" is not) when oneOrMore is false, "1#element" when it is true.
// elem returns the end of the element at i, or -1 if there is none; because
// no element can end just before SP, HTAB or ",", a greedy element here is
// what Python's backtracking regex settles on too.
func acceptValidList(s string, oneOrMore bool, elem func(string, int) int) bool {
	// Python's $ matches at the end and before one final newline.
	s = strings.TrimSuffix(s, "\n")
	i := 0
	if oneOrMore {
		for i < len(s) && s[i] == ',' {
			i = acceptOWS(s, i+1)
		}
		e := elem(s, i)
		if e < 0 {
			return false
		}
		i = e
	} else {
		if s == "" {
			return true
		}
		if s[0] == ',' {
			i = 1
		} else {
			e := elem(s, 0)
			if e < 0 {
				return false
			}
			i = e
		}
	}
	for i < len(s) {
		j := acceptOWS(s, i)
		if j >= len(s) || s[j] != ',' {
			return false
		}
		j++
		if e := elem(s, acceptOWS(s, j)); e >= 0 {
			j = e
		}
		i = j
	}
	return true
}

// acceptSkipDelims moves i past the OWS and commas between elements of a
// validated header; it reports false at the end of the list.
func acceptSkipDelims(s string, i int) (int, bool) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == ',') {
		i++
	}
	return i, i < len(s) && s[i] != '\n'
}

// ---------------------------------------------------------------------------
// Accept: media ranges.

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

// ParseAccept parses an Accept header value; present is false when the
// request had no Accept header, in which case value is ignored. A present
// value that WebOb would reject makes an invalid Accept, which matches like
// an absent one. Only the first 100 media ranges are used.
func ParseAccept(value string, present bool) Accept {
	switch {
	case !present:
		return Accept{}
	case acceptValidList(value, false, acceptElemEnd):
		return Accept{header: value, state: acceptValid}
	}
	return Accept{header: value, state: acceptInvalid}
}

// Accept returns the request's Accept header (environ key HTTP_ACCEPT),
// parsed on every call as WebOb does; parsing allocates nothing.
func (r *Request) Accept() Accept {
	v, ok := r.Environ["HTTP_ACCEPT"]
	return ParseAccept(v, ok)
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
	slices.SortStableFunc(res, func(x, y Offer) int {
		switch {
		case x.Q > y.Q:
			return -1
		case x.Q < y.Q:
			return 1
		}
		return 0
	})
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
	if a.state != acceptValid {
		if len(offers) > 0 {
			return offers[0]
		}
		return ""
	}
	best, bestOffer, matchedStars := -1.0, "", 2 // "*/*"
	for _, offer := range offers {
		it := mediaRangeIter{s: a.header}
		for {
			m, ok := it.next()
			if !ok {
				break
			}
			if m.q == 0 || m.q < best {
				continue
			}
			mask := m.mask()
			stars := strings.Count(mask, "*")
			if m.q == best && matchedStars <= stars {
				continue
			}
			if acceptOldMatch(mask, offer) {
				best, bestOffer, matchedStars = m.q, offer, stars
			}
		}
	}
	return bestOffer
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

// ---------------------------------------------------------------------------
// Accept-Charset and Accept-Encoding: tokens with weights.

// acceptQItemIter walks the elements of a validated Accept-Charset,
// -Encoding or -Language header; item returns the end of the element's
// value at i (or -1).
type acceptQItemIter struct {
	s    string
	i, n int
	item func(string, int) int
}

// next returns the next element's value and q, or false after the last one
// or the maxAcceptEntries-th.
func (it *acceptQItemIter) next() (value string, q float64, ok bool) {
	if it.n >= maxAcceptEntries {
		return "", 0, false
	}
	i, more := acceptSkipDelims(it.s, it.i)
	if !more {
		return "", 0, false
	}
	e := it.item(it.s, i)
	if e < 0 { // cannot happen on a validated header
		return "", 0, false
	}
	value, q = it.s[i:e], 1
	if wq, we, wok := acceptWeight(it.s, e); wok {
		q, e = wq, we
	}
	it.i, it.n = e, it.n+1
	return value, q, true
}

// acceptTokenItemEnd is the value of an Accept-Charset or -Encoding element.
func acceptTokenItemEnd(s string, i int) int {
	if e := acceptTokenEnd(s, i); e > i {
		return e
	}
	return -1
}

// acceptTokenElemEnd is a whole Accept-Charset or -Encoding element.
func acceptTokenElemEnd(s string, i int) int {
	e := acceptTokenItemEnd(s, i)
	if e < 0 {
		return -1
	}
	if _, we, ok := acceptWeight(s, e); ok {
		return we
	}
	return e
}

// acceptTokenOldMatch is WebOb's _old_match for charsets and codings.
func acceptTokenOldMatch(mask, offer string) bool {
	return mask == "*" || acceptFoldEqual(offer, mask)
}

// acceptQListBestMatch is WebOb's legacy best_match for the Accept-Charset,
// -Encoding and -Language headers, which differ only in their item syntax
// and match function.
func acceptQListBestMatch(header string, item func(string, int) int, match func(mask, offer string) bool, offers []string) string {
	best, bestOffer, matchedStars := -1.0, "", 2 // "*/*"
	for _, offer := range offers {
		it := acceptQItemIter{s: header, item: item}
		for {
			mask, q, ok := it.next()
			if !ok {
				break
			}
			if q == 0 || q < best {
				continue
			}
			stars := strings.Count(mask, "*")
			if q == best && matchedStars <= stars {
				continue
			}
			if match(mask, offer) {
				best, bestOffer, matchedStars = q, offer, stars
			}
		}
	}
	return bestOffer
}

// acceptQListQuality is WebOb's legacy quality for the same headers.
func acceptQListQuality(header string, item func(string, int) int, match func(mask, offer string) bool, offer string) (float64, bool) {
	bestq := 0.0
	it := acceptQItemIter{s: header, item: item}
	for {
		mask, q, ok := it.next()
		if !ok {
			break
		}
		if q > bestq && match(mask, offer) {
			bestq = q
		}
	}
	return bestq, bestq != 0
}

// acceptTokenOffers is acceptable_offers for Accept-Charset and
// Accept-Encoding: an offer takes the q of the first element equal to it
// (case-insensitively; q=0 rejects it), else the q of the first "*" if that
// is not 0. For Accept-Encoding, identity is acceptable with q 1 when the
// header names neither it nor "*".
func acceptTokenOffers(header string, identity bool, offers []string) []Offer {
	var res []Offer
	for i, offer := range offers {
		matched, starQ, star := -1.0, 0.0, false
		it := acceptQItemIter{s: header, item: acceptTokenItemEnd}
		for {
			v, q, ok := it.next()
			if !ok {
				break
			}
			if v == "*" {
				if !star {
					starQ, star = q, true
				}
				continue
			}
			if acceptFoldEqual(v, offer) {
				matched = q
				break
			}
		}
		switch {
		case matched == 0:
			continue
		case matched > 0:
		case starQ > 0:
			matched = starQ
		case identity && !star && acceptFoldEqual(offer, "identity"):
			matched = 1
		default:
			continue
		}
		if res == nil {
			res = make([]Offer, 0, len(offers)-i) // one allocation for the result
		}
		res = append(res, Offer{offer, matched})
	}
	slices.SortStableFunc(res, func(x, y Offer) int {
		switch {
		case x.Q > y.Q:
			return -1
		case x.Q < y.Q:
			return 1
		}
		return 0
	})
	return res
}

// allOffers returns every offer with Q 1, as WebOb does for an absent or
// invalid Accept-Charset or Accept-Encoding header.
func allOffers(offers []string) []Offer {
	if len(offers) == 0 {
		return nil
	}
	res := make([]Offer, len(offers))
	for i, o := range offers {
		res[i] = Offer{o, 1}
	}
	return res
}

// tokenAccept is what AcceptCharset and AcceptEncoding share: both are
// lists of tokens with q values, matched ignoring case, where "*" matches
// anything; they differ only in AcceptableOffers (identity).
type tokenAccept struct {
	header string
	state  acceptState
}

// parseTokenAccept parses an Accept-Charset or Accept-Encoding value.
func parseTokenAccept(value string, present, emptyInvalid bool) tokenAccept {
	switch {
	case !present:
		return tokenAccept{}
	case acceptValidList(value, emptyInvalid, acceptTokenElemEnd):
		return tokenAccept{header: value, state: acceptValid}
	}
	return tokenAccept{header: value, state: acceptInvalid}
}

// Header returns the raw header value and whether the header was present.
func (a tokenAccept) Header() (string, bool) { return a.header, a.state != acceptAbsent }

// Valid reports whether the header was present and well-formed.
func (a tokenAccept) Valid() bool { return a.state == acceptValid }

// Present reports whether the request had the header, valid or not.
func (a tokenAccept) Present() bool { return a.state != acceptAbsent }

// BestMatch returns the offer WebOb's legacy best_match picks, or "" where it
// returns None: the first offer matched by the highest non-zero q, where "*"
// matches anything and other values match ignoring case, and at an equal
// q a later match through a range with fewer "*" wins (for Accept-Encoding,
// identity gets no special treatment). For an absent or invalid header it
// returns the first offer.
func (a tokenAccept) BestMatch(offers []string) string {
	if a.state != acceptValid {
		if len(offers) > 0 {
			return offers[0]
		}
		return ""
	}
	return acceptQListBestMatch(a.header, acceptTokenItemEnd, acceptTokenOldMatch, offers)
}

// Quality returns the highest q of the values matching offer (see
// BestMatch), and false where WebOb returns None (no match, or only q=0
// ones). For an absent or invalid header it returns 1, true.
func (a tokenAccept) Quality(offer string) (float64, bool) {
	if a.state != acceptValid {
		return 1, true
	}
	return acceptQListQuality(a.header, acceptTokenItemEnd, acceptTokenOldMatch, offer)
}

// acceptableOffers is WebOb's acceptable_offers for both headers.
func (a tokenAccept) acceptableOffers(offers []string, identity bool) []Offer {
	if a.state != acceptValid {
		return allOffers(offers)
	}
	return acceptTokenOffers(a.header, identity, offers)
}

// AcceptCharset is a parsed Accept-Charset request header (RFC 7231 §5.3.3),
// WebOb's AcceptCharsetValidHeader, -NoHeader and -InvalidHeader in one
// type. The zero value is an absent header. An empty header is invalid.
type AcceptCharset struct{ tokenAccept }

// ParseAcceptCharset parses an Accept-Charset header value; present is false
// when the request had no such header. Only the first 100 elements are used.
func ParseAcceptCharset(value string, present bool) AcceptCharset {
	return AcceptCharset{parseTokenAccept(value, present, true)}
}

// AcceptCharset returns the request's Accept-Charset header (environ key
// HTTP_ACCEPT_CHARSET), parsed on every call as WebOb does.
func (r *Request) AcceptCharset() AcceptCharset {
	v, ok := r.Environ["HTTP_ACCEPT_CHARSET"]
	return ParseAcceptCharset(v, ok)
}

// AcceptableOffers returns the offers the header accepts, highest q first
// and ties in offer order (WebOb's acceptable_offers): an offer takes the q
// of the first charset in the header equal to it, ignoring case, where q=0
// rejects it; otherwise the q of the first "*" if that is not 0. For an
// absent or invalid header every offer is returned with Q 1. It returns nil
// when nothing is acceptable.
func (a AcceptCharset) AcceptableOffers(offers []string) []Offer {
	return a.acceptableOffers(offers, false)
}

// AcceptEncoding is a parsed Accept-Encoding request header (RFC 7231
// §5.3.4), WebOb's AcceptEncodingValidHeader, -NoHeader and -InvalidHeader
// in one type. The zero value is an absent header. An empty header is valid
// and accepts only identity.
type AcceptEncoding struct{ tokenAccept }

// ParseAcceptEncoding parses an Accept-Encoding header value; present is
// false when the request had no such header. Only the first 100 elements are
// used.
func ParseAcceptEncoding(value string, present bool) AcceptEncoding {
	return AcceptEncoding{parseTokenAccept(value, present, false)}
}

// AcceptEncoding returns the request's Accept-Encoding header (environ key
// HTTP_ACCEPT_ENCODING), parsed on every call as WebOb does.
func (r *Request) AcceptEncoding() AcceptEncoding {
	v, ok := r.Environ["HTTP_ACCEPT_ENCODING"]
	return ParseAcceptEncoding(v, ok)
}

// AcceptableOffers returns the offers the header accepts, highest q first
// and ties in offer order (WebOb's acceptable_offers): an offer takes the q
// of the first coding in the header equal to it, ignoring case, where q=0
// rejects it; otherwise the q of the first "*" if that is not 0; otherwise
// "identity" gets q 1 when the header has no "*" at all. For an absent or
// invalid header every offer is returned with Q 1. It returns nil when
// nothing is acceptable.
func (a AcceptEncoding) AcceptableOffers(offers []string) []Offer {
	return a.acceptableOffers(offers, true)
}

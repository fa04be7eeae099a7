package header

import (
	"slices"
	"strings"
)

// acceptIsAlpha reports whether c is an ASCII letter.
func acceptIsAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// acceptIsAlnum reports whether c is an ASCII letter or digit.
func acceptIsAlnum(c byte) bool { return acceptIsAlpha(c) || (c >= '0' && c <= '9') }

// acceptLangRangeEnd returns the end of the language range at i, or -1:
// "*" or 1*8ALPHA *("-" 1*8alphanum).
func acceptLangRangeEnd(s string, i int) int {
	if i < len(s) && s[i] == '*' {
		return i + 1
	}
	j := i
	for j < len(s) && j-i < 8 && acceptIsAlpha(s[j]) {
		j++
	}
	if j == i {
		return -1
	}
	for j < len(s) && s[j] == '-' {
		k := j + 1
		for k < len(s) && k-j <= 8 && acceptIsAlnum(s[k]) {
			k++
		}
		if k == j+1 {
			break
		}
		j = k
	}
	return j
}

// acceptLangElemEnd is a whole Accept-Language element.
func acceptLangElemEnd(s string, i int) int {
	e := acceptLangRangeEnd(s, i)
	if e < 0 {
		return -1
	}
	if _, we, ok := acceptWeight(s, e); ok {
		return we
	}
	return e
}

// acceptLangFirstSubtag returns s up to its first "-" (Python's
// s.split('-')[0]); with underscore true, "_" counts as "-" too.
func acceptLangFirstSubtag(s string, underscore bool) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '-' || (underscore && s[i] == '_') {
			return s[:i]
		}
	}
	return s
}

// acceptLangItemEqual reports whether item, with "_" replaced by "-", equals
// mask ignoring case.
func acceptLangItemEqual(item, mask string) bool {
	if len(item) != len(mask) {
		return false
	}
	for i := 0; i < len(item); i++ {
		c := item[i]
		if c == '_' {
			c = '-'
		}
		if acceptLower[c] != acceptLower[mask[i]] {
			return false
		}
	}
	return true
}

// acceptLangOldMatch is WebOb's AcceptLanguageValidHeader._old_match: "*"
// matches everything, and otherwise the offer (with "_" read as "-") matches
// when it equals the range, or its primary subtag equals the range, or it
// equals the range's primary subtag, all ignoring case.
func acceptLangOldMatch(mask, item string) bool {
	return mask == "*" || acceptLangItemEqual(item, mask) ||
		acceptLangItemEqual(acceptLangFirstSubtag(item, true), mask) ||
		acceptLangItemEqual(item, acceptLangFirstSubtag(mask, false))
}

// acceptLangPrefixMatch is RFC 4647 §3.3.1 basic filtering: tag equals
// range, or starts with range followed by "-", ignoring case.
func acceptLangPrefixMatch(tag, rng string) bool {
	return len(tag) >= len(rng) && acceptFoldEqual(tag[:len(rng)], rng) &&
		(len(tag) == len(rng) || tag[len(rng)] == '-')
}

// AcceptLanguage is a parsed Accept-Language request header (RFC 7231
// §5.3.5), WebOb's AcceptLanguageValidHeader, -NoHeader and -InvalidHeader
// in one type. The zero value is an absent header. An empty header is
// invalid. Like Accept, it keeps the header and re-scans it in each method.
type AcceptLanguage struct {
	header string
	state  acceptState
}

// ParseAcceptLanguage parses the value of an Accept-Language header that
// is present; the zero AcceptLanguage stands for an absent one. Only the
// first 100 language ranges are used.
func ParseAcceptLanguage(value string) AcceptLanguage {
	switch {
	case acceptValidList(value, true, acceptLangElemEnd):
		return AcceptLanguage{header: value, state: acceptValid}
	}
	return AcceptLanguage{header: value, state: acceptInvalid}
}

// Header returns the raw header value and whether the header was present.
func (a AcceptLanguage) Header() (string, bool) { return a.header, a.state != acceptAbsent }

// Valid reports whether the header was present and well-formed.
func (a AcceptLanguage) Valid() bool { return a.state == acceptValid }

// Present reports whether the request had the header, valid or not.
func (a AcceptLanguage) Present() bool { return a.state != acceptAbsent }

// iter returns an iterator over the header's language ranges.
func (a AcceptLanguage) iter() acceptQItemIter {
	return acceptQItemIter{s: a.header, item: acceptLangRangeEnd}
}

// BestMatch returns the offer WebOb's legacy best_match picks, or "" where it
// returns None: the first offer matched by the highest non-zero q, where a
// range matches an offer as described on acceptLangOldMatch ("en" matches
// "en-GB" and "en_GB", "en-GB" matches "en", "*" matches anything), and at
// an equal q a later match through a range with fewer "*" wins. For an
// absent or invalid header it returns the first offer.
func (a AcceptLanguage) BestMatch(offers []string) string {
	v, _ := a.bestMatch(len(offers), func(i int) (string, float64) { return offers[i], 1 })
	return v
}

// bestMatch is BestMatch and BestMatchQ over n offers read with offer.
func (a AcceptLanguage) bestMatch(n int, offer func(int) (string, float64)) (string, bool) {
	if a.state != acceptValid {
		return bestServerOffer(n, offer)
	}
	return acceptQListBestMatch(a.header, acceptLangRangeEnd, acceptLangOldMatch, n, offer)
}

// Quality returns the highest q of the ranges matching offer by the legacy
// rules of BestMatch, and false where WebOb returns None (no match, or only
// q=0 ones). For an absent or invalid header it returns 1, true.
func (a AcceptLanguage) Quality(offer string) (float64, bool) {
	if a.state != acceptValid {
		return 1, true
	}
	return acceptQListQuality(a.header, acceptLangRangeEnd, acceptLangOldMatch, offer)
}

// firstOccurrence reports whether no range before position pos equals rng,
// ignoring case.
func (a AcceptLanguage) firstOccurrence(rng string, pos int) bool {
	it := a.iter()
	for p := 0; p < pos; p++ {
		v, _, _ := it.next()
		if acceptFoldEqual(v, rng) {
			return false
		}
	}
	return true
}

// filterQuality returns the q and header position that basic filtering
// gives tag, or ok false if tag is not acceptable.
func (a AcceptLanguage) filterQuality(tag string) (q float64, pos int, ok bool) {
	bestQ, bestPos := 0.0, 0
	starQ, starPos, star := 0.0, 0, false
	it := a.iter()
	for p := 0; ; p++ {
		v, vq, more := it.next()
		if !more {
			break
		}
		if v == "*" {
			if !star {
				starQ, starPos, star = vq, p, true
			}
			continue
		}
		// Only the first occurrence of a range counts, as in WebOb's dict
		// and set of ranges.
		if !acceptLangPrefixMatch(tag, v) || !a.firstOccurrence(v, p) {
			continue
		}
		if vq == 0 {
			return 0, 0, false // a q=0 range vetoes the tag
		}
		if vq > bestQ {
			bestQ, bestPos = vq, p
		}
	}
	switch {
	case bestQ > 0:
		return bestQ, bestPos, true
	case starQ > 0:
		return starQ, starPos, true
	}
	return 0, 0, false
}

// BasicFiltering returns the tags the header accepts, by RFC 4647 §3.3.1
// basic filtering as WebOb's basic_filtering does it: a tag is rejected if a
// q=0 range matches it (the tag equals the range or starts with the range and
// "-", ignoring case); otherwise it takes the q of the matching range with
// the highest q (the first such in the header), or else that of "*". Only the
// first occurrence of a range counts. The result is ordered by q, then by the
// position of the matching range in the header, then by the order of tags.
// For an absent or invalid header it returns nil, as WebOb returns [].
func (a AcceptLanguage) BasicFiltering(tags []string) []Offer {
	if a.state != acceptValid {
		return nil
	}
	type hit struct {
		Offer
		pos int
	}
	var hits []hit
	for _, tag := range tags {
		if q, pos, ok := a.filterQuality(tag); ok {
			hits = append(hits, hit{Offer{tag, q}, pos})
		}
	}
	if hits == nil {
		return nil
	}
	slices.SortStableFunc(hits, func(x, y hit) int {
		switch {
		case x.Q > y.Q:
			return -1
		case x.Q < y.Q:
			return 1
		}
		return x.pos - y.pos
	})
	res := make([]Offer, len(hits))
	for i, h := range hits {
		res[i] = h.Offer
	}
	return res
}

// notAcceptable reports whether tag equals, ignoring case, a range with
// q=0 other than "*".
func (a AcceptLanguage) notAcceptable(tag string) bool {
	it := a.iter()
	for {
		v, q, ok := it.next()
		if !ok {
			return false
		}
		if q == 0 && v != "*" && acceptFoldEqual(v, tag) {
			return true
		}
	}
}

// lookupRange is the inner best_match of WebOb's lookup: the first tag equal
// to rng, then to rng with its last subtag removed (and a single-character
// subtag before it too), and so on.
func (a AcceptLanguage) lookupRange(tags []string, rng string) (string, bool) {
	for {
		for _, tag := range tags {
			if acceptFoldEqual(tag, rng) && !a.notAcceptable(tag) {
				return tag, true
			}
		}
		last := strings.LastIndexByte(rng, '-')
		if last < 0 {
			return "", false
		}
		prev := strings.LastIndexByte(rng[:last], '-')
		if before := rng[prev+1 : last]; len(before) == 1 && acceptIsAlnum(before[0]) {
			last = max(prev, 0)
		}
		rng = rng[:last]
	}
}

// Lookup is LookupWith with only a default tag, WebOb's
// lookup(tags, default_tag=defaultTag): it returns defaultTag, or "" where
// LookupWith reports false.
func (a AcceptLanguage) Lookup(tags []string, defaultTag string) string {
	v, _ := a.LookupWith(tags, LookupOptions{DefaultTag: defaultTag})
	return v
}

// LookupOptions are the fallbacks of WebOb's AcceptLanguage.lookup, tried
// in this order when no range of the header matches a tag. An empty field
// is WebOb's None.
type LookupOptions struct {
	// DefaultRange is looked up among the tags as a range of the header
	// would be, shortened subtag by subtag (default_range).
	DefaultRange string
	// DefaultTag is returned unless a q=0 range of the header equals it
	// (default_tag).
	DefaultTag string
}

// LookupWith returns the tag chosen by RFC 4647 §3.4 lookup as WebOb's
// lookup(tags, default_range, default_tag, default) does: ranges are tried
// from the highest q down (header order for equal q); for each, the first
// tag equal to it is chosen, else the range is shortened by its last
// subtag (dropping a single-character subtag before that too) and tried
// again. Tags equal to a q=0 range are never chosen, and "*" with a
// non-zero q is skipped unless an earlier "*;q=0" makes it an ordinary
// range. When nothing matches, and the header has no "*;q=0", opts'
// DefaultRange then DefaultTag are tried. It reports false where WebOb
// returns its default argument: the caller's own fallback, computed only
// then (WebOb's callable default). For an absent or invalid header it
// returns opts.DefaultTag, and false when that is empty.
func (a AcceptLanguage) LookupWith(tags []string, opts LookupOptions) (string, bool) {
	if a.state != acceptValid {
		return opts.DefaultTag, opts.DefaultTag != ""
	}
	// Ranges by descending q without sorting (and allocating): visit each
	// distinct q in turn, taking the ranges with that q in header order.
	starQ0 := false
	for prev := 2.0; ; {
		level := -1.0
		it, q0 := a.iter(), false
		for {
			v, q, ok := it.next()
			if !ok {
				break
			}
			switch {
			case q == 0:
				q0 = q0 || v == "*"
			case v == "*" && !q0:
			case q < prev && q > level:
				level = q
			}
		}
		starQ0 = q0
		if level < 0 {
			break
		}
		it, q0 = a.iter(), false
		for {
			v, q, ok := it.next()
			if !ok {
				break
			}
			switch {
			case q == 0:
				q0 = q0 || v == "*"
			case v == "*" && !q0:
			case q == level:
				if tag, ok := a.lookupRange(tags, v); ok {
					return tag, true
				}
			}
		}
		prev = level
	}
	if starQ0 {
		return "", false
	}
	if opts.DefaultRange != "" {
		if tag, ok := a.lookupRange(tags, opts.DefaultRange); ok {
			return tag, true
		}
	}
	if opts.DefaultTag != "" && !a.notAcceptable(opts.DefaultTag) {
		return opts.DefaultTag, true
	}
	return "", false
}

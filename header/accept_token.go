package header

import (
	"strings"
)

// This file ports Accept-Charset and Accept-Encoding: tokens with weights.

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
func acceptQListBestMatch(header string, item func(string, int) int, match func(mask, offer string) bool, n int, offer func(int) (string, float64)) (string, bool) {
	best, bestOffer, found, matchedStars := -1.0, "", false, 2 // "*/*"
	for i := range n {
		o, sq := offer(i)
		it := acceptQItemIter{s: header, item: item}
		for {
			mask, mq, ok := it.next()
			if !ok {
				break
			}
			q := sq * mq
			if mq == 0 || q < best {
				continue
			}
			stars := strings.Count(mask, "*")
			if q == best && matchedStars <= stars {
				continue
			}
			if match(mask, o) {
				best, bestOffer, found, matchedStars = q, o, true, stars
			}
		}
	}
	return bestOffer, found
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
	sortByQ(res)
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
func parseTokenAccept(value string, emptyInvalid bool) tokenAccept {
	switch {
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
	v, _ := a.bestMatch(len(offers), func(i int) (string, float64) { return offers[i], 1 })
	return v
}

// bestMatch is BestMatch and BestMatchQ over n offers read with offer.
func (a tokenAccept) bestMatch(n int, offer func(int) (string, float64)) (string, bool) {
	if a.state != acceptValid {
		return bestServerOffer(n, offer)
	}
	return acceptQListBestMatch(a.header, acceptTokenItemEnd, acceptTokenOldMatch, n, offer)
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

// ParseAcceptCharset parses the value of an Accept-Charset header that is
// present; the zero AcceptCharset stands for an absent one. Only the first
// 100 elements are used.
func ParseAcceptCharset(value string) AcceptCharset {
	return AcceptCharset{parseTokenAccept(value, true)}
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

// ParseAcceptEncoding parses the value of an Accept-Encoding header that is
// present; the zero AcceptEncoding stands for an absent one. Only the first
// 100 elements are used.
func ParseAcceptEncoding(value string) AcceptEncoding {
	return AcceptEncoding{parseTokenAccept(value, false)}
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

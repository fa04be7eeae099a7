package header

import (
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
)

// The accept*.go files port WebOb 1.8.6's webob/acceptparse.py: this file
// has what the four headers share, accept.go the Accept header (media
// ranges), accept_token.go Accept-Charset and Accept-Encoding, and
// accept_language.go Accept-Language. The rules shared by all four headers are:
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
	// Q is the quality value the header gives the offer, in (0, 1]. In the
	// argument of BestMatchQ it is the server's quality for the offer.
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

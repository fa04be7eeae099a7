package request

import (
	"strings"
	"unicode/utf8"
)

// parseQuery parses a QUERY_STRING the way WebOb's parse_qsl_text does:
// '+' is a space, pairs are separated by '&' or ';', empty pairs are
// skipped, a key without '=' has the value "", and percent escapes are
// decoded leniently (an escape that is not hex stays as it is). The result
// must be UTF-8: WebOb raises UnicodeDecodeError where this returns a
// *DecodeError.
func parseQuery(qs string, maxKeys int, s *scratch) ([]Item, error) {
	if qs == "" {
		return nil, nil
	}
	// One allocation for the pairs at most: count the separators first.
	items := s.takeItems(capPairs(queryPairs(qs), maxKeys))
	text := textBuf{s: s}
	valid := utf8.ValidString(qs)
	for len(qs) > 0 {
		var pair string
		i := indexQuerySep(qs)
		if i < 0 {
			pair, qs = qs, ""
		} else {
			pair, qs = qs[:i], qs[i+1:]
		}
		if pair == "" {
			continue
		}
		if maxKeys >= 0 && len(items) >= maxKeys {
			return nil, &TooLargeError{What: "query keys", Limit: int64(maxKeys)}
		}
		k, v, _ := strings.Cut(pair, "=")
		// Decoding never makes a string longer: what is left of the query
		// bounds what the rest of it needs from a new heap chunk.
		text.chunk = len(qs) + len(pair)
		key := text.unquote(k, true)
		val := text.unquote(v, true)
		if !validDecoded(valid, k, key) || !validDecoded(valid, v, val) {
			return nil, &DecodeError{Where: "query string", Charset: "UTF-8"}
		}
		items = append(items, Item{Key: key, Value: val})
	}
	return items, nil
}

// validDecoded reports whether s, a key or value decoded from raw, is
// UTF-8, given whether the whole query is. Only a decoded percent escape
// changes the length and can make bytes that are not UTF-8; otherwise s is
// raw with '+' as ' ', and raw is a piece of the query cut at ASCII bytes.
func validDecoded(queryValid bool, raw, s string) bool {
	return queryValid && len(s) == len(raw) || utf8.ValidString(s)
}

// queryPairs returns the most pairs qs can hold: one more than its
// separators.
func queryPairs(qs string) int { return 1 + strings.Count(qs, "&") + strings.Count(qs, ";") }

// capPairs bounds a count of pairs to room for maxKeys and the one past it
// that fails the parse; a negative maxKeys bounds nothing.
func capPairs(n, maxKeys int) int {
	if maxKeys >= 0 && n > maxKeys+1 {
		return maxKeys + 1
	}
	return n
}

// indexQuerySep returns the index of the first '&' or ';' in qs, or -1. It
// is strings.IndexAny(qs, "&;") without building a byte set per call.
func indexQuerySep(qs string) int {
	for i := 0; i < len(qs); i++ {
		if qs[i] == '&' || qs[i] == ';' {
			return i
		}
	}
	return -1
}

// webobUnquote decodes percent escapes as WebOb's compat.unquote does, and
// '+' as a space when plus is true (parse_qsl_text replaces it first). It
// splits on '%' and decodes the next two bytes with Python's int(s, 16),
// which also accepts one hex digit at the end of the string, surrounding
// blanks and a "-0"; anything else keeps the '%' literally.
func webobUnquote(s string, plus bool) string {
	if !hasEscape(s, plus) {
		return s
	}
	return string(appendUnquote(make([]byte, 0, len(s)), s, plus))
}

// appendUnquote appends s decoded as webobUnquote decodes it to dst.
func appendUnquote(dst []byte, s string, plus bool) []byte {
	first, rest, found := strings.Cut(s, "%")
	dst = appendPlus(dst, first, plus)
	for found {
		var item string
		item, rest, found = strings.Cut(rest, "%")
		window := item
		if len(window) > 2 {
			window = window[:2]
		}
		if c, ok := pyHexByte(window, plus); ok {
			dst = append(dst, c)
			dst = appendPlus(dst, item[len(window):], plus)
		} else {
			dst = append(dst, '%')
			dst = appendPlus(dst, item, plus)
		}
	}
	return dst
}

// hasEscape reports whether s holds a '%', or a '+' when plus is true:
// what webobUnquote decodes. (IndexByte is much faster than ContainsAny on
// the hot path.)
func hasEscape(s string, plus bool) bool {
	return strings.IndexByte(s, '%') >= 0 || plus && strings.IndexByte(s, '+') >= 0
}

// appendPlus appends s to dst, with '+' turned into ' ' when plus is true.
func appendPlus(dst []byte, s string, plus bool) []byte {
	if !plus {
		return append(dst, s...)
	}
	for {
		i := strings.IndexByte(s, '+')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		dst = append(dst, ' ')
		s = s[i+1:]
	}
}

// pyHexByte reports the byte Python's bytes([int(w, 16)]) gives for a window
// of at most two characters; with plus, '+' has already become ' '.
func pyHexByte(w string, plus bool) (byte, bool) {
	if plus {
		w = strings.ReplaceAll(w, "+", " ")
	}
	w = strings.Trim(w, " \t\n\r\v\f")
	neg := false
	if len(w) > 0 && (w[0] == '-' || w[0] == '+') {
		neg, w = w[0] == '-', w[1:]
	}
	if w == "" {
		return 0, false
	}
	var v int
	for i := 0; i < len(w); i++ {
		d, ok := unhex(w[i])
		if !ok {
			return 0, false
		}
		v = v*16 + int(d)
	}
	if neg && v != 0 {
		return 0, false
	}
	return byte(v), true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// parseFormURLEncoded parses an application/x-www-form-urlencoded body the
// way WebOb does it through cgi.FieldStorage and urllib's parse_qsl: pairs
// are separated by '&' only (';' is data), '+' is a space, only well-formed
// %XX escapes are decoded, and bytes that are not UTF-8 become U+FFFD
// instead of failing. A charset other than UTF-8 decodes the bytes with it.
func parseFormURLEncoded(body, charset string, maxKeys int, s *scratch) ([]Item, error) {
	items := s.takeItems(capPairs(1+strings.Count(body, "&"), maxKeys))
	text := textBuf{s: s}
	unquote := text.formUnquote
	if !isUTF8Name(charset) {
		unquote = func(s string) string {
			b := formUnquoteBytes(s)
			if t, err := decodeCharset(b, charset, "form"); err == nil {
				return t
			}
			return pyReplaceInvalid(string(b))
		}
	}
	for len(body) > 0 {
		var pair string
		pair, body, _ = strings.Cut(body, "&")
		if pair == "" {
			continue
		}
		if maxKeys >= 0 && len(items) >= maxKeys {
			return nil, &TooLargeError{What: "form keys", Limit: int64(maxKeys)}
		}
		k, v, _ := strings.Cut(pair, "=")
		text.chunk = len(body) + len(pair)
		items = append(items, Item{Key: unquote(k), Value: unquote(v)})
	}
	return items, nil
}

// appendFormUnquote appends one form component, valid UTF-8, decoded as
// urllib.parse.unquote does after '+' became ' ', with errors="replace" for
// the decoded escapes. The result is never longer than s: an escape is
// three bytes and becomes one, or with its neighbours at most one U+FFFD
// per escape.
//
// Python replaces each run of escapes on its own; replacing in the whole
// result is the same, because the text between the runs is valid UTF-8:
// it neither completes a sequence a run began nor continues one.
func appendFormUnquote(dst []byte, s string) []byte {
	start := len(dst)
	dst = appendFormBytes(dst, s)
	if utf8.Valid(dst[start:]) {
		return dst
	}
	return append(dst[:start], pyReplaceInvalid(string(dst[start:]))...)
}

// formUnquoteBytes returns s with '+' and well-formed %XX escapes decoded.
func formUnquoteBytes(s string) []byte { return appendFormBytes(make([]byte, 0, len(s)), s) }

// appendFormBytes appends s with '+' and well-formed %XX escapes decoded.
func appendFormBytes(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				dst = append(dst, hi<<4|lo)
				i += 2
				continue
			}
		}
		if c == '+' {
			c = ' '
		}
		dst = append(dst, c)
	}
	return dst
}

// pyReplaceInvalid returns s with each maximal ill-formed UTF-8 subpart
// replaced by U+FFFD, as Python's bytes.decode("utf-8", "replace") does (Go's
// strings.ToValidUTF8 would merge whole runs into one replacement).
func pyReplaceInvalid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || size > 1 {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		b.WriteRune(utf8.RuneError)
		i += maximalSubpart(s[i:])
	}
	return b.String()
}

// maximalSubpart returns the length of the longest prefix of s that starts a
// well-formed UTF-8 sequence but does not complete it (at least 1), per the
// Unicode "maximal subpart" rule Python follows.
func maximalSubpart(s string) int {
	c := s[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	n := 1
	for j := 0; j < need && n < len(s); j++ {
		b := s[n]
		if j == 0 {
			if b < lo || b > hi {
				break
			}
		} else if b < 0x80 || b > 0xBF {
			break
		}
		n++
	}
	return n
}

package header

import "strings"

// maxRanges bounds the ranges ParseRanges returns.
const maxRanges = 100

// ParseRanges parses every range of a Range header (RFC 9110 §14.1.2),
// where ParseRange, as WebOb, reads only the first: "bytes=0-99,
// 200-299, -50" is three Ranges. Each range is read as ParseRange reads
// one ("10-19", "10-", "-500", spaces around "-"), with optional
// whitespace around the commas and empty list elements skipped. It
// reports false for a header that is not "bytes=", for any range that does
// not parse, and for more than 100 ranges. WebOb has no counterpart.
func ParseRanges(header string) ([]Range, bool) {
	const prefix = "bytes"
	if len(header) < len(prefix) || !asciiEqualFold(header[:len(prefix)], prefix) {
		return nil, false
	}
	rest := strings.TrimLeft(header[len(prefix):], " ")
	if rest == "" || rest[0] != '=' {
		return nil, false
	}
	rest = rest[1:]
	var out []Range
	for rest != "" {
		var spec string
		spec, rest, _ = strings.Cut(rest, ",")
		spec = strings.Trim(spec, " \t")
		if spec == "" {
			continue
		}
		r, ok := ParseRange("bytes=" + spec)
		if !ok || len(out) == maxRanges || !rangeSpecEnds(spec) {
			return nil, false
		}
		out = append(out, r)
	}
	return out, len(out) > 0
}

// rangeSpecEnds reports whether spec is one range and nothing after it
// (ParseRange ignores trailing text, as WebOb does).
func rangeSpecEnds(spec string) bool {
	i := skipSpaces(spec, 0)
	i = skipDigits(spec, i)
	i = skipSpaces(spec, i)
	if i >= len(spec) || spec[i] != '-' {
		return false
	}
	i = skipSpaces(spec, i+1)
	i = skipDigits(spec, i)
	return i == len(spec)
}

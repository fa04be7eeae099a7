package header

import (
	"cmp"
	"math"
	"strconv"
	"strings"
)

// Range is a parsed Range header, WebOb's byterange.Range: a single byte
// range with Start and an exclusive End.
//
//   - "bytes=10-19" is {Start: 10, End: 20};
//   - "bytes=10-" is {Start: 10, End: -1};
//   - the suffix range "bytes=-500" is {Start: -500, End: -1}.
//
// A negative End means the range is open (WebOb's None).
type Range struct {
	// Start is the first byte, or minus the suffix length.
	Start int64

	// End is one past the last byte, or negative for an open range.
	End int64
}

// ParseRange parses a Range header as WebOb's Range.parse and reports
// whether it is valid. Like WebOb it reads only the first range of a
// multi-range header ("bytes=0-1,5-6" is bytes 0-1), ignores whatever
// follows it, accepts "bytes" in any case and spaces around "=" and "-".
// "bytes=-0" is {Start: 0, End: -1}, all bytes, as in WebOb.
//
// Differences from WebOb, which uses unbounded integers: positions of 2^63
// and more are clamped to math.MaxInt64, so such a range prints a smaller
// number (a range starting there is rejected, while WebOb keeps it though
// no length can satisfy it); and "bytes=-" is invalid where WebOb raises
// ValueError.
func ParseRange(header string) (Range, bool) {
	const prefix = "bytes"
	if len(header) < len(prefix) || !asciiEqualFold(header[:len(prefix)], prefix) {
		return Range{}, false
	}
	i := skipSpaces(header, len(prefix))
	if i >= len(header) || header[i] != '=' {
		return Range{}, false
	}
	i = skipSpaces(header, i+1)
	startAt := i
	i = skipDigits(header, i)
	start := header[startAt:i]
	i = skipSpaces(header, i)
	if i >= len(header) || header[i] != '-' {
		return Range{}, false
	}
	i = skipSpaces(header, i+1)
	endAt := i
	i = skipDigits(header, i)
	end := header[endAt:i]
	if start == "" {
		if end == "" {
			return Range{}, false // WebOb: int('') raises ValueError
		}
		return Range{Start: -saturatedInt(end), End: -1}, true
	}
	s := saturatedInt(start)
	if end == "" {
		return Range{Start: s, End: -1}, true
	}
	e := saturatedInt(end)
	if e < math.MaxInt64 {
		e++ // exclusive
	}
	if s >= e {
		return Range{}, false
	}
	return Range{Start: s, End: e}, true
}

// skipSpaces returns the index of the first byte at or after i that is not
// a space (the " *" of WebOb's patterns).
func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// skipDigits returns the index of the first byte at or after i that is not
// an ASCII digit.
func skipDigits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// saturatedInt parses a run of ASCII digits, clamping at math.MaxInt64.
func saturatedInt(digits string) int64 {
	var v int64
	for i := 0; i < len(digits); i++ {
		d := int64(digits[i] - '0')
		if v > (math.MaxInt64-d)/10 {
			return math.MaxInt64
		}
		v = v*10 + d
	}
	return v
}

// String returns r as WebOb's str(Range): "bytes=10-19", "bytes=10-" or
// "bytes=-500".
func (r Range) String() string {
	// Append into a fixed array so that only the result is allocated.
	var buf [6 + 2*20 + 1]byte
	b := append(buf[:0], "bytes="...)
	b = strconv.AppendInt(b, r.Start, 10)
	if r.End < 0 {
		if r.Start >= 0 {
			b = append(b, '-')
		}
		return string(b)
	}
	b = append(b, '-')
	b = strconv.AppendInt(b, r.End-1, 10)
	return string(b)
}

// RangeForLength returns the bytes [start, end) to serve from an entity of
// length bytes, as WebOb's range_for_length: an open range runs to the end,
// a suffix range counts from the end, and the range is cut at length. ok is
// false when the range cannot be satisfied (it starts at or after length,
// or a suffix is longer than the entity) or length is negative (unknown,
// WebOb's None).
func (r Range) RangeForLength(length int64) (start, end int64, ok bool) {
	if length < 0 {
		return 0, 0, false
	}
	start, end = r.Start, r.End
	if end < 0 {
		end = length
		if start < 0 {
			start += length
		}
	}
	if start >= end || start < 0 || start >= length {
		return 0, 0, false
	}
	return start, min(end, length), true
}

// ContentRange returns the Content-Range of a 206 response that serves r
// from an entity of length bytes, as WebOb's Range.content_range; ok is
// false when RangeForLength is.
func (r Range) ContentRange(length int64) (ContentRange, bool) {
	start, stop, ok := r.RangeForLength(length)
	if !ok {
		return ContentRange{}, false
	}
	return ContentRange{Start: start, Stop: stop, Length: length}, true
}

// ContentRange is a Content-Range header value, WebOb's
// byterange.ContentRange: bytes Start to Stop (exclusive) of an entity of
// Length bytes. A negative field stands for "*" (WebOb's None): Start and
// Stop for "bytes */Length", Length for an unknown length.
type ContentRange struct {
	Start, Stop, Length int64
}

// ParseContentRange parses a Content-Range value as WebOb's
// ContentRange.parse and reports whether it is valid: "bytes 0-499/1234",
// "bytes */1234", "bytes 0-499/*" or "bytes */*", lower case, single
// spaces, trailing text ignored. The range must be non-empty and, when the
// length is known, lie within it. Numbers of 2^63 and more are clamped to
// math.MaxInt64, where WebOb keeps them exact.
func ParseContentRange(value string) (ContentRange, bool) {
	const prefix = "bytes "
	if len(value) < len(prefix) || value[:len(prefix)] != prefix {
		return ContentRange{}, false
	}
	i := len(prefix)
	cr := ContentRange{Start: -1, Stop: -1, Length: -1}
	var start, last, length string // the digits, compared exactly below
	if i < len(value) && value[i] == '*' {
		i++
	} else {
		j := skipDigits(value, i)
		if j == i || j >= len(value) || value[j] != '-' {
			return ContentRange{}, false
		}
		k := skipDigits(value, j+1)
		if k == j+1 {
			return ContentRange{}, false
		}
		start, last = value[i:j], value[j+1:k]
		i = k
	}
	if i >= len(value) || value[i] != '/' {
		return ContentRange{}, false
	}
	i++
	if i < len(value) && value[i] == '*' {
		// unknown length
	} else if j := skipDigits(value, i); j > i {
		length = value[i:j]
	} else {
		return ContentRange{}, false
	}
	// WebOb's _is_content_range_valid(response=True) on exact integers,
	// stop being last+1: start <= last, and with a length, last < length
	// (which implies start < length).
	if start != "" {
		if compareDigits(start, last) > 0 {
			return ContentRange{}, false
		}
		if length != "" && compareDigits(last, length) >= 0 {
			return ContentRange{}, false
		}
		cr.Start = saturatedInt(start)
		cr.Stop = saturatedInt(last)
		if cr.Stop < math.MaxInt64 {
			cr.Stop++
		}
	}
	if length != "" {
		cr.Length = saturatedInt(length)
	}
	return cr, true
}

// compareDigits compares two runs of ASCII digits as integers of any size.
func compareDigits(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return cmp.Compare(len(a), len(b))
	}
	return strings.Compare(a, b)
}

// Valid reports whether WebOb's ContentRange constructor accepts cr
// (_is_content_range_valid): Start and Stop both "*" or both set with
// 0 <= Start < Stop, and Start < Length when the length is known.
// ParseContentRange is stricter: a parsed value also has Stop <= Length.
func (cr ContentRange) Valid() bool { return cr.valid(false) }

// valid is WebOb's _is_content_range_valid with negative fields as None.
// A response may not claim bytes past the length; a request range may.
func (cr ContentRange) valid(response bool) bool {
	switch {
	case (cr.Start < 0) != (cr.Stop < 0):
		return false
	case cr.Start < 0:
		return true // "*/length" or "*/*"
	case cr.Length < 0:
		return cr.Start < cr.Stop
	case cr.Start >= cr.Stop:
		return false
	case response && cr.Stop > cr.Length:
		return false
	}
	return cr.Start < cr.Length
}

// String returns cr as WebOb's str(ContentRange): "bytes 0-499/1234",
// "bytes */1234", "bytes 0-499/*" or "bytes */*".
func (cr ContentRange) String() string {
	// Append into a fixed array so that only the result is allocated.
	var buf [6 + 3*20 + 2]byte
	b := append(buf[:0], "bytes "...)
	if cr.Start < 0 {
		b = append(b, '*')
	} else {
		b = strconv.AppendInt(b, cr.Start, 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, cr.Stop-1, 10)
	}
	b = append(b, '/')
	if cr.Length < 0 {
		b = append(b, '*')
	} else {
		b = strconv.AppendInt(b, cr.Length, 10)
	}
	return string(b)
}

package header

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ParseHTTPDate parses an HTTP date as WebOb's parse_date, which relies on
// Python's email.utils.parsedate_tz, and returns it in UTC. It accepts what
// parsedate_tz accepts, leniency included:
//
//   - RFC 1123 ("Sun, 06 Nov 1994 08:49:37 GMT"), RFC 850
//     ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime
//     ("Sun Nov  6 08:49:37 1994");
//   - day and month in either order, full month names, any case;
//   - a missing weekday, "hh:mm" or "hh.mm.ss" times;
//   - two-digit years (69-99 are 19xx, 0-68 are 20xx);
//   - numeric zones (+0200) and the names UT, UTC, GMT, Z, AST, ADT, EST,
//     EDT, CST, CDT, MST, MDT, PST, PDT; an unknown or missing zone is UTC;
//   - out-of-range days, hours, minutes and seconds, which carry over
//     ("32 Jan" is 1 Feb), and numbers in Python's int syntax ("+5", "1_0").
//
// It reports false where WebOb returns None and also where WebOb raises
// (a year outside 1-9999, before or after applying the zone, or a number
// too large for int64): a deliberate difference.
func ParseHTTPDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	// Split on whitespace as str.split() does, keeping at most six fields
	// in a fixed array: only the first five are ever used, and a sixth is
	// enough to know there are more than five. No allocation.
	var f [6]string
	n := 0
	for i := 0; i < len(s) && n < len(f); {
		for i < len(s) && isStrSpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isStrSpace(s[j]) {
			j++
		}
		if j > i {
			f[n] = s[i:j]
			n++
		}
		i = j
	}
	data := f[:n]
	if len(data) == 0 {
		return time.Time{}, false
	}
	if strings.HasSuffix(data[0], ",") || isDayName(data[0]) {
		data = data[1:]
	} else if i := strings.LastIndexByte(data[0], ','); i >= 0 {
		data[0] = data[0][i+1:]
	}
	var d [5]string // dd, mm, yy, tm, tz
	switch {
	case len(data) == 3 && strings.Count(data[0], "-") == 2:
		// RFC 850: the first field is dd-mm-yy.
		a, rest, _ := strings.Cut(data[0], "-")
		b, c, _ := strings.Cut(rest, "-")
		d = [5]string{a, b, c, data[1], data[2]}
	case len(data) == 4:
		copy(d[:], data)
		s := data[3]
		i := strings.IndexByte(s, '+')
		if i == -1 {
			i = strings.IndexByte(s, '-')
		}
		if i > 0 {
			d[3], d[4] = s[:i], s[i:]
		} else {
			d[4] = ""
		}
	case len(data) >= 5:
		copy(d[:], data[:5])
	default:
		return time.Time{}, false
	}
	dd, mm, yy, tm, tz := d[0], d[1], d[2], d[3], d[4]
	if dd == "" || mm == "" || yy == "" {
		return time.Time{}, false
	}
	month := monthIndex(mm)
	if month == 0 {
		dd, mm = mm, dd
		if month = monthIndex(mm); month == 0 {
			return time.Time{}, false
		}
	}
	dd = strings.TrimSuffix(dd, ",")
	if i := strings.IndexByte(yy, ':'); i > 0 {
		yy, tm = tm, yy
	}
	if strings.HasSuffix(yy, ",") {
		if yy = yy[:len(yy)-1]; yy == "" {
			return time.Time{}, false
		}
	}
	if yy == "" || !isStrDigit(yy[0]) {
		yy, tz = tz, yy
	}
	tm = strings.TrimSuffix(tm, ",")
	var thh, tmm, tss string
	switch strings.Count(tm, ":") {
	case 1:
		thh, tmm, _ = strings.Cut(tm, ":")
		tss = "0"
	case 2:
		thh, tmm, _ = strings.Cut(tm, ":")
		tmm, tss, _ = strings.Cut(tmm, ":")
	case 0:
		switch strings.Count(tm, ".") {
		case 1:
			thh, tmm, _ = strings.Cut(tm, ".")
			tss = "0"
		case 2:
			thh, tmm, _ = strings.Cut(tm, ".")
			tmm, tss, _ = strings.Cut(tmm, ".")
		default:
			return time.Time{}, false
		}
	default:
		return time.Time{}, false
	}
	year, ok1 := parsePyInt(yy)
	day, ok2 := parsePyInt(dd)
	hour, ok3 := parsePyInt(thh)
	minute, ok4 := parsePyInt(tmm)
	sec, ok5 := parsePyInt(tss)
	if ok1 != pyIntOK || ok2 != pyIntOK || ok3 != pyIntOK || ok4 != pyIntOK || ok5 != pyIntOK {
		// Syntax errors are WebOb's None; overflow would make WebOb raise.
		return time.Time{}, false
	}
	if year < 100 {
		if year > 68 {
			year += 1900
		} else {
			year += 2000
		}
	}
	var offset int64
	if o, ok := zoneOffset(tz); ok {
		offset = o
	} else {
		return time.Time{}, false
	}
	// calendar.timegm: date(year, month, 1) must exist, the rest carries.
	if year < 1 || year > 9999 {
		return time.Time{}, false
	}
	first := time.Date(int(year), time.Month(month), 1, 0, 0, 0, 0, time.UTC).Unix()
	t, ok := addMul(first, day-1, 86400)
	if ok {
		t, ok = addMul(t, hour, 3600)
	}
	if ok {
		t, ok = addMul(t, minute, 60)
	}
	if ok {
		t, ok = addMul(t, sec, 1)
	}
	if ok {
		t, ok = addMul(t, -offset, 1)
	}
	// datetime.fromtimestamp: the result must lie in years 1-9999.
	const minUnix, maxUnix = -62135596800, 253402300799
	if !ok || t < minUnix || t > maxUnix {
		return time.Time{}, false
	}
	return time.Unix(t, 0).UTC(), true
}

// addMul returns a + b*m and reports whether it fits in an int64.
func addMul(a, b, m int64) (int64, bool) {
	if m != 1 {
		if b > (1<<63-1)/m || b < (-1<<63)/m {
			return 0, false
		}
		b *= m
	}
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

// zoneNames is parsedate_tz's table of zone names, in hours east of UTC.
var zoneNames = [...]struct {
	name  string
	hours int64
}{
	{"UT", 0}, {"UTC", 0}, {"GMT", 0}, {"Z", 0},
	{"AST", -4}, {"ADT", -3}, {"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
	{"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
}

// zoneOffset turns the zone field of parsedate_tz into seconds east of
// UTC: a name from zoneNames (any case) or a number read as [+-]hhmm. An
// unknown zone is UTC; ok is false only when the number is so large that
// WebOb raises.
func zoneOffset(tz string) (int64, bool) {
	for _, z := range zoneNames {
		if asciiEqualFold(tz, z.name) {
			return z.hours * 3600, true
		}
	}
	v, st := parsePyInt(tz)
	switch {
	case st == pyIntBad:
		return 0, true
	case st == pyIntOverflow || v > 1e15 || v < -1e15:
		// Hundreds of millions of years: no timestamp survives it.
		return 0, false
	}
	sign := int64(1)
	if v < 0 {
		sign, v = -1, -v
	}
	return sign * ((v/100)*3600 + (v%100)*60), true
}

// isStrDigit reports whether the byte c, read as a latin-1 character,
// passes Python's str.isdigit: 0-9 and the superscripts ¹ ² ³.
func isStrDigit(c byte) bool {
	return ('0' <= c && c <= '9') || c == 0xb2 || c == 0xb3 || c == 0xb9
}

var dayNames = [...]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// isDayName reports whether s is an abbreviated day name, in any case.
func isDayName(s string) bool {
	for _, d := range dayNames {
		if asciiEqualFold(s, d) {
			return true
		}
	}
	return false
}

var monthNames = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthIndex returns 1-12 for a month name (short or long, any case) and 0
// for anything else.
func monthIndex(s string) int {
	for i, m := range monthNames {
		if asciiEqualFold(s, m) {
			return i%12 + 1
		}
	}
	return 0
}

// pyIntStatus is the outcome of parsePyInt.
type pyIntStatus uint8

const (
	pyIntOK       pyIntStatus = iota
	pyIntBad                  // Python's int() raises ValueError
	pyIntOverflow             // a valid integer that does not fit in int64
)

// isIntSpace reports whether the byte c, as a latin-1 character, is
// whitespace that Python's int() strips: \t\n\v\f\r, space, \x85, \xa0.
func isIntSpace(c byte) bool {
	return ('\t' <= c && c <= '\r') || c == ' ' || c == 0x85 || c == 0xa0
}

// parsePyInt parses s with the rules of Python's int(s) (base 10) for a
// latin-1 string: surrounding whitespace, an optional sign, ASCII digits
// with single underscores between them, leading zeros allowed.
func parsePyInt(s string) (int64, pyIntStatus) {
	i, j := 0, len(s)
	for i < j && isIntSpace(s[i]) {
		i++
	}
	for j > i && isIntSpace(s[j-1]) {
		j--
	}
	neg := false
	if i < j && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if i == j {
		return 0, pyIntBad
	}
	var v uint64
	over := false
	prevDigit := false
	for k := i; k < j; k++ {
		c := s[k]
		switch {
		case '0' <= c && c <= '9':
			if v > (1<<63)/10 || (v == (1<<63)/10 && uint64(c-'0') > (1<<63)%10) {
				over = true
			}
			if !over {
				v = v*10 + uint64(c-'0')
			}
			prevDigit = true
		case c == '_' && prevDigit && k+1 < j && '0' <= s[k+1] && s[k+1] <= '9':
			prevDigit = false
		default:
			return 0, pyIntBad
		}
	}
	if over || (!neg && v > 1<<63-1) {
		return 0, pyIntOverflow
	}
	if neg {
		return -int64(v), pyIntOK // -(1<<63) wraps to itself, which is right
	}
	return int64(v), pyIntOK
}

// FormatHTTPDate formats t in UTC as an RFC 1123 HTTP date,
// "Sun, 06 Nov 1994 08:49:37 GMT", as WebOb's serialize_date. Unlike
// WebOb, which reads the wall clock of an aware datetime as if it were UTC,
// it converts t to UTC first.
func FormatHTTPDate(t time.Time) string {
	// Format into a fixed array to allocate only the result.
	var buf [len(http.TimeFormat) + 4]byte
	return string(t.UTC().AppendFormat(buf[:0], http.TimeFormat))
}

// asciiEqualFold reports whether a and b are equal when ASCII letters are
// folded to lower case. Unlike strings.EqualFold it folds no other
// character: header bytes stand for latin-1 characters, and the UTF-8 of
// "ſ" (U+017F) must not match "s".
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// lowerASCII returns c in lower case if it is an ASCII letter.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// ParseDateDelta parses a header that holds an HTTP date or a number of
// seconds (Retry-After), as WebOb's parse_date_delta: an integer as
// Python's int() reads it is now plus that many seconds, anything else an
// HTTP date (ParseHTTPDate). It reports false for an empty value, a date
// that does not parse, and a number of seconds too large for a time.
func ParseDateDelta(value string, now time.Time) (time.Time, bool) {
	if value == "" {
		return time.Time{}, false
	}
	switch n, st := parsePyInt(value); st {
	case pyIntOK:
		const maxSeconds = int64(1<<63-1) / int64(time.Second)
		if n > maxSeconds || n < -maxSeconds {
			return time.Time{}, false
		}
		return now.Add(time.Duration(n) * time.Second).UTC(), true
	case pyIntOverflow:
		return time.Time{}, false
	}
	return ParseHTTPDate(value)
}

// ParseInt parses an integer header value (Age, Max-Forwards) as WebOb's
// parse_int_safe does with Python's int(): surrounding whitespace, an
// optional sign and digits with single underscores between them. It
// reports false for anything else and for values outside int64.
func ParseInt(value string) (int64, bool) {
	n, st := parsePyInt(value)
	return n, st == pyIntOK
}

// FormatDateDelta formats d as the number of whole seconds in it, as
// WebOb's serialize_date_delta does for a number (str(int(value)): the
// fraction is dropped, toward zero). It is the seconds form of a header that
// holds a delta or a date (Retry-After); FormatHTTPDate is the date form,
// which serialize_date_delta uses for a datetime.
func FormatDateDelta(d time.Duration) string {
	return strconv.FormatInt(int64(d/time.Second), 10)
}

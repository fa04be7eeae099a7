package header

import (
	"slices"
	"strings"
)

// maxAuthParams bounds how many name=value pairs ParseAuthorization reads;
// WebOb has no limit.
const maxAuthParams = 100

// Authorization is a parsed Authorization header, WebOb's (authtype,
// params) pair from descriptors.parse_auth.
//
// For the schemes WebOb knows (Basic, Digest, WSSE, HMACDigest,
// GoogleLogin, Cookie and OpenID, case-sensitive) the parameters are parsed
// into Params, except for "Basic" credentials without a double quote,
// which stay raw as in "Basic dXNlcjpwYXNz". Params is nil exactly when
// WebOb's params is a string rather than a dict.
type Authorization struct {
	// Scheme is the text before the first space, such as "Basic".
	Scheme string

	// Params holds the parameters of a scheme WebOb parses, the surrounding
	// double quotes of each value removed. When a name repeats the last
	// value wins. Nil when the parameters were not parsed.
	Params map[string]string

	// Raw is the text after the first space, unparsed ("" when there is no
	// space).
	Raw string

	// order lists the names of Params in first-seen order, for String.
	order []string
}

// knownAuthSchemes are the schemes whose parameters WebOb parses.
var knownAuthSchemes = [...]string{"Basic", "Digest", "WSSE", "HMACDigest", "GoogleLogin", "Cookie", "OpenID"}

// ParseAuthorization parses an Authorization header value as WebOb's
// parse_auth. The value is split at its first space into Scheme and Raw;
// for a known scheme (see Authorization) Raw is then read as a list of
// name=value pairs: a name is a run of lower-case ASCII letters (other
// names are skipped in part or whole, as with WebOb's regular expression),
// a value is a double-quoted string ending before a comma or the end, or
// anything up to the next comma with trailing spaces and tabs removed.
// Double quotes are then stripped from both ends of the value. At most 100
// pairs are read.
//
// ok is always true: WebOb's parse_auth fails only on a missing header,
// which the Request method reports.
func ParseAuthorization(value string) (Authorization, bool) {
	scheme, raw, _ := strings.Cut(value, " ")
	a := Authorization{Scheme: scheme, Raw: raw}
	if !slices.Contains(knownAuthSchemes[:], scheme) {
		return a, true
	}
	if scheme == "Basic" && strings.IndexByte(raw, '"') < 0 {
		return a, true
	}
	a.Params = make(map[string]string)
	for pos, n := 0, 0; pos < len(raw) && n < maxAuthParams; {
		name, v, next, ok := nextAuthParam(raw, pos)
		pos = next
		if !ok {
			continue
		}
		n++
		if _, seen := a.Params[name]; !seen {
			a.order = append(a.order, name)
		}
		a.Params[name] = strings.Trim(v, `"`)
	}
	return a, true
}

// nextAuthParam tries WebOb's _rx_auth_param,
// ([a-z]+)[ \t]*=[ \t]*(".*?"|[^,]*?)[ \t]*(?:\Z|, *), at pos as
// re.findall does. On a match it returns the name, the raw value and the
// end of the match; otherwise ok is false and next is the next position
// worth trying, always past pos.
func nextAuthParam(s string, pos int) (name, value string, next int, ok bool) {
	if !isLowerASCII(s[pos]) {
		return "", "", pos + 1, false
	}
	j := pos + 1
	for j < len(s) && isLowerASCII(s[j]) {
		j++
	}
	k := skipBlanks(s, j)
	if k >= len(s) || s[k] != '=' {
		// No start inside this run of letters can reach an "=" either.
		return "", "", j, false
	}
	name = s[pos:j]
	v := skipBlanks(s, k+1)
	if v < len(s) && s[v] == '"' {
		// Lazy ".*?": the first closing quote, before any newline, after
		// which the tail matches.
		for q := v + 1; q < len(s) && s[q] != '\n'; q++ {
			if s[q] == '"' {
				if end := authTail(s, q+1); end >= 0 {
					return name, s[v : q+1], end, true
				}
			}
		}
	}
	// Lazy [^,]*?: everything up to the next comma (or the end) but the
	// blanks just before it, which the tail takes.
	c := strings.IndexByte(s[v:], ',')
	if c < 0 {
		c = len(s)
	} else {
		c += v
	}
	value = strings.TrimRight(s[v:c], " \t")
	return name, value, authTail(s, v+len(value)), true
}

// authTail matches [ \t]*(?:\Z|, *) at i and returns the end of the match,
// or -1.
func authTail(s string, i int) int {
	i = skipBlanks(s, i)
	if i == len(s) {
		return i
	}
	if s[i] != ',' {
		return -1
	}
	return skipSpaces(s, i+1)
}

// skipBlanks returns the index of the first byte at or after i that is not
// a space or a tab.
func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// isLowerASCII reports whether c is in a-z.
func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }

// String returns a as WebOb's serialize_auth: the scheme, a space, then
// either Raw or the parameters as name="value" joined by ", " in the order
// they were first seen (names added to Params by hand come last, sorted).
func (a Authorization) String() string {
	if a.Params == nil {
		return a.Scheme + " " + a.Raw
	}
	var b strings.Builder
	b.WriteString(a.Scheme)
	b.WriteByte(' ')
	n := 0
	write := func(k string) {
		if n > 0 {
			b.WriteString(", ")
		}
		n++
		b.WriteString(k)
		b.WriteString(`="`)
		b.WriteString(a.Params[k])
		b.WriteByte('"')
	}
	seen := make(map[string]bool, len(a.order))
	for _, k := range a.order {
		if _, ok := a.Params[k]; ok && !seen[k] {
			seen[k] = true
			write(k)
		}
	}
	if len(seen) < len(a.Params) {
		var rest []string
		for k := range a.Params {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		slices.Sort(rest)
		for _, k := range rest {
			write(k)
		}
	}
	return b.String()
}

// NewAuthorization returns the Authorization (or WWW-Authenticate
// challenge) for scheme with the parameters of pairs, name then value, in
// that order: String writes them as name="value" in the same order, as
// WebOb's serialize_auth writes a dict. A final name without a value gets
// "". With no pairs, Params is nil and String is the scheme and a space,
// as WebOb writes (scheme, "").
func NewAuthorization(scheme string, pairs ...string) Authorization {
	if len(pairs) == 0 {
		return Authorization{Scheme: scheme}
	}
	a := Authorization{Scheme: scheme, Params: make(map[string]string, (len(pairs)+1)/2)}
	for i := 0; i < len(pairs); i += 2 {
		v := ""
		if i+1 < len(pairs) {
			v = pairs[i+1]
		}
		if _, ok := a.Params[pairs[i]]; !ok {
			a.order = append(a.order, pairs[i])
		}
		a.Params[pairs[i]] = v
	}
	return a
}

package response

import (
	"errors"
	"strconv"
	"strings"
)

// ErrInvalidStatus is returned by SetStatus and SetStatusCode for a status
// that WebOb rejects (no integer code, or a code outside 100-599 given as a
// number) or that net/http cannot write (a code outside 100-999, or a
// reason containing control characters). It matches via errors.Is.
var ErrInvalidStatus = errors.New("response: invalid status")

// statusReasons is WebOb's webob.util.status_reasons.
var statusReasons = map[int]string{
	100: "Continue",
	101: "Switching Protocols",
	102: "Processing",

	200: "OK",
	201: "Created",
	202: "Accepted",
	203: "Non-Authoritative Information",
	204: "No Content",
	205: "Reset Content",
	206: "Partial Content",
	207: "Multi Status",
	226: "IM Used",

	300: "Multiple Choices",
	301: "Moved Permanently",
	302: "Found",
	303: "See Other",
	304: "Not Modified",
	305: "Use Proxy",
	307: "Temporary Redirect",
	308: "Permanent Redirect",

	400: "Bad Request",
	401: "Unauthorized",
	402: "Payment Required",
	403: "Forbidden",
	404: "Not Found",
	405: "Method Not Allowed",
	406: "Not Acceptable",
	407: "Proxy Authentication Required",
	408: "Request Timeout",
	409: "Conflict",
	410: "Gone",
	411: "Length Required",
	412: "Precondition Failed",
	413: "Request Entity Too Large",
	414: "Request URI Too Long",
	415: "Unsupported Media Type",
	416: "Requested Range Not Satisfiable",
	417: "Expectation Failed",
	418: "I'm a teapot",
	422: "Unprocessable Entity",
	423: "Locked",
	424: "Failed Dependency",
	426: "Upgrade Required",
	428: "Precondition Required",
	429: "Too Many Requests",
	431: "Request Header Fields Too Large",
	451: "Unavailable for Legal Reasons",

	500: "Internal Server Error",
	501: "Not Implemented",
	502: "Bad Gateway",
	503: "Service Unavailable",
	504: "Gateway Timeout",
	505: "HTTP Version Not Supported",
	507: "Insufficient Storage",
	510: "Not Extended",
	511: "Network Authentication Required",
}

// genericReasons is WebOb's status_generic_reasons, indexed by code/100.
var genericReasons = [...]string{
	1: "Continue",
	2: "Success",
	3: "Multiple Choices",
	4: "Unknown Client Error",
	5: "Unknown Server Error",
}

// StatusText returns the reason phrase WebOb gives code: its own table
// first, then the generic reason of the code's class ("Unknown Client
// Error" for an unlisted 4xx). It returns "" for a code outside 100-599.
func StatusText(code int) string {
	if reason, ok := statusReasons[code]; ok {
		return reason
	}
	if code < 100 || code > 599 {
		return ""
	}
	return genericReasons[code/100]
}

// Status returns the status line without the HTTP version, as WebOb's
// status: "200 OK", "404 Not Found", or whatever text SetStatus was given.
func (r *Response) Status() string {
	if r.status == "" {
		return "200 OK"
	}
	return r.status
}

// StatusCode returns the numeric code at the start of Status.
func (r *Response) StatusCode() int {
	if r.status == "200 OK" || r.status == "" {
		return 200
	}
	code, ok := leadingCode(r.Status())
	if !ok {
		return 200
	}
	return code
}

// SetStatusCode sets the status to code and WebOb's reason for it (see
// StatusText). A code outside 100-599 has no reason in WebOb, which raises
// KeyError; SetStatusCode returns ErrInvalidStatus and leaves the status
// unchanged.
func (r *Response) SetStatusCode(code int) error {
	reason := StatusText(code)
	if reason == "" {
		return &statusError{status: strconv.Itoa(code)}
	}
	r.status = strconv.Itoa(code) + " " + reason
	return nil
}

// SetStatus sets the status from a string. A bare integer ("404", as
// WebOb's int(value) would accept it) is handled by SetStatusCode; any other
// value is kept verbatim when its first word is an integer code, so custom
// reasons such as "299 Fine" or "404 Nope" survive. Status lines that WebOb
// rejects, codes outside 100-999 (which net/http cannot send) and values
// with control characters give ErrInvalidStatus.
//
// net/http writes its own reason phrase on the wire; the custom text is what
// Status, String and the golden comparisons see.
func (r *Response) SetStatus(status string) error {
	if n, ok := pyInt(status); ok {
		return r.SetStatusCode(n)
	}
	for i := 0; i < len(status); i++ {
		if c := status[i]; c < ' ' && c != '\t' || c == 0x7f {
			return &statusError{status: status}
		}
	}
	code, ok := leadingCode(status)
	if !ok || code < 100 || code > 999 {
		return &statusError{status: status}
	}
	r.status = status
	return nil
}

// statusError is the error SetStatus and SetStatusCode return.
type statusError struct{ status string }

// Error quotes the refused status.
func (e *statusError) Error() string {
	return "response: invalid status " + strconv.Quote(e.status)
}

// Unwrap returns ErrInvalidStatus.
func (e *statusError) Unwrap() error { return ErrInvalidStatus }

// leadingCode parses the first whitespace-separated word of s as Python's
// int(s.split()[0]) would. It scans instead of splitting so that
// StatusCode, called for every response written, does not allocate.
func leadingCode(s string) (int, bool) {
	i := 0
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	j := i
	for j < len(s) && !isSpaceByte(s[j]) {
		j++
	}
	if i == j {
		return 0, false
	}
	return pyInt(s[i:j])
}

// isSpaceByte reports whether c is ASCII whitespace for str.split.
func isSpaceByte(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r' || 0x1c <= c && c <= 0x1f
}

// pyInt parses s as Python's int(s) does for the ASCII forms that matter
// here: surrounding whitespace, an optional sign and decimal digits.
func pyInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || len(s) > 15 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

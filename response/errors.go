package response

import (
	"errors"
	"strconv"
)

// ErrInvalidHeaderValue is returned by the typed header setters
// (SetLocation, SetETag, SetVary, ...) for a value containing CR or LF,
// where WebOb raises ValueError("Header value may not contain control
// characters"). It matches via errors.Is; the error also names the header.
var ErrInvalidHeaderValue = errors.New("response: header value may not contain control characters")

// headerError is the error the typed header setters return.
type headerError struct {
	name, value string
}

// Error names the header and the refused value.
func (e *headerError) Error() string {
	return "response: invalid " + e.name + " header value " + strconv.Quote(e.value)
}

// Unwrap returns ErrInvalidHeaderValue.
func (e *headerError) Unwrap() error { return ErrInvalidHeaderValue }

func headerValueError(name, value string) error { return &headerError{name, value} }

// hasCRLF reports whether s contains CR or LF, which WebOb's header
// properties refuse.
func hasCRLF(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' || s[i] == '\n' {
			return true
		}
	}
	return false
}

// setHeader sets a header through a WebOb header_getter property: CR and LF
// are refused, and the header moves to the end of the list.
func (r *Response) setHeader(name, value string) error {
	if hasCRLF(value) {
		return headerValueError(name, value)
	}
	r.header.Set(name, value)
	return nil
}

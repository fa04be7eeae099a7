package request

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrNoBody is returned by JSON when the request has no body to decode.
var ErrNoBody = errors.New("request: no body")

// TooLargeError reports that a part of the request is larger than a limit
// allows: the body (413), the query string, the number of form keys or of
// multipart parts (400). What names the part, Limit the limit in bytes or
// items.
type TooLargeError struct {
	What  string
	Limit int64
}

// Error implements error.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("request: %s larger than the limit of %d", e.What, e.Limit)
}

// StatusCode is the HTTP status a server answers with: 413 for the body,
// 414 for the query string, 400 for counts of keys and parts.
func (e *TooLargeError) StatusCode() int {
	switch e.What {
	case "body":
		return http.StatusRequestEntityTooLarge
	case "query string":
		return http.StatusRequestURITooLong
	}
	return http.StatusBadRequest
}

// FormError reports a body that claims to be a form but cannot be parsed: a
// multipart body without a boundary or cut short, for example. Err is the
// underlying cause, when there is one.
type FormError struct {
	Reason string
	Err    error
}

// Error implements error.
func (e *FormError) Error() string {
	if e.Err != nil {
		return "request: malformed form: " + e.Reason + ": " + e.Err.Error()
	}
	return "request: malformed form: " + e.Reason
}

// Unwrap returns the cause.
func (e *FormError) Unwrap() error { return e.Err }

// StatusCode is 400.
func (e *FormError) StatusCode() int { return http.StatusBadRequest }

// DecodeError reports text that is not valid in the charset it must be read
// with: a query string or form field that is not UTF-8. WebOb raises
// UnicodeDecodeError here (a 500); a DecodeError is a 400.
type DecodeError struct {
	// Where names what was being decoded: "query string", "form", "body".
	Where   string
	Charset string
}

// Error implements error.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("request: %s is not valid %s", e.Where, e.Charset)
}

// StatusCode is 400.
func (e *DecodeError) StatusCode() int { return http.StatusBadRequest }

// JSONError reports a body that is not valid JSON for the destination.
type JSONError struct {
	Err error
}

// Error implements error.
func (e *JSONError) Error() string { return "request: invalid JSON body: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *JSONError) Unwrap() error { return e.Err }

// StatusCode is 400.
func (e *JSONError) StatusCode() int { return http.StatusBadRequest }

// BodyError reports a body that could not be read in full: the client sent
// fewer bytes than its Content-Length announced (WebOb's DisconnectionError),
// or reading failed.
type BodyError struct {
	Err error
}

// Error implements error.
func (e *BodyError) Error() string { return "request: reading body: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *BodyError) Unwrap() error { return e.Err }

// StatusCode is 400.
func (e *BodyError) StatusCode() int { return http.StatusBadRequest }

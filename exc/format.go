package exc

import (
	"errors"

	"github.com/gowebob/gowebob/request"
)

// Format is a body format an error renders in, named by its media type.
type Format string

// The formats Renderer.Body renders: WebOb's html_body, json_body and
// plain_body, and the RFC 9457 problem details object that Response offers
// beyond WebOb.
const (
	FormatHTML    Format = "text/html"
	FormatJSON    Format = "application/json"
	FormatPlain   Format = "text/plain"
	FormatProblem Format = "application/problem+json"
)

// ErrUnknownFormat is returned, wrapped, by Renderer.Body for a Format
// other than the four constants.
var ErrUnknownFormat = errors.New("exc: unknown body format")

// Body renders the body of e for req in format f whatever the request's
// Accept header says, as WebOb's html_body(environ), plain_body(environ)
// and json_body(environ) do, and returns it with the Content-Type it is
// sent with. It is the body Response would choose for that format: the
// same templates, escaping, Renderer.JSON and ShowComment. A redirect's
// ${location} is the absolute Location Response sends (WebOb's direct
// calls see it as given, since only __call__ makes it absolute). An e that
// cannot be sent renders as Response renders it, a 500.
func (rd *Renderer) Body(e *HTTPError, req *request.Request, f Format) (body []byte, contentType string, err error) {
	switch f {
	case FormatHTML, FormatJSON, FormatPlain, FormatProblem:
	default:
		return nil, "", &formatError{f}
	}
	if rd == nil {
		rd = &Renderer{}
	}
	e = e.sendable()
	body, contentType = rd.bodyAs(f, e, req, e.fields(req))
	return body, contentType, nil
}

// formatError is the error of Body for an unknown Format.
type formatError struct{ f Format }

func (e *formatError) Error() string { return ErrUnknownFormat.Error() + ": " + string(e.f) }
func (e *formatError) Unwrap() error { return ErrUnknownFormat }

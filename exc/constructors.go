package exc

import (
	"strings"

	"github.com/gowebob/gowebob/response"
)

// Redirect returns the redirect with status code to location: 300, 301,
// 302, 303, 305, 307 or 308. A relative location is resolved against the
// request's path URL when the redirect is rendered (see HTTPError.Location).
//
// A location containing CR or LF is refused, as WebOb does: Redirect then
// returns a 500 Internal Server Error whose Err matches ErrInvalidLocation,
// so that request data cannot inject header lines and the client is not
// sent anywhere.
//
// Redirect panics if code is not one of those redirects (a programmer
// mistake).
func Redirect(code int, location string) *HTTPError {
	if !isMove(code) {
		panic("exc: Redirect: status " + itoa(code) + " is not a redirect with a Location")
	}
	if strings.ContainsAny(location, "\r\n") {
		return invalidLocation(location)
	}
	e := newError(code, "")
	e.Location = location
	return e
}

// AddSlash returns the redirect with status code (300, 301, 302, 303, 305,
// 307 or 308) to the request's path URL with a "/" appended, keeping the
// query string: WebOb's add_slash=True. It panics if code is not one of
// those redirects (a programmer mistake).
func AddSlash(code int) *HTTPError {
	if !isMove(code) {
		panic("exc: AddSlash: status " + itoa(code) + " is not a redirect with a Location")
	}
	e := newError(code, "")
	e.AddSlash = true
	return e
}

// OK returns the 200 OK response with detail.
func OK(detail string) *HTTPError { return newError(200, detail) }

// Created returns the 201 Created response with detail.
func Created(detail string) *HTTPError { return newError(201, detail) }

// Accepted returns the 202 Accepted response with detail.
func Accepted(detail string) *HTTPError { return newError(202, detail) }

// NonAuthoritativeInformation returns the 203 Non-Authoritative Information response with detail.
func NonAuthoritativeInformation(detail string) *HTTPError { return newError(203, detail) }

// NoContent returns the 204 No Content response with detail. It has no body.
func NoContent(detail string) *HTTPError { return newError(204, detail) }

// ResetContent returns the 205 Reset Content response with detail. It has no body.
func ResetContent(detail string) *HTTPError { return newError(205, detail) }

// PartialContent returns the 206 Partial Content response with detail.
func PartialContent(detail string) *HTTPError { return newError(206, detail) }

// MultipleChoices returns the 300 Multiple Choices redirect to location (see Redirect).
func MultipleChoices(location string) *HTTPError { return Redirect(300, location) }

// MovedPermanently returns the 301 Moved Permanently redirect to location (see Redirect).
func MovedPermanently(location string) *HTTPError { return Redirect(301, location) }

// Found returns the 302 Found redirect to location (see Redirect).
func Found(location string) *HTTPError { return Redirect(302, location) }

// SeeOther returns the 303 See Other redirect to location (see Redirect).
func SeeOther(location string) *HTTPError { return Redirect(303, location) }

// NotModified returns the 304 Not Modified response, which has no body. Add the
// ETag or Last-Modified it should repeat with WithHeader.
func NotModified() *HTTPError { return newError(304, "") }

// UseProxy returns the 305 Use Proxy redirect to location (see Redirect).
func UseProxy(location string) *HTTPError { return Redirect(305, location) }

// TemporaryRedirect returns the 307 Temporary Redirect redirect to location (see Redirect).
func TemporaryRedirect(location string) *HTTPError { return Redirect(307, location) }

// PermanentRedirect returns the 308 Permanent Redirect redirect to location (see Redirect).
func PermanentRedirect(location string) *HTTPError { return Redirect(308, location) }

// BadRequest returns the 400 Bad Request error with detail.
func BadRequest(detail string) *HTTPError { return newError(400, detail) }

// Unauthorized returns the 401 Unauthorized error. A non-empty challenge is sent as
// the WWW-Authenticate header (`Basic realm="api"`, say).
func Unauthorized(challenge string) *HTTPError {
	e := newError(401, "")
	if challenge != "" {
		e.Headers = []response.Field{{Name: "WWW-Authenticate", Value: challenge}}
	}
	return e
}

// PaymentRequired returns the 402 Payment Required error with detail.
func PaymentRequired(detail string) *HTTPError { return newError(402, detail) }

// Forbidden returns the 403 Forbidden error with detail.
func Forbidden(detail string) *HTTPError { return newError(403, detail) }

// NotFound returns the 404 Not Found error with detail.
func NotFound(detail string) *HTTPError { return newError(404, detail) }

// MethodNotAllowed returns the 405 Method Not Allowed error with an Allow header listing
// allow, joined by ", " (none when allow is empty). Its body names the
// request method.
func MethodNotAllowed(allow ...string) *HTTPError {
	e := newError(405, "")
	if len(allow) > 0 {
		e.Headers = []response.Field{{Name: "Allow", Value: strings.Join(allow, ", ")}}
	}
	return e
}

// NotAcceptable returns the 406 Not Acceptable error with detail.
func NotAcceptable(detail string) *HTTPError { return newError(406, detail) }

// ProxyAuthenticationRequired returns the 407 Proxy Authentication Required error with detail.
func ProxyAuthenticationRequired(detail string) *HTTPError { return newError(407, detail) }

// RequestTimeout returns the 408 Request Timeout error with detail.
func RequestTimeout(detail string) *HTTPError { return newError(408, detail) }

// Conflict returns the 409 Conflict error with detail.
func Conflict(detail string) *HTTPError { return newError(409, detail) }

// Gone returns the 410 Gone error with detail.
func Gone(detail string) *HTTPError { return newError(410, detail) }

// LengthRequired returns the 411 Length Required error with detail.
func LengthRequired(detail string) *HTTPError { return newError(411, detail) }

// PreconditionFailed returns the 412 Precondition Failed error with detail.
func PreconditionFailed(detail string) *HTTPError { return newError(412, detail) }

// RequestEntityTooLarge returns the 413 Request Entity Too Large error with detail.
func RequestEntityTooLarge(detail string) *HTTPError { return newError(413, detail) }

// RequestURITooLong returns the 414 Request-URI Too Long error with detail.
func RequestURITooLong(detail string) *HTTPError { return newError(414, detail) }

// UnsupportedMediaType returns the 415 Unsupported Media Type error with detail.
func UnsupportedMediaType(detail string) *HTTPError { return newError(415, detail) }

// RequestRangeNotSatisfiable returns the 416 Request Range Not Satisfiable error with detail.
func RequestRangeNotSatisfiable(detail string) *HTTPError { return newError(416, detail) }

// ExpectationFailed returns the 417 Expectation Failed error with detail.
func ExpectationFailed(detail string) *HTTPError { return newError(417, detail) }

// UnprocessableEntity returns the 422 Unprocessable Entity error with detail.
func UnprocessableEntity(detail string) *HTTPError { return newError(422, detail) }

// Locked returns the 423 Locked error with detail.
func Locked(detail string) *HTTPError { return newError(423, detail) }

// FailedDependency returns the 424 Failed Dependency error with detail.
func FailedDependency(detail string) *HTTPError { return newError(424, detail) }

// PreconditionRequired returns the 428 Precondition Required error with detail.
func PreconditionRequired(detail string) *HTTPError { return newError(428, detail) }

// TooManyRequests returns the 429 Too Many Requests error with detail.
func TooManyRequests(detail string) *HTTPError { return newError(429, detail) }

// RequestHeaderFieldsTooLarge returns the 431 Request Header Fields Too Large error with detail.
func RequestHeaderFieldsTooLarge(detail string) *HTTPError { return newError(431, detail) }

// UnavailableForLegalReasons returns the 451 Unavailable For Legal Reasons error with detail.
func UnavailableForLegalReasons(detail string) *HTTPError { return newError(451, detail) }

// InternalServerError returns the 500 Internal Server Error error with detail.
func InternalServerError(detail string) *HTTPError { return newError(500, detail) }

// NotImplemented returns the 501 Not Implemented error with detail.
func NotImplemented(detail string) *HTTPError { return newError(501, detail) }

// BadGateway returns the 502 Bad Gateway error with detail.
func BadGateway(detail string) *HTTPError { return newError(502, detail) }

// ServiceUnavailable returns the 503 Service Unavailable error with detail.
func ServiceUnavailable(detail string) *HTTPError { return newError(503, detail) }

// GatewayTimeout returns the 504 Gateway Timeout error with detail.
func GatewayTimeout(detail string) *HTTPError { return newError(504, detail) }

// VersionNotSupported returns the 505 HTTP Version Not Supported error with detail.
func VersionNotSupported(detail string) *HTTPError { return newError(505, detail) }

// InsufficientStorage returns the 507 Insufficient Storage error with detail.
func InsufficientStorage(detail string) *HTTPError { return newError(507, detail) }

// NetworkAuthenticationRequired returns the 511 Network Authentication Required error with detail.
func NetworkAuthenticationRequired(detail string) *HTTPError { return newError(511, detail) }

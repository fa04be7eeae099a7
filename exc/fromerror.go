package exc

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gowebob/gowebob/request"
)

// FromError returns the HTTPError to send for err:
//
//   - the first *HTTPError in err's chain (errors.As), itself;
//   - for an *http.MaxBytesError (from http.MaxBytesReader), a 413;
//   - for an error with a StatusCode() int method (the request package's
//     *TooLargeError, *FormError, *DecodeError, *JSONError and *BodyError,
//     the bind package's *Error, or any other), its status when that is
//     400-599, else 500; when it also has PublicMessage() string and
//     FieldErrors() []FieldError methods (bind's *Error), those are its
//     Detail and Fields;
//   - for request.ErrNoBody a 400, for request.ErrUnsupportedCharset a 415;
//   - for anything else (a nil *HTTPError included) a 500 Internal Server
//     Error.
//
// Except in the first case the result is new, its Err is err (for
// logging), and its public text never includes err's text, which may echo
// request data (the JSON decoder's and the charset decoder's errors do) or
// internal details. For the request package's errors Detail is a fixed
// sentence naming the problem ("The request body is not valid JSON."); for
// other errors it is empty, so the status's explanation is shown.
//
// FromError(nil) returns nil.
func FromError(err error) *HTTPError {
	if err == nil {
		return nil
	}
	// The common case, an *HTTPError returned as it is, without the
	// allocation errors.As's target costs.
	if he, ok := err.(*HTTPError); ok && he != nil {
		return he
	}
	var he *HTTPError
	if errors.As(err, &he) && he != nil {
		return he
	}
	var e *HTTPError
	var mbe *http.MaxBytesError
	var sc interface{ StatusCode() int }
	switch {
	case errors.As(err, &mbe):
		e = newError(http.StatusRequestEntityTooLarge,
			"The request body is larger than the limit of "+strconv.FormatInt(mbe.Limit, 10)+" bytes.")
	case errors.As(err, &sc):
		code := sc.StatusCode()
		if code < 400 || code > 599 {
			code = http.StatusInternalServerError
		}
		e = newError(code, requestErrorDetail(sc))
		if fe, ok := sc.(fieldErrorer); ok {
			e.Detail, e.Fields = fe.PublicMessage(), fe.FieldErrors()
		}
	case errors.Is(err, request.ErrNoBody):
		e = newError(http.StatusBadRequest, "The request has no body.")
	case errors.Is(err, request.ErrUnsupportedCharset):
		e = newError(http.StatusUnsupportedMediaType, "The request charset is not supported.")
	default:
		e = newError(http.StatusInternalServerError, "")
	}
	e.Err = err
	return e
}

// fieldErrorer is an error whose message and fields are safe to show to
// the client: the bind package's *Error.
type fieldErrorer interface {
	PublicMessage() string
	FieldErrors() []FieldError
}

// requestErrorDetail returns a fixed, safe detail for the request
// package's errors: none of their free-text fields (which can hold decoder
// messages or the client's charset name) is used.
func requestErrorDetail(err any) string {
	switch err := err.(type) {
	case *request.TooLargeError:
		switch err.What {
		case "body", "query string", "query keys", "form keys", "form field", "multipart parts":
			return "Limit of " + strconv.FormatInt(err.Limit, 10) + " exceeded for the request " + err.What + "."
		}
		return "The request is too large."
	case *request.FormError:
		return "The request form could not be parsed."
	case *request.DecodeError:
		return "The request could not be decoded in its charset."
	case *request.JSONError:
		return "The request body is not valid JSON."
	case *request.BodyError:
		return "The request body could not be read."
	}
	return ""
}

// StatusCode returns the HTTP status for err: FromError(err).Code, so an
// *HTTPError's Code, a request error's status, and 500 for any other
// error. It returns 0 for nil.
func StatusCode(err error) int {
	if err == nil {
		return 0
	}
	return FromError(err).Code
}

// Message returns the public message for err: FromError(err).Error(), so
// an *HTTPError's Detail or Explanation, a fixed sentence for a request
// error, and WebOb's 500 explanation ("The server has either erred or is
// incapable of performing the requested operation.") for any other error,
// never err's own text. It returns "" for nil.
func Message(err error) string {
	if err == nil {
		return ""
	}
	return FromError(err).Error()
}

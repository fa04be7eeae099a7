package exc

import (
	"strconv"

	"github.com/gowebob/gowebob/response"
)

// The body templates of webob.exc (string.Template syntax; see
// DefaultBodyTemplate).
const (
	// baseBodyTemplate is WSGIHTTPException.body_template_obj.
	baseBodyTemplate = "${explanation}<br /><br />\n${detail}\n${html_comment}\n"

	// moveBodyTemplate is _HTTPMove.body_template_obj, for the redirects
	// that carry a Location.
	moveBodyTemplate = "${explanation} <a href=\"${location}\">${location}</a>;\n" +
		"you should be redirected automatically.\n${detail}\n${html_comment}"

	methodNotAllowedTemplate = "The method ${REQUEST_METHOD} is not allowed for this resource. <br /><br />\n${detail}"

	notAcceptableTemplate = "The resource could not be generated that was acceptable to your browser\n" +
		"(content of type ${HTTP_ACCEPT}. <br /><br />\n${detail}"

	unsupportedMediaTypeTemplate = "The request media type ${CONTENT_TYPE} is not supported by this server.\n" +
		"<br /><br />\n${detail}"

	notImplementedTemplate = "\nThe request method ${REQUEST_METHOD} is not implemented for this server. <br /><br />\n${detail}"
)

// The page templates of webob.exc, with ${status} and ${body} (and, in the
// plain one, ${title}).
const (
	// DefaultHTMLTemplate is the page a text/html response wraps the body
	// in (WebOb's html_template_obj). ${status} is "404 Not Found".
	DefaultHTMLTemplate = "<html>\n <head>\n  <title>${status}</title>\n </head>\n <body>\n" +
		"  <h1>${status}</h1>\n  ${body}\n </body>\n</html>"

	// DefaultPlainTemplate is the text/plain response (WebOb's
	// plain_template_obj); the body has its tags stripped first.
	DefaultPlainTemplate = "${status}\n\n${body}"
)

// Explanations WebOb's base classes give the codes they do not name.
const (
	clientErrorExplanation = "The server could not comply with the request since it is either malformed or otherwise incorrect."
	serverErrorExplanation = "The server has either erred or is incapable of performing the requested operation."
)

// statusInfo is what a webob.exc class fixes for its code.
type statusInfo struct {
	title       string
	explanation string // whitespace-collapsed, as WebOb does at import
}

// statuses is webob.exc.status_map: title and explanation per code.
var statuses = map[int]statusInfo{
	200: {"OK", ""},
	201: {"Created", ""},
	202: {"Accepted", "The request is accepted for processing."},
	203: {"Non-Authoritative Information", ""},
	204: {"No Content", ""},
	205: {"Reset Content", ""},
	206: {"Partial Content", ""},

	300: {"Multiple Choices", "The resource has been moved to"},
	301: {"Moved Permanently", "The resource has been moved to"},
	302: {"Found", "The resource was found at"},
	303: {"See Other", "The resource has been moved to"},
	304: {"Not Modified", ""},
	305: {"Use Proxy", "The resource must be accessed through a proxy located at"},
	307: {"Temporary Redirect", "The resource has been moved to"},
	308: {"Permanent Redirect", "The resource has been moved to"},

	400: {"Bad Request", clientErrorExplanation},
	401: {"Unauthorized", "This server could not verify that you are authorized to access the document you requested. " +
		"Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand " +
		"how to supply the credentials required."},
	402: {"Payment Required", "Access was denied for financial reasons."},
	403: {"Forbidden", "Access was denied to this resource."},
	404: {"Not Found", "The resource could not be found."},
	405: {"Method Not Allowed", clientErrorExplanation},
	406: {"Not Acceptable", clientErrorExplanation},
	407: {"Proxy Authentication Required", "Authentication with a local proxy is needed."},
	408: {"Request Timeout", "The server has waited too long for the request to be sent by the client."},
	409: {"Conflict", "There was a conflict when trying to complete your request."},
	410: {"Gone", "This resource is no longer available. No forwarding address is given."},
	411: {"Length Required", "Content-Length header required."},
	412: {"Precondition Failed", "Request precondition failed."},
	413: {"Request Entity Too Large", "The body of your request was too large for this server."},
	414: {"Request-URI Too Long", "The request URI was too long for this server."},
	415: {"Unsupported Media Type", clientErrorExplanation},
	416: {"Request Range Not Satisfiable", "The Range requested is not available."},
	417: {"Expectation Failed", "Expectation failed."},
	422: {"Unprocessable Entity", "Unable to process the contained instructions"},
	423: {"Locked", "The resource is locked"},
	424: {"Failed Dependency", "The method could not be performed because the requested action dependended on another action and that action failed"},
	428: {"Precondition Required", "This request is required to be conditional"},
	429: {"Too Many Requests", "The client has sent too many requests in a given amount of time"},
	431: {"Request Header Fields Too Large", "The request header fields were too large"},
	451: {"Unavailable For Legal Reasons", "The resource is not available due to legal reasons."},

	500: {"Internal Server Error", serverErrorExplanation},
	501: {"Not Implemented", serverErrorExplanation},
	502: {"Bad Gateway", "Bad gateway."},
	503: {"Service Unavailable", "The server is currently unavailable. Please try again at a later time."},
	504: {"Gateway Timeout", "The gateway has timed out."},
	505: {"HTTP Version Not Supported", "The HTTP version is not supported."},
	507: {"Insufficient Storage", "There was not enough space to save the resource"},
	511: {"Network Authentication Required", "Network authentication is required"},
}

// validCode reports whether code is a status New accepts: 200-599, the
// classes webob.exc has.
func validCode(code int) bool { return code >= 200 && code <= 599 }

// isMove reports whether code is one of WebOb's _HTTPMove redirects, which
// carry a Location (304 Not Modified is not one).
func isMove(code int) bool {
	switch code {
	case 300, 301, 302, 303, 305, 307, 308:
		return true
	}
	return false
}

// isEmptyBody reports whether WebOb sends code without a body,
// Content-Type or Content-Length (empty_body).
func isEmptyBody(code int) bool { return code == 204 || code == 205 || code == 304 }

// defaultTitle returns WebOb's title for code: its class's, else the
// reason webob.util.status_reasons (or the generic reason of the class)
// gives it.
func defaultTitle(code int) string {
	if s, ok := statuses[code]; ok {
		return s.title
	}
	return response.StatusText(code)
}

// defaultExplanation returns the explanation of code's class, or of the
// base class (HTTPClientError, HTTPServerError, ...) a code without a class
// inherits from.
func defaultExplanation(code int) string {
	if s, ok := statuses[code]; ok {
		return s.explanation
	}
	switch code / 100 {
	case 4:
		return clientErrorExplanation
	case 5:
		return serverErrorExplanation
	}
	return ""
}

// DefaultBodyTemplate returns the body template WebOb uses for code, in
// Python string.Template syntax: ${name} or $name is replaced (see
// Renderer), $$ is a dollar sign, and an unknown name is left as it is.
//
// Most codes use
//
//	${explanation}<br /><br />
//	${detail}
//	${html_comment}
//
// The redirects that carry a Location (300, 301, 302, 303, 305, 307, 308)
// link to ${location}; 405 and 501 name ${REQUEST_METHOD}, 406
// ${HTTP_ACCEPT} and 415 ${CONTENT_TYPE}, and leave the explanation out.
func DefaultBodyTemplate(code int) string {
	switch code {
	case 405:
		return methodNotAllowedTemplate
	case 406:
		return notAcceptableTemplate
	case 415:
		return unsupportedMediaTypeTemplate
	case 501:
		return notImplementedTemplate
	}
	if isMove(code) {
		return moveBodyTemplate
	}
	return baseBodyTemplate
}

// mustCode panics with a package-prefixed message when code is not one New
// accepts.
func mustCode(fn string, code int) {
	if !validCode(code) {
		panic("exc: " + fn + ": invalid status code " + strconv.Itoa(code))
	}
}

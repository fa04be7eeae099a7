// Package exc provides WebOb's webob.exc for Go: HTTP responses with a
// status of 2xx to 5xx that are both errors and http.Handlers.
//
// There is one type, [HTTPError], with a constructor per status WebOb has a
// class for ([NotFound], [Forbidden], [MethodNotAllowed], [Unauthorized],
// [Found], [SeeOther], [NotModified], ...) and [New] for any other code.
// Because there is one type, errors.As finds any of them however deeply
// they are wrapped:
//
//	func handler(w http.ResponseWriter, r *http.Request) {
//		if err := work(r); err != nil {
//			exc.Error(w, r, err) // an *HTTPError in err's chain, or a 500
//			return
//		}
//		...
//	}
//
//	var he *exc.HTTPError
//	if errors.As(err, &he) && he.Code == http.StatusNotFound { ... }
//
// # Public message and internal cause
//
// As in WTF Dial's error design, what the client sees is kept apart from
// what only the server should know. Detail and Explanation are rendered;
// Err, the cause, is only returned by Unwrap, for logging. [FromError] turns
// any error into the HTTPError to send: an *HTTPError in the chain as it
// is, the request package's errors as their 4xx status with a fixed
// sentence (their own text can echo request data), and anything else as a
// 500 Internal Server Error with WebOb's generic explanation. [StatusCode]
// and [Message] read an error the same way.
//
// # Rendering
//
// An HTTPError renders itself as WebOb's generate_response does (see
// [Renderer.Response] for the rules): an HTML page, a JSON object or plain
// text, chosen by the request's Accept header, with WebOb's templates,
// titles and explanations, the same header list and the same bytes. A
// request without an Accept header gets plain text. 204, 205 and 304 have
// no body, and neither does the answer to a HEAD request. Everything
// interpolated into the HTML page is HTML-escaped, including the request
// method, Accept header and Content-Type that the 405, 406, 415 and 501
// bodies name.
//
// The zero [Renderer] renders as WebOb does; a Renderer value changes the
// templates, the JSON object, and whether comments are shown, for an
// application that renders its errors with it. An HTTPError's own
// BodyTemplate overrides both.
//
// Redirects resolve a relative Location against the request's path URL,
// as WebOb does, and [AddSlash] redirects to the request URL with a "/"
// appended.
//
// The tests replay several hundred responses recorded from WebOb 1.8.6
// (testdata/golden_exc.json, made by internal/golden/gen_exc.py).
//
// # Differences from WebOb
//
// These are deliberate:
//
//   - Comments are not rendered unless [Renderer].ShowComment is set; WebOb
//     always renders them (as an HTML comment, and as text in plain-text
//     and JSON bodies).
//   - A redirect location starting with "//" and a host stays on this host
//     ("http://host/%2fevil.example/x"), as the response package does for
//     every Location; WebOb resolves it to the other host.
//   - The status line in the HTML page is HTML-escaped; WebOb does not
//     escape it ("418 I'm a teapot" becomes "418 I&#x27;m a teapot").
//   - A redirect location containing CR or LF gives a 500 Internal Server
//     Error whose Err matches [ErrInvalidLocation], where WebOb raises
//     ValueError; nothing in this package panics on request data.
//   - Error returns the status line when both Detail and Explanation are
//     empty; WebOb's str(exc) is "" then.
//   - With both AddSlash and Location, the redirect renders as a 500
//     whose Err matches [ErrAddSlashLocation]; WebOb raises TypeError.
//     An empty BodyTemplate means the default template; WebOb
//     treats body_template="" as an empty template.
//   - Content-Type and Content-Length in Headers are replaced by those of
//     the generated body; WebOb adds a second Content-Type or raises.
//   - A custom Renderer.JSON value is encoded compactly, as
//     response.NewJSON does; WebOb's json.dumps puts a space after ':' and
//     ','. The default JSON body is byte-identical to WebOb's.
//
// # What it does not promise
//
// net/http writes its own reason phrase on the wire ("414 URI Too Long");
// the WebOb title ("414 Request-URI Too Long") is in the body and in
// [response.Response.Status]. The package has no HTTPExceptionMiddleware:
// returning errors from handlers is the Go way, and the webob package's
// handlers render them. An HTTPError has no body of its own to send as it
// is; use the response package for that. ServeHTTP builds the request
// with request.FromHTTP(r, ""), so under http.StripPrefix relative
// locations resolve against the stripped path; call [HTTPError.Response]
// with a request that has the right SCRIPT_NAME instead.
package exc

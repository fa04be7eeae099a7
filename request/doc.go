// Package request provides Request, a port of Python WebOb's webob.Request.
//
// A Request is built from a CGI/WSGI Environ and a body (New), from an
// *http.Request (FromHTTP), from a URL (Blank), or from its HTTP/1.x bytes
// (FromBytes). It parses the query string, form bodies (urlencoded and
// multipart), cookies, headers, the JSON body, URL parts, routing
// arguments (URLVars), content negotiation headers and conditional
// headers, each on first use and once; the header values themselves are
// the header package's. The body can also be streamed (BodyStream).
//
// HTTPRequest turns a Request back into an *http.Request that carries its
// environ and context, so that response.Send runs any handler on it as
// WebOb's req.get_response(app) does.
//
// The package uses the standard library only: binding a struct is the
// bind package's, test helpers are webobtest's.
//
// # Behaviour
//
// WebOb 1.8 is the reference: where it is clear, Request matches it and the
// golden tests in testdata prove it against real WebOb. Where WebOb's result
// is a Python accident (an exception on undecodable input, for example),
// Request returns a typed error instead; each such choice is documented on
// the method that makes it.
//
// # What it does not promise
//
// Request is not safe for concurrent use by several goroutines. Mutating a
// MultiDict returned by GET or POST does not write back to the Environ:
// hand a changed GET to SetGET, as WebOb's GetDict does by itself.
package request

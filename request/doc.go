// Package request provides Request, a port of Python WebOb's webob.Request.
//
// A Request is built from a CGI/WSGI Environ and a body (New), from an
// *http.Request (FromHTTP), or from a URL for tests (Blank). It parses the
// query string, form bodies (urlencoded and multipart), cookies, headers,
// the JSON body, URL parts, content negotiation headers and conditional
// headers, each on first use and once.
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
// MultiDict returned by GET or POST does not write back to the Environ.
package request

package request

import "io"

// Request is WebOb's Request for Go: a view over an Environ and a body that
// parses what a handler asks for, lazily and once.
//
// Every property reads the Environ, so a handler or a test may change
// Environ and read the property again; caches are keyed on the environ value
// they were parsed from, as WebOb's are.
type Request struct {
	// Environ is the CGI/WSGI environment of the request. It is the source of
	// truth for every property; change it to change the request.
	Environ Environ

	// Limits bounds what parsing the query, the form and the body may use.
	// The zero value means DefaultLimits.
	Limits Limits

	body io.Reader
}

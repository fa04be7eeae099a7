// Package pages holds the application logic of the gowebob examples: the
// seed's four pages, ported from the Python originals that Apache and
// mod_wsgi serve with WebOb.
//
//   - [Hello] is the raw WSGI hello page, as a plain net/http handler.
//   - [HelloWebOb] is the WebOb form page: the same HTML for the same request.
//   - [Environ] dumps the CGI/WSGI environ the page sees, as text or JSON.
//   - [Inspect] answers every request with a JSON document of what the
//     request package makes of it, field for field what the Python twin
//     (inspect.py) prints on WebOb.
//
// The commands under examples/ serve each page on its own, and the docroot
// examples/www serves them all through gowebob serve, as thin wrappers over
// this package. The functions have the shapes webob.Adapt accepts.
//
// # What it does not promise
//
// The pages reproduce WebOb's output for requests WebOb answers; where WebOb
// raises (a query string that is not UTF-8, a form in another charset),
// they answer as gowebob does, as each function's documentation says. They
// are examples, not an API: the output formats may change with the Python
// originals.
package pages

// Package response provides Response, WebOb's Response for Go: a status, an
// ordered header list and a body that a handler builds and inspects, and that
// writes itself as an http.Handler.
package response

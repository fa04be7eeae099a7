// Package exc provides the HTTP 3xx, 4xx and 5xx responses of WebOb's
// webob.exc as Go values that are both errors and http.Handlers.
package exc

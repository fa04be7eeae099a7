// Package webob is the glue between the request, response and exc packages
// and net/http: the handler adapter (WebOb's wsgify) and the per-file
// dispatcher used by gowebob serve.
package webob

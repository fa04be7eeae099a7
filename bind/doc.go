// Package bind fills a struct from a request.Request and validates it:
// the query string and the form through github.com/gorilla/schema (schema
// tags), a JSON body through encoding/json (json tags), header:"X-Name"
// and path:"name" tags, then github.com/go-playground/validator/v10
// (validate tags).
//
// WebOb has no binding; this is what its users reach for in FormEncode or
// colander. It lives apart from the request package so that a Request
// needs nothing beyond the standard library, and a page that does not bind
// does not link the two libraries.
//
// A failure is an *Error: 400 when the request is malformed, 422 when it
// does not validate, with the fields named as the client sent them;
// exc.FromError renders it with those fields.
//
// # What it does not promise
//
// Uploaded files are not bound. Custom validate tags are registered on a
// Validator value (NewValidator) that a Binder carries, never globally.
package bind

// Package response provides Response, WebOb's Response for Go: a status, an
// ordered header list and a body that a handler builds and inspects, and that
// writes itself as an http.Handler.
//
// # Building a response
//
// New gives WebOb's defaults (200 OK, "Content-Type: text/html;
// charset=UTF-8", "Content-Length: 0"); NewJSON gives a JSON response. The
// properties follow WebOb 1.8's rules exactly where they are clear:
//
//   - the status is set by code (SetStatusCode, WebOb's reason phrases and
//     generic class reasons) or by string (SetStatus, custom reasons kept);
//   - Header is an ordered list that keeps repeated fields, reads the last
//     value of a name and moves a replaced field to the end, as WebOb's
//     headerlist does; the typed setters (SetLocation, SetETag, SetVary,
//     SetCacheControl, SetWWWAuthenticate, SetRetryAfter, ...) write
//     through it and refuse CR and LF;
//   - SetContentType drops parameters and re-adds "; charset=UTF-8" to
//     text-like types; SetCharset keeps the type; Content-Length follows
//     SetBody, SetText, SetJSON and Write;
//   - SetCookie, DeleteCookie and UnsetCookie write Set-Cookie headers with
//     WebOb's attribute order and quoting;
//   - with ConditionalResponse set, GET and HEAD requests get WebOb's
//     conditional_response_app answers: 304, 206 for the first range of a
//     Range header, 416 (and, with MultipartRanges, every range as
//     multipart/byteranges);
//   - EncodeContent gzips the body at once, EncodeContentLazy while it is
//     sent; DecodeContent undoes either;
//   - FromReader reads a response from its bytes (WebOb's from_file),
//     FromHTTP from an *http.Response.
//
// # Writing it
//
// A Response is an http.Handler. ServeHTTP writes the status, the headers
// (a relative Location made absolute against the request, with the //
// open-redirect fix of WebOb 1.8.8) and the body; HEAD gets no body.
// Serve does the same for a *request.Request, and ForRequest returns the
// response as it would be sent, which is what WebOb's
// req.get_response(resp) returns. Send runs any http.Handler on a
// *request.Request and returns what it wrote as a Response (WebOb's
// req.get_response(app)); Capture does it for an *http.Request, and
// FromHTTP turns an *http.Response into a Response.
//
// # Conformance
//
// testdata/golden_response.json holds nearly three hundred responses built by
// real WebOb 1.8.6 from scripts of operations
// (internal/golden/gen_response.py); golden_test.go replays each script
// against this package and compares status, header list and body exactly.
// The deliberate differences are listed in that test's knownDifferences:
// Location values starting with // are fixed as in WebOb 1.8.8; cookie
// values and attributes with CR or LF (and ';' in Path or Domain) are
// refused rather than escaped; UnsetCookie leaves the other Set-Cookie
// headers untouched; zlib-wrapped deflate bodies are decoded; and gzip
// output comes from compress/gzip, so its bytes differ from zlib's.
//
// # What it does not promise
//
// A Response is not safe for concurrent mutation; serving one concurrently
// is safe only while nobody changes it and its body is in memory. A body
// from SetBodyReader or SetBodyFile is consumed by the first write. net/http
// writes its own reason phrase, so a custom status text is visible through
// Status and String but not on the wire. Text encodings are limited to
// UTF-8, US-ASCII and ISO-8859-1. JSON is encoded by encoding/json and then
// escaped as Python's json.dumps escapes it, so map keys come out sorted and
// floats use Go's formatting.
package response

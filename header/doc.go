// Package header parses and formats the values of HTTP headers as Python
// WebOb 1.8 does: the Accept family (Accept, Accept-Charset,
// Accept-Encoding, Accept-Language, with RFC 7231 negotiation and WebOb's
// legacy best_match), Cache-Control, entity tag matchers (If-Match,
// If-None-Match), If-Range, Range and Content-Range, HTTP dates,
// Authorization, the Cookie request header (read, and edited cookie by
// cookie as WebOb's RequestCookies does) and WebOb's Cookie and Morsel
// objects (Morsels).
//
// The request package returns these values from its Request methods
// (req.Accept(), req.IfNoneMatch(), ...), and the response package uses
// them for its typed headers; they are kept here, on their own and on the
// standard library only, so that a proxy, a client or a cache can use them
// without a Request.
//
// # Behaviour
//
// Each parser reproduces WebOb's, including where WebOb is lenient; the
// golden tests in testdata prove it against real WebOb. Parsers never
// panic on client input and bound their work (at most 100 elements of a
// list header, 1000 cookies). The zero value of each type stands for an
// absent header.
//
// # What it does not promise
//
// The values do not write back to anything: change the request's environ
// or the response's headers to change a message.
package header

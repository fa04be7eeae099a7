// Package cookies is WebOb's webob.cookies for values kept in cookies:
// serializers (JSON, Base64 and SignedSerializer, which signs with HMAC
// and verifies in constant time) and cookie profiles (CookieProfile and
// its signed form), which read a value from a request's Cookie header and
// write the Set-Cookie headers that store it, one per domain.
//
// A cookie signed by WebOb's SignedSerializer (or SignedCookieProfile)
// with a given secret, salt and hash algorithm verifies here, and one
// signed here verifies in WebOb: the golden tests prove it with values
// signed by real WebOb 1.8.6 (internal/golden/gen_cookies.py). Beyond
// WebOb, a SignedSerializer may have several secrets, so that a secret can
// be replaced without logging everyone out: the first signs, any verifies.
//
// # What it does not promise
//
// Signing is not encryption: the client can read a signed value. The JSON
// that Go writes is encoding/json's (compact, "<" escaped) where WebOb's
// json.dumps puts spaces after ", " and ": "; each side reads the other's.
package cookies

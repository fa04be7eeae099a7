package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/examples/internal/peer"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// inspectScript is where Apache serves inspect.py, and where the Go handler
// is mounted so that both see SCRIPT_NAME "/inspect.py".
const inspectScript = "/inspect.py"

// peerRequests are sent to both inspect.py on Apache + mod_wsgi + WebOb and
// pages.Inspect, and their JSON documents compared field by field.
func peerRequests() []peer.Request {
	ct := func(v string) [2]string { return [2]string{"Content-Type", v} }
	form := ct("application/x-www-form-urlencoded")
	mp1, mp1CT := peer.Multipart(
		peer.Part{Name: "title", Content: "A report"},
		peer.Part{Name: "upload", File: true, Filename: "report.txt", ContentType: "text/plain", Content: "line 1\nline 2\n"},
		peer.Part{Name: "title", Content: "second"},
	)
	mp2, mp2CT := peer.Multipart(
		peer.Part{Name: "név", Content: "érték ✓"},
		peer.Part{Name: "doc", File: true, Filename: "résumé.pdf", ContentType: "application/pdf", Content: "%PDF-1.4"},
	)
	mp3, mp3CT := peer.Multipart(
		peer.Part{Name: "a", Content: "1"},
		peer.Part{Name: "b", Content: ""},
		peer.Part{Name: "bin", File: true, Filename: "x.bin", ContentType: "application/octet-stream", Content: "\x00\x01\xff"},
	)
	mp4, mp4CT := peer.Multipart(
		peer.Part{Name: "path", File: true, Filename: `C:\dir\file name.txt`, ContentType: "text/plain", Content: "x"},
		peer.Part{Name: "typed", ContentType: "text/plain; charset=utf-8", Content: "typed value"},
		peer.Part{Name: "", Content: "nameless"},
		peer.Part{Name: "crlf", Content: "a\r\nb\r\n"},
	)
	mp5, mp5CT := peer.Multipart(
		peer.Part{Name: "a", Content: "1"},
		peer.Part{Name: "empty", File: true, Filename: "", ContentType: "application/octet-stream", Content: ""},
	)
	// raw builds a multipart body from parts given with their headers.
	raw := func(parts ...string) string {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString("--" + peer.Boundary + "\r\n" + p + "\r\n")
		}
		b.WriteString("--" + peer.Boundary + "--\r\n")
		return b.String()
	}
	mpCT := ct("multipart/form-data; boundary=" + peer.Boundary)
	var long strings.Builder
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&long, "/%d", i)
	}
	return []peer.Request{
		// Paths, SCRIPT_NAME and PATH_INFO.
		{Name: "script itself", Target: ""},
		{Name: "root slash", Target: "/"},
		{Name: "two segments", Target: "/a/b"},
		{Name: "trailing slash", Target: "/a/b/"},
		{Name: "double slashes", Target: "//a//b/"},
		{Name: "only slashes", Target: "///"},
		{Name: "space in path", Target: "/a%20b/c"},
		{Name: "plus in path", Target: "/a+b/c+"},
		{Name: "escaped ? and # in path", Target: "/a%3Fb%23c"},
		{Name: "unicode path", Target: "/%C3%A9t%C3%A9/%E2%9C%93"},
		{Name: "astral path", Target: "/%F0%9F%98%80"},
		{Name: "semicolon in path", Target: "/a;b=c/d"},
		{Name: "reserved chars in path", Target: "/a:b@c!$&'()*,=~_-./d"},
		{Name: "escaped reserved chars in path", Target: "/%3A%40%21%24%26%27%28%29%2A%2C%3D"},
		{Name: "lower-case escapes in path", Target: "/%c3%a9"},
		{Name: "sixty segments", Target: long.String()},
		{Name: "escaped script name", Script: "/inspect%2Epy", Target: "/x", Host: "peer.example"},
		{Name: "dot segments", Target: "/a/./b/../c"},
		{Name: "escaped percent in path", Target: "/100%25/%7E~"},
		{Name: "raw unicode path", Target: "/\u00e9t\u00e9/\u2713"},
		{Name: "escaped slash in path", Target: "/a%2Fb"},

		// Query strings.
		{Name: "repeated keys", Target: "/q?x=1&x=2&y=3&x=4"},
		{Name: "plus and escaped plus", Target: "?q=a+b&r=%2B&s=+"},
		{Name: "escaped space", Target: "?q=a%20b&a%20b=c"},
		{Name: "bad escapes", Target: "?q=%zz&r=%&s=%4&t=100%"},
		{Name: "unicode query", Target: "?name=%C3%A9t%C3%A9&k=%E2%9C%93&%E2%82%AC=euro"},
		{Name: "semicolon separator", Target: "?a=1;b=2&c=3"},
		{Name: "blank values", Target: "?a=&b&=c&&"},
		{Name: "empty query", Target: "/p?"},
		{Name: "equals in value", Target: "?a=b=c&d==e"},
		{Name: "escaped ampersand", Target: "?a=1%262&b=%3D"},
		{Name: "query with slash and question", Target: "/x?next=/a/b?c=d"},
		{Name: "bad escapes at the end", Target: "?a=%2&%=%&b=%"},
		{Name: "truncated utf-8 escape", Target: "?a=%C3"},
		{Name: "raw unicode query", Target: "?q=\u00e9t\u00e9&\u2713=1"},
		{Name: "empty pairs", Target: "?a=1&&b=2;;c=3&"},
		{Name: "percent-u escape", Target: "?a=%u00e9&b=%%41"},
		{Name: "only plus signs", Target: "?+=+&++=++"},
		{Name: "bracket keys", Target: "?a[]=1&a[]=2&b[c]=3"},
		{Name: "lone equals and ampersand", Target: "?=&&="},
		{Name: "double-escaped percent", Target: "?a=%2525&b=%25zz"},
		{Name: "escaped null and controls", Target: "?a=%00&b=%0A%0D%09&c=%7F"},

		// Host.
		{Name: "host without port", Target: "/h", Host: "example.com"},
		{Name: "host with default port", Target: "/h", Host: "example.com:80"},
		{Name: "host with port 443", Target: "/h", Host: "example.com:443"},
		{Name: "host in capitals", Target: "/h", Host: "Example.COM:8081"},

		// Cookies.
		{Name: "cookies", Target: "/c", Header: [][2]string{{"Cookie", "b=2; a=1"}}},
		{Name: "quoted cookies", Target: "/c", Header: [][2]string{{"Cookie", `a="hello world"; b="x\"y"; c="semi;colon"`}}},
		{Name: "octal cookie escapes", Target: "/c", Header: [][2]string{{"Cookie", `u="\303\251t\303\251"; n="\012"`}}},
		{Name: "repeated cookie", Target: "/c", Header: [][2]string{{"Cookie", "a=1; a=2; b=3"}}},
		{Name: "cookie attributes", Target: "/c", Header: [][2]string{{"Cookie", "$Version=1; a=1; $Path=/; path=/; expires=Wed, 09-Jun-2021 10:18:14 GMT; b=2"}}},
		{Name: "junk cookies", Target: "/c", Header: [][2]string{{"Cookie", "a=1;;b=2; c; =d; e=5 ;f = 6"}}},
		{Name: "two cookie headers", Target: "/c", Header: [][2]string{{"Cookie", "a=1"}, {"Cookie", "b=2"}}},
		{Name: "unicode cookie", Target: "/c", Header: [][2]string{{"Cookie", "k=%C3%A9; m=é"}}},
		{Name: "cookie with equals in value", Target: "/c", Header: [][2]string{{"Cookie", "a=b=c; d=="}}},
		{Name: "unterminated quote cookie", Target: "/c", Header: [][2]string{{"Cookie", `a="unterminated; b=2`}}},
		{Name: "cookie with space in value", Target: "/c", Header: [][2]string{{"Cookie", "a=hello world; b=x y"}}},
		{Name: "cookie names with punctuation", Target: "/c", Header: [][2]string{{"Cookie", "a.b=1; c:d=2; e[f]=3; g-h=4; i!j=5"}}},
		{Name: "escaped quotes cookie", Target: "/c", Header: [][2]string{{"Cookie", `a=\"x\"; b="\\"`}}},
		{Name: "comma-separated cookies", Target: "/c", Header: [][2]string{{"Cookie", "a=1, b=2,c=3"}}},
		{Name: "quote in the middle of a cookie", Target: "/c", Header: [][2]string{{"Cookie", `a="x"y; b=x"y"; c=""`}}},
		{Name: "leading semicolon cookie", Target: "/c", Header: [][2]string{{"Cookie", "; a=1 ;; b"}}},
		{Name: "backslash in unquoted cookie", Target: "/c", Header: [][2]string{{"Cookie", `a=x\y; b=\101`}}},
		{Name: "dollar inside cookie name", Target: "/c", Header: [][2]string{{"Cookie", "a$b=1; $c=2; Domain=x; max-age=3; HttpOnly=4; secure=5; SameSite=6"}}},
		{Name: "empty cookie header", Target: "/c", Header: [][2]string{{"Cookie", ""}}},

		// Accept and Accept-Language.
		{Name: "accept json", Header: [][2]string{{"Accept", "application/json"}}},
		{Name: "accept weights", Header: [][2]string{{"Accept", "text/plain;q=0.5, application/json;q=0.4"}}},
		{Name: "accept any", Header: [][2]string{{"Accept", "*/*"}}},
		{Name: "accept tie", Header: [][2]string{{"Accept", "text/*;q=0.3, application/json;q=0.3"}}},
		{Name: "accept nothing offered", Header: [][2]string{{"Accept", "image/png"}}},
		{Name: "accept invalid", Header: [][2]string{{"Accept", ",,;;=="}}},
		{Name: "accept with params", Header: [][2]string{{"Accept", "text/html;level=1, text/plain;q=0.9"}}},
		{Name: "accept q=0", Header: [][2]string{{"Accept", "text/html;q=0, */*;q=0.1"}}},
		{Name: "accept browser", Header: [][2]string{{"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"}}},
		{Name: "accept q order", Header: [][2]string{{"Accept", "application/json;q=1.0, text/html;q=0.99"}}},
		{Name: "accept invalid q", Header: [][2]string{{"Accept", "text/html;q=1.5, application/json"}}},
		{Name: "accept capitals", Header: [][2]string{{"Accept", "TEXT/HTML"}}},
		{Name: "accept subtype wildcard", Header: [][2]string{{"Accept", "application/*"}}},
		{Name: "accept any but html", Header: [][2]string{{"Accept", "*/*;q=0.5, text/html;q=0"}}},
		{Name: "accept with charset", Header: [][2]string{{"Accept", "text/plain; charset=utf-8"}}},
		{Name: "accept empty", Header: [][2]string{{"Accept", ""}}},
		{Name: "accept params after q", Header: [][2]string{{"Accept", "text/html;q=0.5;level=1, application/json;q=0.4"}}},
		{Name: "accept space before q", Header: [][2]string{{"Accept", "text/html; q=0.5, text/plain ; q=0.6"}}},
		{Name: "accept tiny q", Header: [][2]string{{"Accept", "application/json;q=0.001, text/plain;q=0.000"}}},
		{Name: "accept four-digit q", Header: [][2]string{{"Accept", "application/json;q=0.0001"}}},
		{Name: "accept wildcard type", Header: [][2]string{{"Accept", "*/json"}}},
		{Name: "accept repeated range", Header: [][2]string{{"Accept", "text/html, text/html;q=0, application/json;q=0.2"}}},
		{Name: "language weights", Header: [][2]string{{"Accept-Language", "fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5"}}},
		{Name: "language de", Header: [][2]string{{"Accept-Language", "de"}}},
		{Name: "language none offered", Header: [][2]string{{"Accept-Language", "es, it;q=0.5"}}},
		{Name: "language any", Header: [][2]string{{"Accept-Language", "*"}}},
		{Name: "language tie", Header: [][2]string{{"Accept-Language", "en-GB;q=0.5, fr;q=0.5"}}},
		{Name: "language invalid", Header: [][2]string{{"Accept-Language", "!!!, ;q=x"}}},
		{Name: "language underscore", Header: [][2]string{{"Accept-Language", "de_AT"}}},
		{Name: "language capitals", Header: [][2]string{{"Accept-Language", "EN-us"}}},
		{Name: "language refused", Header: [][2]string{{"Accept-Language", "fr;q=0, *;q=0.5"}}},
		{Name: "language any but en", Header: [][2]string{{"Accept-Language", "*;q=0.5, en;q=0"}}},
		{Name: "language region after base", Header: [][2]string{{"Accept-Language", "en;q=0.8, en-US, de;q=0.9"}}},
		{Name: "language wildcard prefix", Header: [][2]string{{"Accept-Language", "*-US, fr-"}}},
		{Name: "language long tags", Header: [][2]string{{"Accept-Language", "i-klingon, en-gb-oed;q=0.7, x-private;q=0.9"}}},
		{Name: "language empty", Header: [][2]string{{"Accept-Language", ""}}},

		// Conditional headers and XHR.
		{Name: "etag", Header: [][2]string{{"If-None-Match", `"abc"`}}},
		{Name: "weak and strong etags", Header: [][2]string{{"If-None-Match", `W/"abc", "def"`}}},
		{Name: "any etag", Header: [][2]string{{"If-None-Match", "*"}}},
		{Name: "unquoted etag", Header: [][2]string{{"If-None-Match", "abc"}}},
		{Name: "etag after comma", Header: [][2]string{{"If-None-Match", `"a","b", "c"`}}},
		{Name: "weak etag only", Header: [][2]string{{"If-None-Match", `W/"a"`}}},
		{Name: "empty quoted etag", Header: [][2]string{{"If-None-Match", `""`}}},
		{Name: "empty etag header", Header: [][2]string{{"If-None-Match", ""}}},
		{Name: "etags without comma", Header: [][2]string{{"If-None-Match", `"a" "b"`}}},
		{Name: "etag with escaped quote", Header: [][2]string{{"If-None-Match", `"x\"y", "z"`}}},
		{Name: "weak empty etag", Header: [][2]string{{"If-None-Match", `W/""`}}},
		{Name: "star among etags", Header: [][2]string{{"If-None-Match", `*, "a"`}}},
		{Name: "weak etag after comma", Header: [][2]string{{"If-None-Match", `"a",W/"b" , W/"c"`}}},
		{Name: "forwarded headers ignored", Header: [][2]string{{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "evil.example"}, {"X-Forwarded-For", "1.2.3.4"}}},
		{Name: "host with empty port", Target: "/h", Host: "example.com:"},
		{Name: "ipv6 host", Target: "/h", Host: "[::1]:8081"},
		{Name: "xhr", Header: [][2]string{{"X-Requested-With", "XMLHttpRequest"}}},
		{Name: "xhr other case", Header: [][2]string{{"X-Requested-With", "xmlhttprequest"}}},

		// Bodies.
		{Name: "urlencoded form", Method: "POST", Target: "/f?a=q", Header: [][2]string{form}, Body: "a=1&b=2&a=3"},
		{Name: "form escapes", Method: "POST", Target: "/f", Header: [][2]string{form}, Body: "q=a+b&r=%2B&s=%zz&t=%C3%A9&u=%E2%9C%93"},
		{Name: "form without content type", Method: "POST", Target: "/f", Body: "a=1&b=2"},
		{Name: "form with charset utf-8", Method: "POST", Target: "/f", Header: [][2]string{ct("application/x-www-form-urlencoded; charset=utf-8")}, Body: "a=%C3%A9"},
		{Name: "form with extra params", Method: "POST", Target: "/f", Header: [][2]string{ct("application/x-www-form-urlencoded; charset=UTF-8; foo=bar")}, Body: "a=1"},
		{Name: "form with charset utf8", Method: "POST", Target: "/f", Header: [][2]string{ct("application/x-www-form-urlencoded; charset=UTF8")}, Body: "a=1"},
		{Name: "form with quoted charset", Method: "POST", Target: "/f", Header: [][2]string{ct(`application/x-www-form-urlencoded; charset="utf-8"`)}, Body: "a=1"},
		{Name: "form with spaces in content type", Method: "POST", Target: "/f", Header: [][2]string{ct("application/x-www-form-urlencoded ; charset=utf-8")}, Body: "a=1"},
		{Name: "form charset without space", Method: "POST", Target: "/f", Header: [][2]string{ct("application/x-www-form-urlencoded;charset=utf-8")}, Body: "a=1"},
		{Name: "form charset ascii", Method: "POST", Target: "/f", Header: [][2]string{ct("application/x-www-form-urlencoded; charset=ascii")}, Body: "a=1"},
		{Name: "lower-case method form", Method: "post", Target: "/f", Header: [][2]string{form}, Body: "a=1"},
		{Name: "multipart mixed is not a form", Method: "POST", Target: "/f", Header: [][2]string{ct("multipart/mixed; boundary=peer-boundary-1234")}, Body: mp1},
		{Name: "quoted boundary", Method: "POST", Target: "/m", Header: [][2]string{ct(`multipart/form-data; boundary="peer-boundary-1234"`)}, Body: mp1},
		{Name: "form content type in capitals", Method: "POST", Target: "/f", Header: [][2]string{ct("Application/X-WWW-Form-Urlencoded")}, Body: "a=1"},
		{Name: "multipart with file", Method: "POST", Target: "/m?x=1", Header: [][2]string{ct(mp1CT)}, Body: mp1},
		{Name: "multipart unicode", Method: "POST", Target: "/m", Header: [][2]string{ct(mp2CT)}, Body: mp2},
		{Name: "multipart binary file", Method: "POST", Target: "/m", Header: [][2]string{ct(mp3CT)}, Body: mp3},
		{Name: "multipart edge parts", Method: "POST", Target: "/m", Header: [][2]string{ct(mp4CT)}, Body: mp4},
		{Name: "multipart empty file name", Method: "POST", Target: "/m", Header: [][2]string{ct(mp5CT)}, Body: mp5},
		{Name: "multipart without boundary", Method: "POST", Target: "/m", Header: [][2]string{ct("multipart/form-data")}, Body: mp1},
		{Name: "multipart base64 field", Method: "POST", Target: "/m", Header: [][2]string{mpCT}, Body: raw(
			"Content-Disposition: form-data; name=\"b\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQ=",
			"Content-Disposition: form-data; name=\"q\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9 =3D ok",
			"Content-Disposition: form-data; name=\"B\"\r\nContent-Transfer-Encoding: Base64\r\n\r\naGk=",
		)},
		{Name: "multipart base64 edge cases", Method: "POST", Target: "/m", Header: [][2]string{mpCT}, Body: raw(
			"Content-Disposition: form-data; name=\"lines\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGVs\r\nbG8g\r\nd29y bGQ=",
			"Content-Disposition: form-data; name=\"junk\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGVs*bG8=",
			"Content-Disposition: form-data; name=\"padded\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGk=aGk=",
		)},
		{Name: "multipart base64 without padding", Method: "POST", Target: "/m", Header: [][2]string{mpCT}, Body: raw(
			"Content-Disposition: form-data; name=\"nopad\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8",
		)},
		{Name: "multipart quoted-printable edge cases", Method: "POST", Target: "/m", Header: [][2]string{mpCT}, Body: raw(
			"Content-Disposition: form-data; name=\"soft\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nab=\r\ncd",
			"Content-Disposition: form-data; name=\"bad\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=zz=4=41",
			"Content-Disposition: form-data; name=\"lower\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=c3=a9 and _under_",
			"Content-Disposition: form-data; name=\"trail\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nx  \r\ny\t",
		)},
		{Name: "multipart rfc 2231 file name", Method: "POST", Target: "/m", Header: [][2]string{mpCT}, Body: raw(
			"Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt\r\nContent-Type: text/plain\r\n\r\nx",
			"Content-Disposition: form-data; name=\"g\"; filename=\"plain.txt\"; filename*=UTF-8''fancy%E2%9C%93.txt\r\nContent-Type: text/plain\r\n\r\ny",
		)},
		{Name: "multipart unquoted and escaped parameters", Method: "POST", Target: "/m", Header: [][2]string{mpCT}, Body: raw(
			"Content-Disposition: form-data; name=a; filename=b.txt\r\n\r\nunquoted",
			"Content-Disposition: form-data; name=\"c\\\"d\"\r\n\r\nescaped quote",
			"Content-Disposition: form-data; name=\"p\"; filename=\"/etc/passwd\"\r\n\r\nroot",
		)},
		{Name: "multipart part without name", Method: "POST", Target: "/m", Header: [][2]string{mpCT}, Body: raw(
			"Content-Disposition: form-data\r\n\r\nno name",
			"Content-Disposition: form-data; name=\"ok\"\r\n\r\nyes",
		)},
		{Name: "multipart invalid utf-8 field", Method: "POST", Target: "/m", Header: [][2]string{mpCT}, Body: raw(
			"Content-Disposition: form-data; name=\"x\"\r\n\r\na\xffb\xc3",
		)},
		{Name: "multipart preamble and epilogue", Method: "POST", Target: "/m", Header: [][2]string{mpCT},
			Body: "preamble text\r\n" + raw("Content-Disposition: form-data; name=\"a\"\r\n\r\n1") + "epilogue\r\n"},
		{Name: "multipart bare LF", Method: "POST", Target: "/m", Header: [][2]string{mpCT},
			Body: "--peer-boundary-1234\nContent-Disposition: form-data; name=\"a\"\n\n1\n--peer-boundary-1234--\n"},
		{Name: "multipart garbage", Method: "POST", Target: "/m", Header: [][2]string{ct("multipart/form-data; boundary=xx")}, Body: "garbage"},
		{Name: "put form", Method: "PUT", Target: "/f", Header: [][2]string{form}, Body: "a=1&b=2"},
		{Name: "patch form", Method: "PATCH", Target: "/f", Header: [][2]string{form}, Body: "a=1"},
		{Name: "delete form", Method: "DELETE", Target: "/f", Header: [][2]string{form}, Body: "a=1"},
		{Name: "put json", Method: "PUT", Target: "/j", Header: [][2]string{ct("application/json")}, Body: `{"a": 1}`},
		{Name: "post text", Method: "POST", Target: "/t", Header: [][2]string{ct("text/plain; charset=utf-8")}, Body: "hello"},
		{Name: "post empty", Method: "POST", Target: "/e"},
		{Name: "get with body", Method: "GET", Target: "/g", Header: [][2]string{form}, Body: "a=1"},
		{Name: "options", Method: "OPTIONS", Target: "/o"},
		{Name: "form in latin-1", Method: "POST", Target: "/f", Header: [][2]string{ct("application/x-www-form-urlencoded; charset=latin-1")}, Body: "a=%E9"},
		{Name: "query not utf-8", Target: "/g?a=%FF"},
	}
}

// A knownDifference is a deliberate difference between WebOb and gowebob,
// or between Apache's environ and Go's, with its reason.
type knownDifference struct {
	fields []string // the fields that differ; nil means the whole response
	reason string
}

// pathFields are the fields computed from PATH_INFO.
var pathFields = []string{"path", "path_info", "path_qs", "path_url", "script_after_pop", "url"}

// The reasons shared by several known differences.
const (
	apacheMergesSlashes = "Apache merges repeated slashes (MergeSlashes On) before mod_wsgi sets PATH_INFO; net/http passes the path as sent"
	webobRaisesOnQuery  = "WebOb raises UnicodeDecodeError on a query string that is not UTF-8, so inspect.py answers 500; Inspect reports GET and params as \"error\""
	webobRaisesOnForm   = "WebOb raises DeprecationWarning for a form that is not UTF-8, so inspect.py answers 500; gowebob decodes the form with its charset"
)

// knownDifferences are skipped by the comparison, keyed by request name. An
// entry that no longer differs fails the test, so that it gets removed.
var knownDifferences = map[string]knownDifference{
	// Apache's environ, not WebOb: the Go handler sees the path as sent.
	"double slashes":        {pathFields, apacheMergesSlashes},
	"only slashes":          {pathFields, apacheMergesSlashes},
	"dot segments":          {append(slices.Clip(pathFields), "popped"), "Apache removes . and .. segments before mod_wsgi sets PATH_INFO; net/http passes the path as sent"},
	"host with empty port":  {nil, "Apache answers 400 to the Host header \"example.com:\"; net/http accepts it"},
	"escaped slash in path": {nil, "Apache answers 404 for %2F in a path (AllowEncodedSlashes Off); net/http decodes it to /"},

	// gowebob's deliberate differences from WebOb (see the README).
	"query not utf-8":                  {nil, webobRaisesOnQuery},
	"truncated utf-8 escape":           {nil, webobRaisesOnQuery},
	"raw unicode query":                {[]string{"query_string", "path_qs", "url"}, "WebOb returns QUERY_STRING as the WSGI native string, the raw bytes decoded as Latin-1 (\"\u00c3\u00a9\" for a raw é); gowebob keeps the bytes"},
	"form charset ascii":               {nil, webobRaisesOnForm},
	"form in latin-1":                  {nil, webobRaisesOnForm},
	"multipart empty file name":        {nil, "WebOb raises TypeError on a file field with filename=\"\" (an empty file input), so inspect.py answers 500; gowebob gives a field with an empty value"},
	"multipart without boundary":       {nil, "WebOb raises ValueError on multipart/form-data without a boundary, so inspect.py answers 500; Inspect reports POST and params as \"error\""},
	"multipart base64 without padding": {nil, "WebOb raises binascii.Error on base64 without its padding, so inspect.py answers 500; gowebob keeps the text as sent"},
	"multipart part without name":      {[]string{"POST", "params"}, "WebOb's key for a part without a name is None (null); MultiDict keys are strings, so gowebob's is \"\""},
	"multipart rfc 2231 file name":     {[]string{"POST", "params"}, "gowebob reads filename* (RFC 2231, WebOb issue #165) and makes the part a file; cgi.FieldStorage ignores filename*, so WebOb gives a plain field (README, deliberate differences)"},
}

func TestInspectMatchesWebOb(t *testing.T) {
	base := peer.Start(t)
	goSrv := httptest.NewServer(webob.Mounted(inspectScript, webob.Handle(pages.Inspect)))
	defer goSrv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	reqs := peerRequests()
	var compared, fields, skipped, skippedFields int
	for _, r := range reqs {
		t.Run(r.Name, func(t *testing.T) {
			presp, pbody, err := r.Send(client, base, inspectScript)
			if err != nil {
				t.Fatalf("Apache: %s: %v", r, err)
			}
			gresp, gbody, err := r.Send(client, goSrv.URL, inspectScript)
			if err != nil {
				t.Fatalf("Go: %s: %v", r, err)
			}
			// Inspect answers every request with a JSON document.
			var pdoc, gdoc map[string]any
			if gresp.StatusCode != http.StatusOK || gresp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("%s: Go answered %d %q, want 200 application/json", r, gresp.StatusCode, gresp.Header.Get("Content-Type"))
			}
			if err := json.Unmarshal(gbody, &gdoc); err != nil {
				t.Fatalf("%s: Go body is not JSON: %v\n%s", r, err, gbody)
			}

			known, isKnown := knownDifferences[r.Name]
			if isKnown && known.fields == nil {
				skipped++
				t.Logf("known difference (%s):\n  WebOb: %d %s\n  Go:    %d %s", known.reason, presp.StatusCode, firstLine(pbody), gresp.StatusCode, gbody)
				if presp.StatusCode == gresp.StatusCode && bytes.Equal(pbody, gbody) {
					t.Errorf("%s: known difference no longer differs; remove it from knownDifferences", r)
				}
				return
			}
			compared++
			if presp.StatusCode != gresp.StatusCode {
				t.Fatalf("%s: status WebOb %d, Go %d\n  WebOb: %s\n  Go:    %s", r, presp.StatusCode, gresp.StatusCode, pbody, gbody)
			}
			if p, g := presp.Header.Get("Content-Type"), gresp.Header.Get("Content-Type"); p != g {
				t.Errorf("%s: Content-Type WebOb %q, Go %q", r, p, g)
			}
			if err := json.Unmarshal(pbody, &pdoc); err != nil {
				t.Fatalf("%s: WebOb body is not JSON: %v\n%s", r, err, pbody)
			}
			diffs, knownDiffs := 0, 0
			for _, k := range unionKeys(pdoc, gdoc) {
				fields++
				pv, pok := pdoc[k]
				gv, gok := gdoc[k]
				if pok && gok && reflect.DeepEqual(pv, gv) {
					continue
				}
				if slices.Contains(known.fields, k) {
					knownDiffs++
					t.Logf("%s: field %s: known difference (%s):\n  WebOb: %s\n  Go:    %s", r, k, known.reason, jsonText(pv, pok), jsonText(gv, gok))
					continue
				}
				diffs++
				t.Errorf("%s: field %q:\n  WebOb: %s\n  Go:    %s", r, k, jsonText(pv, pok), jsonText(gv, gok))
			}
			skippedFields += knownDiffs
			if isKnown && knownDiffs == 0 {
				t.Errorf("%s: known difference no longer differs; remove it from knownDifferences", r)
			}
			if diffs == 0 && !isKnown && !bytes.Equal(pbody, gbody) {
				t.Errorf("%s: same fields but different bytes:\n  WebOb: %s\n  Go:    %s", r, pbody, gbody)
			}
		})
	}
	t.Logf("%d requests: %d compared field by field (%d fields, %d of them known differences), %d known to differ as a whole",
		len(reqs), compared, fields, skippedFields, skipped)
	if len(reqs) < 50 {
		t.Errorf("only %d requests; want at least 50", len(reqs))
	}
}

// unionKeys returns the keys of a and b, sorted.
func unionKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonText shows a decoded JSON value, or "(missing)".
func jsonText(v any, ok bool) string {
	if !ok {
		return "(missing)"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// firstLine returns the first line of b, for logging HTML error pages.
func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return string(line)
}

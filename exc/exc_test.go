package exc_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// secret stands for internal text that must never reach a client.
const secret = "pq: password authentication failed for user hunter2"

// newRequest returns a request for target with the given Accept header
// ("" for none).
func newRequest(method, target, accept string) *request.Request {
	env := request.Environ{
		"REQUEST_METHOD":  method,
		"SCRIPT_NAME":     "",
		"PATH_INFO":       target,
		"QUERY_STRING":    "",
		"SERVER_NAME":     "example.com",
		"SERVER_PORT":     "80",
		"HTTP_HOST":       "example.com",
		"wsgi.url_scheme": "http",
	}
	if p, q, ok := strings.Cut(target, "?"); ok {
		env["PATH_INFO"], env["QUERY_STRING"] = p, q
	}
	if accept != "" {
		env["HTTP_ACCEPT"] = accept
	}
	return request.New(env, nil)
}

// render returns the body of e rendered for accept by rd.
func render(tb testing.TB, rd *exc.Renderer, e *exc.HTTPError, accept string) string {
	tb.Helper()
	b, err := rd.Response(e, newRequest("GET", "/a/b", accept)).Body()
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

var accepts = []string{"", "text/html", "application/json", "text/plain"}

func TestConstructors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		e       *exc.HTTPError
		code    int
		status  string
		headers []response.Field
	}{
		{"OK", exc.OK("d"), 200, "200 OK", nil},
		{"Accepted", exc.Accepted("d"), 202, "202 Accepted", nil},
		{"NoContent", exc.NoContent(""), 204, "204 No Content", nil},
		{"MovedPermanently", exc.MovedPermanently("/x"), 301, "301 Moved Permanently", nil},
		{"Found", exc.Found("/x"), 302, "302 Found", nil},
		{"SeeOther", exc.SeeOther("/x"), 303, "303 See Other", nil},
		{"NotModified", exc.NotModified(), 304, "304 Not Modified", nil},
		{"TemporaryRedirect", exc.TemporaryRedirect("/x"), 307, "307 Temporary Redirect", nil},
		{"PermanentRedirect", exc.PermanentRedirect("/x"), 308, "308 Permanent Redirect", nil},
		{"BadRequest", exc.BadRequest("d"), 400, "400 Bad Request", nil},
		{"Unauthorized", exc.Unauthorized(`Basic realm="api"`), 401, "401 Unauthorized",
			[]response.Field{{Name: "WWW-Authenticate", Value: `Basic realm="api"`}}},
		{"Unauthorized/none", exc.Unauthorized(""), 401, "401 Unauthorized", nil},
		{"NotFound", exc.NotFound("d"), 404, "404 Not Found", nil},
		{"MethodNotAllowed", exc.MethodNotAllowed("GET", "HEAD"), 405, "405 Method Not Allowed",
			[]response.Field{{Name: "Allow", Value: "GET, HEAD"}}},
		{"MethodNotAllowed/none", exc.MethodNotAllowed(), 405, "405 Method Not Allowed", nil},
		{"RequestURITooLong", exc.RequestURITooLong("d"), 414, "414 Request-URI Too Long", nil},
		{"RequestRangeNotSatisfiable", exc.RequestRangeNotSatisfiable("d"), 416, "416 Request Range Not Satisfiable", nil},
		{"TooManyRequests", exc.TooManyRequests("d"), 429, "429 Too Many Requests", nil},
		{"UnavailableForLegalReasons", exc.UnavailableForLegalReasons("d"), 451, "451 Unavailable For Legal Reasons", nil},
		{"InternalServerError", exc.InternalServerError("d"), 500, "500 Internal Server Error", nil},
		{"VersionNotSupported", exc.VersionNotSupported("d"), 505, "505 HTTP Version Not Supported", nil},
		{"NetworkAuthenticationRequired", exc.NetworkAuthenticationRequired("d"), 511, "511 Network Authentication Required", nil},
		{"New/418", exc.New(418, ""), 418, "418 I'm a teapot", nil},
		{"New/499", exc.New(499, ""), 499, "499 Unknown Client Error", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.e.Code != tt.code || tt.e.StatusCode() != tt.code {
				t.Errorf("Code = %d, want %d", tt.e.Code, tt.code)
			}
			if got := tt.e.Status(); got != tt.status {
				t.Errorf("Status() = %q, want %q", got, tt.status)
			}
			if len(tt.e.Headers) != len(tt.headers) || len(tt.headers) > 0 && tt.e.Headers[0] != tt.headers[0] {
				t.Errorf("Headers = %q, want %q", tt.e.Headers, tt.headers)
			}
			if want := exc.New(tt.code, tt.e.Detail); tt.e.Title != want.Title || tt.e.Explanation != want.Explanation {
				t.Errorf("title, explanation = %q, %q; New(%d) has %q, %q",
					tt.e.Title, tt.e.Explanation, tt.code, want.Title, want.Explanation)
			}
		})
	}
}

func TestError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		e    *exc.HTTPError
		want string
	}{
		{exc.NotFound(""), "The resource could not be found."},
		{exc.NotFound("No user 42."), "No user 42."},
		{exc.NoContent(""), "204 No Content"},
		{exc.Found("/x"), "The resource was found at"},
		{exc.InternalServerError("").WithErr(errors.New(secret)), "The server has either erred or is incapable of performing the requested operation."},
		{&exc.HTTPError{Code: 404}, "404 Not Found"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%s: Error() = %q, want %q", tt.e.Status(), got, tt.want)
		}
	}
}

func TestNilReceiver(t *testing.T) {
	t.Parallel()
	var e *exc.HTTPError
	if e.StatusCode() != 500 || e.Status() != "500 Internal Server Error" || e.Unwrap() != nil ||
		e.Error() != "The server has either erred or is incapable of performing the requested operation." {
		t.Errorf("nil *HTTPError: %d %q %v %q", e.StatusCode(), e.Status(), e.Unwrap(), e.Error())
	}
	if c := e.WithDetail("d"); c.Code != 500 || c.Detail != "d" {
		t.Errorf("nil.WithDetail = %+v, want a 500 with the detail", c)
	}
}

func TestPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    func()
	}{
		{"New(99)", func() { exc.New(99, "") }},
		{"New(100)", func() { exc.New(100, "") }},
		{"New(600)", func() { exc.New(600, "") }},
		{"Redirect(404)", func() { exc.Redirect(404, "/x") }},
		{"Redirect(304)", func() { exc.Redirect(304, "/x") }},
		{"AddSlash(200)", func() { exc.AddSlash(200) }},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "exc: ") {
					t.Errorf("%s: recovered %v, want a panic starting with \"exc: \"", tt.name, r)
				}
			}()
			tt.f()
		}()
	}
}

func TestErrorsAs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		code int
	}{
		{"plain", exc.NotFound("gone"), 404},
		{"wrapped", fmt.Errorf("loading user: %w", exc.NotFound("gone")), 404},
		{"twice", fmt.Errorf("handler: %w", fmt.Errorf("loading user: %w", exc.Forbidden("no"))), 403},
		{"joined", errors.Join(errors.New("other"), exc.Conflict("c")), 409},
		{"redirect", fmt.Errorf("x: %w", exc.SeeOther("/done")), 303},
	}
	for _, tt := range tests {
		var he *exc.HTTPError
		if !errors.As(tt.err, &he) || he.Code != tt.code {
			t.Errorf("%s: errors.As(%v) = %v, code %v; want code %d", tt.name, tt.err, he != nil, he, tt.code)
			continue
		}
		if got := exc.FromError(tt.err); got != he {
			t.Errorf("%s: FromError returned a new value, want the *HTTPError in the chain", tt.name)
		}
		if got := exc.StatusCode(tt.err); got != tt.code {
			t.Errorf("%s: StatusCode = %d, want %d", tt.name, got, tt.code)
		}
		if got := exc.Message(tt.err); got != he.Error() {
			t.Errorf("%s: Message = %q, want %q", tt.name, got, he.Error())
		}
	}
	cause := errors.New(secret)
	e := exc.InternalServerError("").WithErr(cause)
	if !errors.Is(fmt.Errorf("x: %w", e), cause) {
		t.Error("errors.Is does not reach Err through Unwrap")
	}
}

// teapot is a foreign error that carries a status.
type teapot struct{ code int }

func (e teapot) Error() string   { return secret }
func (e teapot) StatusCode() int { return e.code }

func TestFromError(t *testing.T) {
	t.Parallel()
	serverText := "The server has either erred or is incapable of performing the requested operation."
	tests := []struct {
		name string
		err  error
		code int
		msg  string
	}{
		{"foreign", errors.New(secret), 500, serverText},
		{"foreign/wrapped", fmt.Errorf("query: %w", errors.New(secret)), 500, serverText},
		{"too large body", &request.TooLargeError{What: "body", Limit: 10}, 413, "Limit of 10 exceeded for the request body."},
		{"too large query", &request.TooLargeError{What: "query string", Limit: 8}, 414, "Limit of 8 exceeded for the request query string."},
		{"too many keys", fmt.Errorf("GET: %w", &request.TooLargeError{What: "form keys", Limit: 3}), 400, "Limit of 3 exceeded for the request form keys."},
		{"too large/unknown what", &request.TooLargeError{What: secret, Limit: 3}, 400, "The request is too large."},
		{"form", &request.FormError{Reason: secret, Err: errors.New(secret)}, 400, "The request form could not be parsed."},
		{"decode", &request.DecodeError{Where: "body", Charset: "<script>" + secret}, 400, "The request could not be decoded in its charset."},
		{"json", &request.JSONError{Err: errors.New("invalid character '<' " + secret)}, 400, "The request body is not valid JSON."},
		{"body", &request.BodyError{Err: io.ErrUnexpectedEOF}, 400, "The request body could not be read."},
		{"no body", fmt.Errorf("decode: %w", request.ErrNoBody), 400, "The request has no body."},
		{"charset", request.ErrUnsupportedCharset, 415, "The request charset is not supported."},
		{"max bytes", &request.BodyError{Err: &http.MaxBytesError{Limit: 5}}, 413, "The request body is larger than the limit of 5 bytes."},
		{"status coder", teapot{418}, 418, "The server could not comply with the request since it is either malformed or otherwise incorrect."},
		{"status coder 200", teapot{200}, 500, serverText},
		{"status coder 5xx", fmt.Errorf("x: %w", teapot{503}), 503, "The server is currently unavailable. Please try again at a later time."},
		{"nil *HTTPError", fmt.Errorf("x: %w", (*exc.HTTPError)(nil)), 500, serverText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := exc.FromError(tt.err)
			if e.Code != tt.code {
				t.Errorf("FromError(%v).Code = %d, want %d", tt.err, e.Code, tt.code)
			}
			if e.Err != tt.err {
				t.Errorf("FromError(%v).Err = %v, want the error itself", tt.err, e.Err)
			}
			if got := exc.Message(tt.err); got != tt.msg {
				t.Errorf("Message(%v) = %q, want %q", tt.err, got, tt.msg)
			}
			if got := exc.StatusCode(tt.err); got != tt.code {
				t.Errorf("StatusCode(%v) = %d, want %d", tt.err, got, tt.code)
			}
			for _, accept := range accepts {
				if body := render(t, nil, e, accept); strings.Contains(body, "hunter2") || strings.Contains(body, "<script>") {
					t.Errorf("body for Accept %q leaks the error text: %q", accept, body)
				}
			}
		})
	}
	if exc.FromError(nil) != nil || exc.StatusCode(nil) != 0 || exc.Message(nil) != "" {
		t.Error("FromError, StatusCode, Message of nil: want nil, 0, \"\"")
	}
}

func TestWithCopies(t *testing.T) {
	t.Parallel()
	base := exc.NotFound("base").WithHeader("X-A", "1")
	a := base.WithHeader("X-B", "2")
	b := base.WithHeader("X-C", "3")
	c := base.WithDetail("other").WithComment("note").WithErr(errors.New("cause"))
	if len(base.Headers) != 1 || base.Detail != "base" || base.Comment != "" || base.Err != nil {
		t.Errorf("With methods changed the original: %+v", base)
	}
	if a.Headers[1].Name != "X-B" || b.Headers[1].Name != "X-C" {
		t.Errorf("WithHeader copies share their headers: %q, %q", a.Headers, b.Headers)
	}
	if c.Detail != "other" || c.Comment != "note" || c.Err == nil || len(c.Headers) != 1 {
		t.Errorf("WithDetail/WithComment/WithErr = %+v", c)
	}
}

func TestCommentHidden(t *testing.T) {
	t.Parallel()
	e := exc.Forbidden("denied").WithComment("user 42 lacks role admin")
	for _, accept := range accepts {
		if body := render(t, nil, e, accept); strings.Contains(body, "role admin") {
			t.Errorf("zero Renderer, Accept %q: comment rendered: %q", accept, body)
		}
		if body := render(t, &exc.Renderer{ShowComment: true}, e, accept); !strings.Contains(body, "role admin") {
			t.Errorf("ShowComment, Accept %q: comment missing: %q", accept, body)
		}
	}
	if body := render(t, &exc.Renderer{ShowComment: true}, e, "text/html"); !strings.Contains(body, "<!-- user 42 lacks role admin -->") {
		t.Errorf("ShowComment HTML body = %q, want an HTML comment", body)
	}
}

func TestRenderer(t *testing.T) {
	t.Parallel()
	e := exc.NotFound("No <user>.")
	tests := []struct {
		name   string
		rd     *exc.Renderer
		e      *exc.HTTPError
		accept string
		want   string
	}{
		{"BodyTemplates", &exc.Renderer{BodyTemplates: map[int]string{404: "Nothing at ${PATH_INFO}: ${detail}"}},
			e, "text/plain", "404 Not Found\n\nNothing at /a/b: No ."},
		{"BodyTemplates/html", &exc.Renderer{BodyTemplates: map[int]string{404: "<p>${detail}</p>", 500: "x"}, HTMLTemplate: "<h1>${title}</h1>${body}"},
			e, "text/html", "<h1>Not Found</h1><p>No &lt;user&gt;.</p>"},
		{"own template wins", &exc.Renderer{BodyTemplates: map[int]string{404: "renderer"}},
			&exc.HTTPError{Code: 404, BodyTemplate: "own"}, "text/plain", "404 Not Found\n\nown"},
		{"PlainTemplate", &exc.Renderer{PlainTemplate: "${title}: ${body}"},
			e, "", "Not Found: The resource could not be found.\n\n No .  "},
		{"JSON", &exc.Renderer{JSON: func(body, status, title string, req *request.Request) any {
			return map[string]any{"error": title, "path": req.PathInfo()}
		}}, e, "application/json", `{"error":"Not Found","path":"/a/b"}`},
		{"JSON/unencodable", &exc.Renderer{JSON: func(string, string, string, *request.Request) any { return func() {} }},
			exc.Gone(""), "application/json", `{"message": "This resource is no longer available. No forwarding address is given.<br /><br />\n\n\n", "code": "410 Gone", "title": "Gone"}`},
		{"status escaped", nil, &exc.HTTPError{Code: 499, Title: "<b>"}, "text/html",
			"<html>\n <head>\n  <title>499 &lt;b&gt;</title>\n </head>\n <body>\n  <h1>499 &lt;b&gt;</h1>\n  <br /><br />\n\n\n\n </body>\n</html>"},
		{"title with CRLF", nil, &exc.HTTPError{Code: 404, Title: "x\r\nSet-Cookie: a"}, "text/plain", "404 Not Found\n\n\n\n   "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := render(t, tt.rd, tt.e, tt.accept); got != tt.want {
				t.Errorf("body = %q, want %q", got, tt.want)
			}
		})
	}

	resp := (&exc.Renderer{NoSniff: true}).Response(e, newRequest("GET", "/", ""))
	if got := resp.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("NoSniff: X-Content-Type-Options = %q, want nosniff", got)
	}
}

func TestUnsendable(t *testing.T) {
	t.Parallel()
	moved := exc.Found("/ok")
	moved.Location = "/x\r\nSet-Cookie: a=b"
	tests := []struct {
		name string
		e    *exc.HTTPError
	}{
		{"nil", nil},
		{"code 0", &exc.HTTPError{}},
		{"code 1000", &exc.HTTPError{Code: 1000, Detail: "d"}},
		{"location changed to CRLF", moved},
		{"Location header with LF", exc.New(302, "").WithHeader("Location", "/x\nX: y")},
		{"constructor", exc.SeeOther("/x\rX: y")},
	}
	for _, tt := range tests {
		resp := tt.e.Response(newRequest("GET", "/a", "text/plain"))
		body, _ := resp.Body()
		if resp.StatusCode() != 500 || resp.Header().Has("Location") || strings.Contains(string(body), "Set-Cookie") {
			t.Errorf("%s: rendered %q %q %q, want a plain 500", tt.name, resp.Status(), resp.Header().Fields(), body)
		}
	}
	if e := exc.SeeOther("/x\rX: y"); !errors.Is(e, exc.ErrInvalidLocation) || e.Code != 500 {
		t.Errorf("SeeOther with CR = %d %v, want 500 matching ErrInvalidLocation", e.Code, e.Err)
	}
}

func TestRedirectLocation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		e      *exc.HTTPError
		target string
		want   string
	}{
		{"relative", exc.Found("c"), "/a/b", "http://example.com/a/c"},
		{"absolute path", exc.Found("/x?y=1"), "/a/b", "http://example.com/x?y=1"},
		{"other host", exc.Found("https://other.example/"), "/a/b", "https://other.example/"},
		{"protocol-relative", exc.Found("//evil.example/x"), "/a/b", "http://example.com/%2fevil.example/x"},
		{"protocol-relative backslash", exc.Found("//\\evil.example"), "/a/b", "http://example.com/%2f\\evil.example"},
		{"empty", exc.Found(""), "/a/b", "http://example.com/a/b"},
		{"add slash", exc.AddSlash(301), "/a/b?q=1", "http://example.com/a/b/?q=1"},
	}
	for _, tt := range tests {
		resp := tt.e.Response(newRequest("GET", tt.target, ""))
		if got := resp.Location(); got != tt.want {
			t.Errorf("%s: Location = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestAddSlashWithLocation: AddSlash and a Location together are the
// programmer's mistake (WebOb raises TypeError): a plain 500, not a guess.
func TestAddSlashWithLocation(t *testing.T) {
	t.Parallel()
	for _, e := range []*exc.HTTPError{
		{Code: 308, AddSlash: true, Location: "/elsewhere"},
		{Code: 301, AddSlash: true, Headers: []response.Field{{Name: "Location", Value: "/x"}}},
	} {
		resp := e.Response(newRequest("GET", "/a", ""))
		if resp.StatusCode() != 500 || resp.Location() != "" {
			t.Errorf("AddSlash with Location %q: %s, Location %q; want a 500 without Location", e.Location, resp.Status(), resp.Location())
		}
	}
}

func TestServeHTTP(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		h        http.Handler
		method   string
		target   string
		accept   []string
		code     int
		header   http.Header
		wantBody string
	}{
		{"plain", exc.NotFound("No user 42."), "GET", "/users/42", nil, 404,
			http.Header{"Content-Type": {"text/plain; charset=UTF-8"}, "Content-Length": {"63"}},
			"404 Not Found\n\nThe resource could not be found.\n\n No user 42.  "},
		{"json", exc.Conflict(""), "POST", "/x", []string{"application/json"}, 409,
			http.Header{"Content-Type": {"application/json"}},
			`{"message": "There was a conflict when trying to complete your request.<br /><br />\n\n\n", "code": "409 Conflict", "title": "Conflict"}`},
		{"accept joined", exc.Gone(""), "GET", "/x", []string{"text/plain;q=0.1", "application/json;q=0.5"}, 410,
			http.Header{"Content-Type": {"application/json"}}, ""},
		{"head", exc.NotFound(""), "HEAD", "/x", []string{"text/html"}, 404,
			http.Header{"Content-Type": {"text/html; charset=UTF-8"}, "Content-Length": {"0"}}, ""},
		{"redirect", exc.SeeOther("/done"), "POST", "/form", nil, 303,
			http.Header{"Location": {"http://example.com/done"}}, ""},
		{"no content", exc.NoContent(""), "DELETE", "/x", nil, 204,
			http.Header{"Content-Type": nil, "Content-Length": nil}, ""},
		{"nil", (*exc.HTTPError)(nil), "GET", "/x", nil, 500, nil, ""},
		{"Error", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			exc.Error(w, r, fmt.Errorf("db: %w", errors.New(secret)))
		}), "GET", "/x", nil, 500, nil,
			"500 Internal Server Error\n\nThe server has either erred or is incapable of performing the requested operation.\n\n   "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(tt.method, tt.target, nil)
			for _, a := range tt.accept {
				r.Header.Add("Accept", a)
			}
			w := httptest.NewRecorder()
			tt.h.ServeHTTP(w, r)
			if w.Code != tt.code {
				t.Errorf("code = %d, want %d", w.Code, tt.code)
			}
			for k, v := range tt.header {
				if got := w.Header()[k]; strings.Join(got, ",") != strings.Join(v, ",") {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if tt.wantBody != "" && w.Body.String() != tt.wantBody {
				t.Errorf("body = %q, want %q", w.Body.String(), tt.wantBody)
			}
			if tt.method == "HEAD" && w.Body.Len() != 0 {
				t.Errorf("HEAD body = %q, want none", w.Body.String())
			}
		})
	}
}

// TestConcurrentServe serves one shared value from many goroutines; run
// with -race.
func TestConcurrentServe(t *testing.T) {
	t.Parallel()
	shared := exc.Found("next").WithHeader("X-A", "1")
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := httptest.NewRequest("GET", fmt.Sprintf("/p%d/q", i), nil)
			w := httptest.NewRecorder()
			shared.ServeHTTP(w, r)
			if want := fmt.Sprintf("http://example.com/p%d/next", i); w.Header().Get("Location") != want {
				t.Errorf("Location = %q, want %q", w.Header().Get("Location"), want)
			}
		}()
	}
	wg.Wait()
	if shared.Location != "next" {
		t.Errorf("serving changed Location to %q", shared.Location)
	}
}

// FuzzHTMLEscaping checks that nothing from the request or the error
// fields adds markup to an HTML page: the number of '<' in the page does
// not depend on them.
func FuzzHTMLEscaping(f *testing.F) {
	f.Add(404, "<script>alert(1)</script>", "GET", "text/plain", "/x")
	f.Add(405, "d", "<img src=x onerror=alert(1)>", "", "")
	f.Add(406, "", "GET", "", "")
	f.Add(415, "", "GET", "<svg onload=alert(1)>", "")
	f.Add(302, "<", "GET", "", `"><script>`)
	f.Add(501, "é<", "\"'<>&", "", "")
	f.Add(462, "", "0", "0", "")
	f.Fuzz(func(t *testing.T, code int, detail, method, ctype, location string) {
		if code < 200 || code > 599 || method == "HEAD" {
			return
		}
		markup := func(e *exc.HTTPError, method, ctype, accept string) int {
			req := newRequest(method, "/a/b", "text/html")
			req.Environ["CONTENT_TYPE"] = ctype
			req.Environ["HTTP_ACCEPT"] = "text/html;" + accept
			if accept == "" {
				req.Environ["HTTP_ACCEPT"] = "text/html"
			}
			b, err := (&exc.Renderer{ShowComment: true}).Response(e, req).Body()
			if err != nil {
				t.Fatal(err)
			}
			return strings.Count(string(b), "<")
		}
		e := exc.New(code, detail).WithComment(detail)
		e.Location = location
		plain := exc.New(code, "")
		if detail != "" {
			plain.Comment = "c" // an empty comment renders no "<!-- -->"
		}
		plain.Location = "x"
		got := markup(e, method, ctype, "")
		if strings.ContainsAny(location, "\r\n") && e.Code >= 300 && e.Code < 400 {
			return // rendered as a 500
		}
		if want := markup(plain, "GET", "", ""); got != want {
			t.Errorf("page for %d with %q, %q, %q, %q has %d '<', want %d", code, detail, method, ctype, location, got, want)
		}
	})
}

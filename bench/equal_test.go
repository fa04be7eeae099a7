package bench

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/webob"
)

// answer is what the equality tests compare.
type answer struct {
	code        int
	contentType string // media type and lower-cased charset
	body        string
}

func (a answer) String() string {
	return fmt.Sprintf("%d %s %q", a.code, a.contentType, a.body)
}

// normContentType keeps the media type and the charset, lower-cased, so
// that gin's "charset=utf-8" and gowebob's "charset=UTF-8" compare equal.
// JSON has no charset parameter (RFC 8259): gin's is dropped.
func normContentType(tb testing.TB, v string) string {
	tb.Helper()
	mt, params, err := mime.ParseMediaType(v)
	if err != nil {
		tb.Fatalf("ParseMediaType(%q): %v", v, err)
	}
	if cs, ok := params["charset"]; ok && mt != "application/json" {
		return mt + "; charset=" + strings.ToLower(cs)
	}
	return mt
}

// serve answers it with h through httptest, as a test would.
func serve(tb testing.TB, h http.Handler, it Item) answer {
	tb.Helper()
	r, _ := it.Template()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return answer{rec.Code, normContentType(tb, rec.Header().Get("Content-Type")), rec.Body.String()}
}

// sameAnswer reports whether got and want are the same answer: the same
// status and content type, and the same body, byte for byte, except for
// JSON, where the documents must be equal (each framework's encoder spaces
// and escapes JSON its own way).
func sameAnswer(tb testing.TB, got, want answer) bool {
	tb.Helper()
	if got.code != want.code || got.contentType != want.contentType {
		return false
	}
	if got.contentType != "application/json" {
		return got.body == want.body
	}
	var g, w any
	if err := json.Unmarshal([]byte(got.body), &g); err != nil {
		tb.Errorf("body %q: %v", got.body, err)
		return false
	}
	if err := json.Unmarshal([]byte(want.body), &w); err != nil {
		tb.Fatalf("want %q: %v", want.body, err)
	}
	return reflect.DeepEqual(g, w)
}

// corpusWant is the answer every framework must give to each item.
var corpusWant = map[string]answer{
	"hello": {200, "text/html; charset=utf-8", HelloBody},
	"query": {200, "text/plain; charset=utf-8", "q=gopher books\npage=3\nper_page=25\nsort=price\norder=desc\n" +
		"lang=en\nfrom=2024-01-01\nto=2024-12-31\ntag=go/web\nfilter=in_stock\n"},
	"form": {200, "text/plain; charset=utf-8", "firstname=Ada\nlastname=Lovelace\nemail=ada@example.com\n" +
		"phone=+442071234567\nstreet=12 St James's Square\ncity=London\nzip=SW1Y 4JH\ncountry=GB\n" +
		"company=Analytical Engines\nmessage=Hello & welcome!\n"},
	"multipart": {200, "text/plain; charset=utf-8",
		fmt.Sprintf("title=Quarterly numbers\nfile=data.bin size=65536 crc32=%08x\n", crc32.ChecksumIEEE(Upload))},
	"cookies": {200, "text/plain; charset=utf-8", "session=8f14e45fceea167a5a36dedd4bea2543\n" +
		"csrf=c9f0f895fb98ab9159f51fd0297e236d\ntheme=dark\nlang=fr\ntz=Europe/Paris\ncart=3\nab=b\n" +
		"seen=1712345678\nconsent=yes\nref=newsletter\ntype=text/html\nlang=fr\n"},
	"bind": {200, "text/plain; charset=utf-8", "welcome Ada Lovelace <ada@example.com> age=36 country=GB " +
		"zip=12345 phone=+442071234567 website=https://example.com/ada terms=true\n"},
	"error": {404, "application/json",
		`{"message": "The resource could not be found.<br /><br />\nNo item 42.\n\n", "code": "404 Not Found", "title": "Not Found"}`},
}

// TestCorpusEqual checks that every framework gives the same answer to
// every corpus item, through httptest and through the benchmarks' runner
// (three runs in a row, so that reusing the request and writer is checked
// too).
func TestCorpusEqual(t *testing.T) {
	for _, it := range Corpus {
		want, ok := corpusWant[it.Name]
		if !ok {
			t.Fatalf("no expected answer for %q", it.Name)
		}
		for _, fw := range frameworks {
			t.Run(it.Name+"/"+fw.name, func(t *testing.T) {
				if got := serve(t, fw.h, it); !sameAnswer(t, got, want) {
					t.Errorf("%s %s:\n got %v\nwant %v", it.Method, it.Target, got, want)
				}
				r := newRunner(fw.h, it)
				for i := range 3 {
					r.run()
					got := answer{r.w.code, normContentType(t, r.w.header.Get("Content-Type")), r.w.body.String()}
					if !sameAnswer(t, got, want) {
						t.Errorf("run %d of %s %s:\n got %v\nwant %v", i, it.Method, it.Target, got, want)
					}
				}
			})
		}
	}
}

// TestSignupInvalid checks that every framework really validates the
// "bind" item: each of these forms breaks one rule and must get a 422.
func TestSignupInvalid(t *testing.T) {
	good, err := url.ParseQuery(SignupBody)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ field, value string }{
		{"name", "A"},
		{"email", "not-an-email"},
		{"age", "17"},
		{"country", "gb"},
		{"zip", "1234"},
		{"phone", "0207123"},
		{"website", "not a url"},
		{"password", "short"},
		{"confirm", "something else"},
		{"terms", "false"},
	}
	for _, tt := range tests {
		form := url.Values{}
		for k, v := range good {
			form[k] = v
		}
		form.Set(tt.field, tt.value)
		if tt.field == "password" {
			form.Set("confirm", tt.value)
		}
		it := Corpus[5]
		it.Body = []byte(form.Encode())
		for _, fw := range frameworks {
			t.Run(tt.field+"/"+fw.name, func(t *testing.T) {
				got := serve(t, fw.h, it)
				if got.code != http.StatusUnprocessableEntity {
					t.Errorf("%s=%q: got %v, want a 422", tt.field, tt.value, got)
				}
			})
		}
	}
}

// TestNegotiationHelpers checks the helpers the other frameworks use
// against gowebob's parsers on the corpus header and a few others.
func TestNegotiationHelpers(t *testing.T) {
	accepts := []string{
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		"application/json",
		"text/*;q=0.5, application/json;q=0.4",
		"*/*",
	}
	for _, h := range accepts {
		want := header.ParseAccept(h).BestMatch(MediaOffers)
		if got := bestMedia(h, MediaOffers); got != want {
			t.Errorf("bestMedia(%q) = %q, want %q", h, got, want)
		}
	}
	languages := []string{
		"fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5",
		"de-AT",
		"es, en-GB;q=0.5",
		"es",
		"en-x-private, fr;q=0.1",
	}
	for _, h := range languages {
		want := header.ParseAcceptLanguage(h).Lookup(LanguageOffers, DefaultLanguage)
		if got := lookupLanguage(h, LanguageOffers, DefaultLanguage); got != want {
			t.Errorf("lookupLanguage(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestHelloWebOb checks that HelloWebOb (net/http alone) answers byte for
// byte what examples/pages.HelloWebOb answers through webob.Handle.
func TestHelloWebOb(t *testing.T) {
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	tests := []Item{
		{Name: "plain", Method: "GET", Target: "/hello_webob"},
		{Name: "query", Method: "GET", Target: "/hello_webob?firstname=Ada&lastname=Lovelace"},
		{Name: "escapes", Method: "GET", Target: `/hello_webob?firstname=%3Cb%3E&lastname=O%27Brien+%26+%22co%22&x=1;y=2&x=3&empty&=v`},
		{Name: "bad escape", Method: "GET", Target: "/hello_webob?a=%zz&b=%41"},
		{Name: "post", Method: "POST", Target: "/hello_webob", Header: form, Body: []byte(FormBody)},
		{Name: "post and query", Method: "POST", Target: "/hello_webob?firstname=Q&z=1", Header: form,
			Body: []byte("firstname=F&lastname=L;semi&lastname=L2")},
		{Name: "post not a form", Method: "POST", Target: "/hello_webob", Header: http.Header{"Content-Type": {"text/plain"}},
			Body: []byte("firstname=F")},
	}
	raw := http.HandlerFunc(HelloWebOb)
	gw := webob.Handle(pages.HelloWebOb)
	for _, it := range append(tests, helloWebObItems...) {
		t.Run(it.Name, func(t *testing.T) {
			r1, _ := it.Template()
			r2, _ := it.Template()
			got, want := httptest.NewRecorder(), httptest.NewRecorder()
			raw.ServeHTTP(got, r1)
			gw.ServeHTTP(want, r2)
			if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") ||
				got.Body.String() != want.Body.String() {
				t.Errorf("%s %s:\n got %d %q %q\nwant %d %q %q", it.Method, it.Target,
					got.Code, got.Header().Get("Content-Type"), got.Body.String(),
					want.Code, want.Header().Get("Content-Type"), want.Body.String())
			}
		})
	}
}

// TestLuaBody checks that load.sh's POST sends the corpus form.
func TestLuaBody(t *testing.T) {
	lua, err := os.ReadFile("post.lua")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lua), `wrk.body = "`+FormBody+`"`) {
		t.Errorf("post.lua does not send FormBody %q", FormBody)
	}
}

// TestWWWPages checks that the gowebob serve docroot (www/) serves the
// corpus pages: its hello.go and form.go carry the same body and keys.
func TestWWWPages(t *testing.T) {
	checks := []struct{ file, want string }{
		{"hello.go", fmt.Sprintf("const helloBody = %q", HelloBody)},
		{"form.go", fmt.Sprintf("var formKeys = %#v", FormKeys)},
		{"hello_webob.go", "return pages.HelloWebOb(req)"},
	}
	for _, c := range checks {
		src, err := os.ReadFile("www/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), c.want) {
			t.Errorf("www/%s does not contain %s", c.file, c.want)
		}
	}
}

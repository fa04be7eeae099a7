package bench

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
)

// Item is one request of the corpus.
type Item struct {
	// Name names the sub-benchmark: BenchmarkCorpus/<Name>/<framework>.
	Name string

	// Method and Target are the request line; Target is a path with a query.
	Method, Target string

	// Header holds the request headers, Content-Type included.
	Header http.Header

	// Body is the request body, nil for none.
	Body []byte
}

// Corpus is the shared set of requests every framework answers.
var Corpus = []Item{
	{Name: "hello", Method: "GET", Target: "/hello"},
	{Name: "query", Method: "GET", Target: "/query?" + QueryString},
	{
		Name: "form", Method: "POST", Target: "/form",
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		Body:   []byte(FormBody),
	},
	{
		Name: "multipart", Method: "POST", Target: "/upload",
		Header: http.Header{"Content-Type": {"multipart/form-data; boundary=" + multipartBoundary}},
		Body:   multipartBody,
	},
	{
		Name: "cookies", Method: "GET", Target: "/prefs",
		Header: http.Header{
			"Cookie":          {CookieHeader},
			"Accept":          {"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
			"Accept-Language": {"fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"},
		},
	},
	{
		Name: "bind", Method: "POST", Target: "/signup",
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		Body:   []byte(SignupBody),
	},
	{
		Name: "error", Method: "GET", Target: "/items/42",
		Header: http.Header{"Accept": {"application/json"}},
	},
}

// QueryKeys are the ten query parameters of the "query" item, in the order
// the handlers read them.
var QueryKeys = []string{"q", "page", "per_page", "sort", "order", "lang", "from", "to", "tag", "filter"}

// QueryString is the query of the "query" item.
const QueryString = "q=gopher+books&page=3&per_page=25&sort=price&order=desc&lang=en&from=2024-01-01&to=2024-12-31&tag=go%2Fweb&filter=in_stock"

// FormKeys are the ten fields of the "form" item (and of the wrk POST),
// in the order the handlers read them.
var FormKeys = []string{"firstname", "lastname", "email", "phone", "street", "city", "zip", "country", "company", "message"}

// FormBody is the urlencoded body of the "form" item. post.lua sends the
// same body (TestLuaBody checks it).
const FormBody = "firstname=Ada&lastname=Lovelace&email=ada%40example.com&phone=%2B442071234567&street=12+St+James%27s+Square&city=London&zip=SW1Y+4JH&country=GB&company=Analytical+Engines&message=Hello+%26+welcome%21"

// CookieNames are the ten cookies of the "cookies" item.
var CookieNames = []string{"session", "csrf", "theme", "lang", "tz", "cart", "ab", "seen", "consent", "ref"}

// CookieHeader is the Cookie header of the "cookies" item.
const CookieHeader = "session=8f14e45fceea167a5a36dedd4bea2543; csrf=c9f0f895fb98ab9159f51fd0297e236d; theme=dark; lang=fr; tz=Europe/Paris; cart=3; ab=b; seen=1712345678; consent=yes; ref=newsletter"

// MediaOffers and LanguageOffers are what the "cookies" item negotiates.
var (
	MediaOffers    = []string{"application/json", "text/html"}
	LanguageOffers = []string{"en", "de", "fr"}
)

// DefaultLanguage is the language chosen when no offer is acceptable.
const DefaultLanguage = "en"

// SignupBody is the 10-field form the "bind" item binds into a Signup.
const SignupBody = "name=Ada+Lovelace&email=ada%40example.com&age=36&country=GB&zip=12345&phone=%2B442071234567&website=https%3A%2F%2Fexample.com%2Fada&password=correct+horse&confirm=correct+horse&terms=true"

// Upload is the 64 KiB file of the "multipart" item.
var Upload = func() []byte {
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(i*7 + i>>8)
	}
	return b
}()

// UploadName and UploadTitle are the file name and the text field sent
// with Upload.
const (
	UploadName  = "data.bin"
	UploadTitle = "Quarterly numbers"
)

const multipartBoundary = "----gowebobbench7MA4YWxkTrZu0gW"

var multipartBody = func() []byte {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.SetBoundary(multipartBoundary); err != nil {
		panic(err)
	}
	if err := mw.WriteField("title", UploadTitle); err != nil {
		panic(err)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+UploadName+`"`)
	h.Set("Content-Type", "application/octet-stream")
	w, err := mw.CreatePart(h)
	if err != nil {
		panic(err)
	}
	w.Write(Upload)
	if err := mw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}()

// Template returns the item as an *http.Request, as httptest.NewRequest
// builds it (RemoteAddr 192.0.2.1:1234, Host example.com), with a body that
// Reset rewinds.
func (it Item) Template() (*http.Request, *Body) {
	r := httptest.NewRequest(it.Method, it.Target, nil)
	for k, v := range it.Header {
		r.Header[k] = v
	}
	b := &Body{data: it.Body}
	b.Reset()
	if it.Body != nil {
		r.ContentLength = int64(len(it.Body))
		r.Body = b
	} else {
		r.Body = http.NoBody
	}
	return r, b
}

// Body is a request body that can be rewound without allocating.
type Body struct {
	bytes.Reader
	data []byte
}

// Reset rewinds the body to its start.
func (b *Body) Reset() { b.Reader.Reset(b.data) }

// Close implements io.Closer.
func (b *Body) Close() error { return nil }

// Expected answers, shared by every framework's handlers and checked by
// TestCorpusEqual.

// HelloBody is the page the "hello" item gets.
const HelloBody = "<html><body><h1>Hello, world!</h1></body></html>"

// lines writes "key=value\n" for each key and its value, as every
// text-answering handler does.
func lines(keys []string, get func(string) string) string {
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(get(k))
		b.WriteByte('\n')
	}
	return b.String()
}

// uploadSummary is the "multipart" item's answer.
func uploadSummary(title, filename string, size int64, sum uint32) string {
	return fmt.Sprintf("title=%s\nfile=%s size=%d crc32=%08x\n", title, filename, size, sum)
}

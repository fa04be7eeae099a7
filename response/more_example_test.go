package response_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gowebob/gowebob/response"
)

// MD5ETag with SetContentMD5 is WebOb's md5_etag(set_content_md5=True).
func ExampleResponse_MD5ETag() {
	r := response.New()
	r.SetBody([]byte("hello world"))
	_ = r.MD5ETag(response.MD5Options{SetContentMD5: true})
	tag, strong, _ := r.ETag()
	fmt.Println(tag, strong, r.ContentMD5())
	// Output: XrY7u+Ae7tCTyyK7j1rNww true XrY7u+Ae7tCTyyK7j1rNww==
}

// Setting the body drops a Content-MD5 that no longer matches it.
func ExampleResponse_SetContentMD5() {
	r := response.New()
	_ = r.SetContentMD5("XrY7u+Ae7tCTyyK7j1rNww==")
	fmt.Printf("%q\n", r.ContentMD5())
	r.SetBody([]byte("x"))
	fmt.Printf("%q\n", r.ContentMD5())
	fmt.Println(r.SetContentMD5("a\r\nb"))
	// Output:
	// "XrY7u+Ae7tCTyyK7j1rNww=="
	// ""
	// response: invalid Content-MD5 header value "a\r\nb"
}

// MergeCookiesHandler hands the cookies of a Response to a handler that
// writes its own answer.
func ExampleResponse_MergeCookiesHandler() {
	filled := response.New()
	_ = filled.SetCookie("session", "abc", response.CookieOptions{})
	files := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "file")
	})
	rec := httptest.NewRecorder()
	filled.MergeCookiesHandler(files).ServeHTTP(rec, httptest.NewRequest("GET", "/f", nil))
	fmt.Println(rec.Header().Get("Set-Cookie"), rec.Body.String())
	// Output: session=abc; Path=/ file
}

// An API's responses default to JSON and answer conditional requests, as a
// WebOb Response subclass with default_content_type and
// default_conditional_response would.
func ExampleDefaults() {
	api := response.Defaults{ContentType: "application/json", ConditionalResponse: true}
	r := api.New()
	fmt.Println(r.Header().Get("Content-Type"), r.ConditionalResponse)
	page := response.Defaults{ContentType: "text/plain", Charset: "latin-1"}.New()
	_ = page.SetText("café")
	b, _ := page.Body()
	fmt.Printf("%s %q\n", page.Header().Get("Content-Type"), b)
	// Output:
	// application/json true
	// text/plain; charset=latin-1 "caf\xe9"
}

// BodyEncoding is the charset of text when the Content-Type has none.
func ExampleDefaults_New() {
	r := response.Defaults{ContentType: "application/octet-stream", BodyEncoding: "latin-1"}.New()
	_ = r.SetText("été")
	b, _ := r.Body()
	fmt.Printf("%s %q\n", r.Header().Get("Content-Type"), b)
	// Output: application/octet-stream "\xe9t\xe9"
}

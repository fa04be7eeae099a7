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

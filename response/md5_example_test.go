package response_test

import (
	"fmt"

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

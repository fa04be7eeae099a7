package webobtest_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webobtest"
)

// NewRequest makes a Request for a test without an error to check, and
// FromRecorder reads what a handler wrote as a Response.
func Example() {
	req := webobtest.NewRequest("/hello?name=Ada", &request.BlankOptions{Method: "POST"})
	fmt.Println(req.Method(), req.URL())

	rec := httptest.NewRecorder()
	resp := response.New()
	_ = resp.SetText("hi")
	resp.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	got := webobtest.FromRecorder(rec)
	text, _ := got.Text()
	fmt.Println(got.Status(), got.ContentType(), text)
	// Output:
	// POST http://localhost/hello?name=Ada
	// 200 OK text/html hi
}

package response_test

import (
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/gowebob/gowebob/response"
)

// A Response is built like WebOb's and served as an http.Handler.
func ExampleNew() {
	resp := response.New()
	resp.SetStatusCode(201)
	resp.SetContentType("text/plain")
	resp.SetText("created\n")
	resp.SetLocation("/items/42") // made absolute when written

	rec := httptest.NewRecorder()
	resp.ServeHTTP(rec, httptest.NewRequest("POST", "http://example.com/items", nil))
	fmt.Println(rec.Code, rec.Header().Get("Location"))
	fmt.Println(rec.Header().Get("Content-Type"), rec.Header().Get("Content-Length"))
	fmt.Print(rec.Body.String())
	// Output:
	// 201 http://example.com/items/42
	// text/plain; charset=UTF-8 8
	// created
}

// String gives WebOb's str(resp).
func ExampleResponse_String() {
	resp, _ := response.NewJSON(map[string]any{"name": "Zoë", "tags": []string{"<b>"}})
	fmt.Printf("%q\n", resp.String())
	// Output:
	// "200 OK\r\nContent-Type: application/json\r\nContent-Length: 34\r\n\r\n{\"name\":\"Zo\\u00eb\",\"tags\":[\"<b>\"]}"
}

// Cookies are written exactly as WebOb writes them; values outside the
// RFC 6265 set are quoted with octal escapes, and header injection is
// refused.
func ExampleResponse_SetCookie() {
	resp := response.New()
	resp.SetCookie("session", "abc123", response.CookieOptions{
		Path: "/app", Secure: true, HTTPOnly: true, SameSite: "Lax",
	})
	resp.SetCookie("greeting", "hello, world", response.CookieOptions{})
	resp.DeleteCookie("old", "", "")
	for _, v := range resp.Header().Values("Set-Cookie") {
		fmt.Println(v)
	}
	err := resp.SetCookie("evil", "x\r\nSet-Cookie: admin=1", response.CookieOptions{})
	fmt.Println(err)
	// Output:
	// session=abc123; Path=/app; secure; HttpOnly; SameSite=Lax
	// greeting="hello\054 world"; Path=/
	// old=; Max-Age=0; Path=/; expires=Wed, 31-Dec-97 23:59:59 GMT
	// response: invalid cookie "evil": value may not contain CR or LF
}

// With ConditionalResponse set, the same Response answers conditional GETs
// with 304 and Range requests with 206, as WebOb's conditional_response_app.
func ExampleResponse_conditional() {
	resp := response.New()
	resp.SetContentType("text/plain")
	resp.SetBody([]byte("0123456789"))
	resp.SetETag("v1", true)
	resp.SetLastModified(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	resp.ConditionalResponse = true

	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("If-None-Match", `"v1"`)
	got := response.Capture(resp, req)
	fmt.Println(got.Status(), got.HasBody())

	req = httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Range", "bytes=2-5")
	got = response.Capture(resp, req)
	body, _ := got.Body()
	fmt.Println(got.Status(), got.Header().Get("Content-Range"), string(body))

	req = httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Range", "bytes=20-")
	got = response.Capture(resp, req)
	text, _ := got.Text()
	fmt.Println(got.Status(), got.Header().Get("Content-Range"), text)
	// Output:
	// 304 Not Modified false
	// 206 Partial Content bytes 2-5/10 2345
	// 416 Requested Range Not Satisfiable bytes */10 Requested range not satisfiable: bytes=20-
}

// Get runs any http.Handler and returns what it wrote as a Response.
func ExampleGet() {
	h := response.New()
	h.SetStatusCode(404)
	h.SetText("no such page")
	got := response.Capture(h, httptest.NewRequest("GET", "/missing", nil))
	text, _ := got.Text()
	fmt.Println(got.Status(), text)
	// Output:
	// 404 Not Found no such page
}

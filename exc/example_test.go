package exc_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

// findUser stands for an application function that fails.
func findUser(id string) (string, error) {
	if id != "1" {
		return "", fmt.Errorf("findUser %s: %w", id, exc.NotFound("No such user."))
	}
	return "Ada", nil
}

// A handler returns an *HTTPError like any other error, wrapped or not;
// exc.Error sends it, rendered for the request. Without an Accept header
// the body is plain text, as in WebOb.
func ExampleNotFound() {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, err := findUser(r.URL.Query().Get("id"))
		if err != nil {
			exc.Error(w, r, err)
			return
		}
		fmt.Fprintln(w, name)
	})

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/users?id=7", nil))
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Printf("%q\n", w.Body.String())
	// Output:
	// 404 text/plain; charset=UTF-8
	// "404 Not Found\n\nThe resource could not be found.\n\n No such user.  "
}

// A redirect is an http.Handler too; its relative location is resolved
// against the request URL.
func ExampleSeeOther() {
	w := httptest.NewRecorder()
	exc.SeeOther("../done").ServeHTTP(w, httptest.NewRequest("POST", "/orders/new", nil))
	fmt.Println(w.Code, w.Header().Get("Location"))
	// Output:
	// 303 http://example.com/done
}

// AddSlash redirects to the same URL with a trailing slash.
func ExampleAddSlash() {
	w := httptest.NewRecorder()
	exc.AddSlash(301).ServeHTTP(w, httptest.NewRequest("GET", "/docs?page=2", nil))
	fmt.Println(w.Code, w.Header().Get("Location"))
	// Output:
	// 301 http://example.com/docs/?page=2
}

// A client that prefers JSON gets a JSON object, byte for byte as WebOb
// writes it.
func ExampleHTTPError_json() {
	r := httptest.NewRequest("DELETE", "/items/3", nil)
	r.Header.Set("Accept", "application/json")
	w := httptest.NewRecorder()
	exc.MethodNotAllowed("GET", "HEAD").ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Allow"), w.Header().Get("Content-Type"))
	fmt.Println(w.Body.String())
	// Output:
	// 405 GET, HEAD application/json
	// {"message": "The method DELETE is not allowed for this resource. <br /><br />\n", "code": "405 Method Not Allowed", "title": "Method Not Allowed"}
}

// An HTML client gets a page in which the detail is escaped.
func ExampleHTTPError_html() {
	r := httptest.NewRequest("GET", "/search", nil)
	r.Header.Set("Accept", "text/html")
	w := httptest.NewRecorder()
	exc.BadRequest(`Unknown field "<q>".`).ServeHTTP(w, r)
	for line := range strings.Lines(w.Body.String()) {
		if line != "\n" { // blank lines left out here
			fmt.Print(line)
		}
	}
	// Output:
	// <html>
	//  <head>
	//   <title>400 Bad Request</title>
	//  </head>
	//  <body>
	//   <h1>400 Bad Request</h1>
	//   The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />
	// Unknown field &quot;&lt;q&gt;&quot;.
	//  </body>
	// </html>
}

// FromError maps any error to the response to send: request errors to
// their 4xx status, other errors to a 500 that keeps the cause for the log
// only.
func ExampleFromError() {
	errs := []error{
		fmt.Errorf("update: %w", exc.Conflict("Version 3 is not the latest.")),
		&request.TooLargeError{What: "body", Limit: 1 << 20},
		errors.New("pq: connection refused"),
	}
	for _, err := range errs {
		e := exc.FromError(err)
		fmt.Printf("%d %q (log: %v)\n", e.Code, e.Error(), e.Err)
	}
	// Output:
	// 409 "Version 3 is not the latest." (log: <nil>)
	// 413 "Limit of 1048576 exceeded for the request body." (log: request: body larger than the limit of 1048576)
	// 500 "The server has either erred or is incapable of performing the requested operation." (log: pq: connection refused)
}

// StatusCode and Message read any error, wrapped or not.
func ExampleStatusCode() {
	err := fmt.Errorf("loading page: %w", exc.Forbidden("Members only."))
	fmt.Println(exc.StatusCode(err), exc.Message(err))
	fmt.Println(exc.StatusCode(errors.New("boom")), exc.Message(errors.New("boom")))
	// Output:
	// 403 Members only.
	// 500 The server has either erred or is incapable of performing the requested operation.
}

// An application keeps one Renderer for its own templates and renders
// every error with it.
func ExampleRenderer() {
	rd := &exc.Renderer{
		BodyTemplates: map[int]string{404: "Nothing lives at ${PATH_INFO}. ${detail}"},
		PlainTemplate: "${title}: ${body}",
		NoSniff:       true,
	}
	w := httptest.NewRecorder()
	rd.Error(w, httptest.NewRequest("GET", "/old-page", nil), exc.NotFound("Try /new-page."))
	fmt.Println(w.Code, w.Header().Get("X-Content-Type-Options"))
	fmt.Println(w.Body.String())
	// Output:
	// 404 nosniff
	// Not Found: Nothing lives at /old-page. Try /new-page.
}

// Response gives the response as a value, for tests or for a caller that
// writes it itself.
func ExampleHTTPError_Response() {
	req := webobtest.NewRequest("/a/b", nil)
	resp := exc.Found("c").WithHeader("Cache-Control", "no-store").Response(req)
	fmt.Println(resp.Status())
	for name, value := range resp.Header().All() {
		fmt.Printf("%s: %s\n", name, value)
	}
	// Output:
	// 302 Found
	// Cache-Control: no-store
	// Location: http://localhost/a/c
	// Content-Length: 100
	// Content-Type: text/plain; charset=UTF-8
}

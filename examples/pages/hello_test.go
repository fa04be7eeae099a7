package pages_test

import (
	"net/http"
	"testing"

	"github.com/gowebob/gowebob/examples/pages"
)

func TestHello(t *testing.T) {
	const page = "<html><body><h1>Hello, world!</h1></body></html>"
	headers := map[string]string{"Content-Type": "text/html", "Content-Length": "48"}
	runPageTests(t, http.HandlerFunc(pages.Hello), []pageTest{
		{name: "root", target: "/", wantStatus: 200, wantHeader: headers, wantBody: page},
		{name: "any path and query", target: "/a/b?x=1", wantStatus: 200, wantHeader: headers, wantBody: page},
		{name: "post", method: "POST", target: "/", body: "a=1", wantStatus: 200, wantHeader: headers, wantBody: page},
	})
}

package pages_test

import (
	"testing"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// helloPage is hello_webob.py's page with its five holes filled.
func helloPage(url, first, last, path, items string) string {
	return "<html><head><title>Hello WebOb</title></head><body>\n" +
		"<form method=\"POST\" action=\"" + url + "\">\n" +
		"<p>First name: <input type=\"text\" name=\"firstname\" value=\"" + first + "\"></p>\n" +
		"<p>Last name: <input type=\"text\" name=\"lastname\" value=\"" + last + "\"></p>\n" +
		"<input type=\"submit\" value=\"Send\">\n" +
		"</form>\n" +
		"<p>Path info: " + path + "</p>\n" +
		"<ul>" + items + "</ul>\n" +
		"</body></html>"
}

func TestHelloWebOb(t *testing.T) {
	html := map[string]string{"Content-Type": "text/html; charset=UTF-8"}
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	runPageTests(t, webob.Handle(pages.HelloWebOb), []pageTest{
		{name: "empty", target: "/", wantStatus: 200, wantHeader: html,
			wantBody: helloPage("http://example.com/", "", "", "/", "")},
		{name: "names from the query", target: "/a/b?firstname=Ada&lastname=Lovelace",
			wantStatus: 200, wantHeader: html,
			wantBody: helloPage("http://example.com/a/b", "Ada", "Lovelace", "/a/b",
				"<li>firstname = Ada</li><li>lastname = Lovelace</li>")},
		{name: "last value wins, every pair listed", target: "/?firstname=a&x=1&firstname=b",
			wantStatus: 200, wantHeader: html,
			wantBody: helloPage("http://example.com/", "b", "", "/",
				"<li>firstname = a</li><li>x = 1</li><li>firstname = b</li>")},
		{name: "escaped as html.escape", target: "/%3Cp%3E?firstname=%22%27%26%3C%3E&%3Ck%3E=v",
			wantStatus: 200, wantHeader: html,
			wantBody: helloPage("http://example.com/%3Cp%3E", "&quot;&#x27;&amp;&lt;&gt;", "", "/&lt;p&gt;",
				"<li>firstname = &quot;&#x27;&amp;&lt;&gt;</li><li>&lt;k&gt; = v</li>")},
		{name: "query before form", method: "POST", target: "/f?firstname=Q", header: form,
			body: "firstname=F&lastname=L", wantStatus: 200, wantHeader: html,
			wantBody: helloPage("http://example.com/f", "Q", "L", "/f",
				"<li>firstname = Q</li><li>firstname = F</li><li>lastname = L</li>")},
		{name: "unicode", target: "/%C3%A9?firstname=J%C3%BCrgen", wantStatus: 200, wantHeader: html,
			wantBody: helloPage("http://example.com/%C3%A9", "Jürgen", "", "/é", "<li>firstname = Jürgen</li>")},
		{name: "query not UTF-8 is a 400", target: "/?firstname=%FF", wantStatus: 400,
			wantHeader: map[string]string{"Content-Type": "text/plain; charset=UTF-8"},
			wantBody: "400 Bad Request\n\nThe server could not comply with the request since it is either malformed or otherwise incorrect.\n\n" + // exc renders WebOb's plain-text template
				" The request could not be decoded in its charset.  "},
	})
}

func TestHelloWebObMounted(t *testing.T) {
	h := webob.Mounted("/hello_webob.py", webob.Handle(pages.HelloWebOb))
	runPageTests(t, h, []pageTest{
		{name: "form posts to the path URL", target: "/hello_webob.py/x/y?lastname=L", wantStatus: 200,
			wantHeader: map[string]string{"Content-Type": "text/html; charset=UTF-8"},
			wantBody:   helloPage("http://example.com/hello_webob.py/x/y", "", "L", "/x/y", "<li>lastname = L</li>")},
	})
}

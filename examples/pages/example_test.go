package pages_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// Hello is a plain net/http handler.
func ExampleHello() {
	w := httptest.NewRecorder()
	http.HandlerFunc(pages.Hello).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Println(w.Body)
	// Output:
	// 200 text/html
	// <html><body><h1>Hello, world!</h1></body></html>
}

// HelloWebOb mounted at /hello_webob.py, as gowebob serve or mod_wsgi would
// mount it: the form posts back to the page's own URL.
func ExampleHelloWebOb() {
	h := webob.Mounted("/hello_webob.py", webob.Handle(pages.HelloWebOb))
	r := httptest.NewRequest("POST", "/hello_webob.py/greet?firstname=Ada", strings.NewReader("lastname=Lovelace+%26+co"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Println(w.Body)
	// Output:
	// 200 text/html; charset=UTF-8
	// <html><head><title>Hello WebOb</title></head><body>
	// <form method="POST" action="http://example.com/hello_webob.py/greet">
	// <p>First name: <input type="text" name="firstname" value="Ada"></p>
	// <p>Last name: <input type="text" name="lastname" value="Lovelace &amp; co"></p>
	// <input type="submit" value="Send">
	// </form>
	// <p>Path info: /greet</p>
	// <ul><li>firstname = Ada</li><li>lastname = Lovelace &amp; co</li></ul>
	// </body></html>
}

// Environ answers with the environ as text, or as JSON when the client
// prefers it.
func ExampleEnviron() {
	h := webob.Mounted("/environ.py", webob.Handle(pages.Environ))
	r := httptest.NewRequest("GET", "/environ.py/a?x=1", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Header().Get("Content-Type"))
	fmt.Print(w.Body)

	r.Header.Set("Accept", "application/json")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Header().Get("Content-Type"))
	fmt.Println(w.Body)
	// Output:
	// text/plain; charset=UTF-8
	// HTTP_HOST: example.com
	// PATH_INFO: /a
	// QUERY_STRING: x=1
	// REMOTE_ADDR: 192.0.2.1
	// REMOTE_PORT: 1234
	// REQUEST_METHOD: GET
	// REQUEST_URI: /environ.py/a?x=1
	// SCRIPT_NAME: /environ.py
	// SERVER_NAME: example.com
	// SERVER_PORT: 80
	// SERVER_PROTOCOL: HTTP/1.1
	// wsgi.url_scheme: http
	// application/json
	// {"HTTP_ACCEPT": "application/json", "HTTP_HOST": "example.com", "PATH_INFO": "/a", "QUERY_STRING": "x=1", "REMOTE_ADDR": "192.0.2.1", "REMOTE_PORT": "1234", "REQUEST_METHOD": "GET", "REQUEST_URI": "/environ.py/a?x=1", "SCRIPT_NAME": "/environ.py", "SERVER_NAME": "example.com", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http"}
}

// Inspect answers with a JSON document written as Python's json.dumps
// writes it, keys sorted and non-ASCII escaped.
func ExampleInspect() {
	h := webob.Mounted("/inspect.py", webob.Handle(pages.Inspect))
	r := httptest.NewRequest("GET", "/inspect.py/caf%C3%A9/menu?item=cr%C3%AApe&item=tea", nil)
	r.Header.Set("Cookie", "session=abc")
	r.Header.Set("Accept-Language", "fr-CH, en;q=0.5")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Header().Get("Content-Type"))
	fmt.Println(w.Body)
	// Output:
	// application/json
	// {"GET": [["item", "cr\u00eape"], ["item", "tea"]], "POST": [], "accept_best": "text/html", "accept_language_best": "fr", "application_url": "http://example.com/inspect.py", "charset": "UTF-8", "content_length": null, "content_type": "", "cookies": [["session", "abc"]], "host": "example.com", "host_url": "http://example.com", "if_none_match": "", "is_xhr": false, "method": "GET", "params": [["item", "cr\u00eape"], ["item", "tea"]], "path": "/inspect.py/caf%C3%A9/menu", "path_info": "/caf\u00e9/menu", "path_qs": "/inspect.py/caf%C3%A9/menu?item=cr%C3%AApe&item=tea", "path_url": "http://example.com/inspect.py/caf%C3%A9/menu", "popped": ["caf\u00e9", "menu"], "query_string": "item=cr%C3%AApe&item=tea", "scheme": "http", "script_after_pop": "/inspect.py/caf\u00e9/menu", "script_name": "/inspect.py", "url": "http://example.com/inspect.py/caf%C3%A9/menu?item=cr%C3%AApe&item=tea"}
}

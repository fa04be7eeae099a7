package pages_test

import (
	"testing"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

func TestEnviron(t *testing.T) {
	text := map[string]string{"Content-Type": "text/plain; charset=UTF-8", "Vary": "Accept"}
	json := map[string]string{"Content-Type": "application/json", "Vary": "Accept"}
	runPageTests(t, webob.Handle(pages.Environ), []pageTest{
		{name: "text by default", target: "/a/b?x=1&y=%3C", header: map[string]string{"Cookie": "s=1"},
			wantStatus: 200, wantHeader: text, wantBody: "" +
				"HTTP_COOKIE: s=1\n" +
				"HTTP_HOST: example.com\n" +
				"PATH_INFO: /a/b\n" +
				"QUERY_STRING: x=1&y=%3C\n" +
				"REMOTE_ADDR: 192.0.2.1\n" +
				"REMOTE_PORT: 1234\n" +
				"REQUEST_METHOD: GET\n" +
				"REQUEST_URI: /a/b?x=1&y=%3C\n" +
				"SCRIPT_NAME: \n" +
				"SERVER_NAME: example.com\n" +
				"SERVER_PORT: 80\n" +
				"SERVER_PROTOCOL: HTTP/1.1\n" +
				"wsgi.url_scheme: http\n"},
		{name: "json when preferred", method: "POST", target: "/%C3%A9", header: map[string]string{"Accept": "application/json", "Content-Type": "text/plain"},
			body: "hi", wantStatus: 200, wantHeader: json, wantBody: `{` +
				`"CONTENT_LENGTH": "2", "CONTENT_TYPE": "text/plain", "HTTP_ACCEPT": "application/json", "HTTP_HOST": "example.com", ` +
				`"PATH_INFO": "/\u00e9", "QUERY_STRING": "", "REMOTE_ADDR": "192.0.2.1", "REMOTE_PORT": "1234", ` +
				`"REQUEST_METHOD": "POST", "REQUEST_URI": "/%C3%A9", "SCRIPT_NAME": "", "SERVER_NAME": "example.com", ` +
				`"SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http"}`},
		{name: "text when equal", target: "/", header: map[string]string{"Accept": "application/json, text/plain"},
			wantStatus: 200, wantHeader: text, wantBody: "" +
				"HTTP_ACCEPT: application/json, text/plain\n" +
				"HTTP_HOST: example.com\n" +
				"PATH_INFO: /\n" +
				"QUERY_STRING: \n" +
				"REMOTE_ADDR: 192.0.2.1\n" +
				"REMOTE_PORT: 1234\n" +
				"REQUEST_METHOD: GET\n" +
				"REQUEST_URI: /\n" +
				"SCRIPT_NAME: \n" +
				"SERVER_NAME: example.com\n" +
				"SERVER_PORT: 80\n" +
				"SERVER_PROTOCOL: HTTP/1.1\n" +
				"wsgi.url_scheme: http\n"},
	})
}

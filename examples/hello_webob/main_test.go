package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/examples/internal/servetest"
)

func TestRun(t *testing.T) {
	base := servetest.Start(t, newHandler())
	host := strings.TrimPrefix(base, "http://")
	resp, err := http.PostForm(base+"/greet?firstname=Ada", url.Values{"lastname": {"<Lovelace>"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=UTF-8" {
		t.Errorf("POST /greet: %d, Content-Type %q; want 200, text/html; charset=UTF-8", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	want := "<html><head><title>Hello WebOb</title></head><body>\n" +
		"<form method=\"POST\" action=\"http://" + host + "/greet\">\n" +
		"<p>First name: <input type=\"text\" name=\"firstname\" value=\"Ada\"></p>\n" +
		"<p>Last name: <input type=\"text\" name=\"lastname\" value=\"&lt;Lovelace&gt;\"></p>\n" +
		"<input type=\"submit\" value=\"Send\">\n" +
		"</form>\n" +
		"<p>Path info: /greet</p>\n" +
		"<ul><li>firstname = Ada</li><li>lastname = &lt;Lovelace&gt;</li></ul>\n" +
		"</body></html>"
	if string(body) != want {
		t.Errorf("POST /greet: body\n%s\nwant\n%s", body, want)
	}
}

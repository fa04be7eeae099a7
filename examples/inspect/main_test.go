package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/examples/internal/servetest"
)

func TestRun(t *testing.T) {
	base := servetest.Start(t, newHandler())
	host := strings.TrimPrefix(base, "http://")
	req, _ := http.NewRequest("PUT", base+"/a//b/?x=1&x=%E2%9C%93", strings.NewReader("y=2"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", `b=2; a="x y"`)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("PUT: %d, Content-Type %q; want 200, application/json", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	want := `{"GET": [["x", "1"], ["x", "\u2713"]], "POST": [["y", "2"]], "accept_best": "text/html", "accept_language_best": "en", ` +
		`"application_url": "http://` + host + `", "charset": "UTF-8", "content_length": 3, ` +
		`"content_type": "application/x-www-form-urlencoded", "cookies": [["a", "x y"], ["b", "2"]], "host": "` + host + `", ` +
		`"host_url": "http://` + host + `", "if_none_match": "", "is_xhr": false, "method": "PUT", ` +
		`"params": [["x", "1"], ["x", "\u2713"], ["y", "2"]], "path": "/a//b/", "path_info": "/a//b/", ` +
		`"path_qs": "/a//b/?x=1&x=%E2%9C%93", "path_url": "http://` + host + `/a//b/", "popped": ["a", "b", ""], ` +
		`"query_string": "x=1&x=%E2%9C%93", "scheme": "http", "script_after_pop": "/a//b/", "script_name": "", ` +
		`"url": "http://` + host + `/a//b/?x=1&x=%E2%9C%93"}`
	if string(body) != want {
		t.Errorf("PUT: body\n%s\nwant\n%s", body, want)
	}
}

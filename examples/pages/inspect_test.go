package pages_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

func TestInspect(t *testing.T) {
	jsonCT := map[string]string{"Content-Type": "application/json"}
	const multipartBody = "--B\r\n" +
		"Content-Disposition: form-data; name=\"title\"\r\n\r\nA report\r\n" +
		"--B\r\n" +
		"Content-Disposition: form-data; name=\"upload\"; filename=\"r\u00e9sum\u00e9.txt\"\r\nContent-Type: text/plain\r\n\r\nline\r\n" +
		"--B--\r\n"
	runPageTests(t, webob.Handle(pages.Inspect), []pageTest{
		{name: "query and cookies", target: "/a/b?x=1&y=%3C&x=2", header: map[string]string{"Cookie": "z=1; s=\"two words\""},
			wantStatus: 200, wantHeader: jsonCT, wantBody: `{"GET": [["x", "1"], ["y", "<"], ["x", "2"]], "POST": [], ` +
				`"accept_best": "text/html", "accept_language_best": "en", "application_url": "http://example.com", ` +
				`"charset": "UTF-8", "content_length": null, "content_type": "", "cookies": [["s", "two words"], ["z", "1"]], ` +
				`"host": "example.com", "host_url": "http://example.com", "if_none_match": "", "is_xhr": false, "method": "GET", ` +
				`"params": [["x", "1"], ["y", "<"], ["x", "2"]], "path": "/a/b", "path_info": "/a/b", "path_qs": "/a/b?x=1&y=%3C&x=2", ` +
				`"path_url": "http://example.com/a/b", "popped": ["a", "b"], "query_string": "x=1&y=%3C&x=2", "scheme": "http", ` +
				`"script_after_pop": "/a/b", "script_name": "", "url": "http://example.com/a/b?x=1&y=%3C&x=2"}`},
		{name: "multipart upload and negotiation", method: "POST", target: "/up/?q=%C3%A9",
			header: map[string]string{
				"Content-Type":     "multipart/form-data; boundary=B",
				"Accept":           "application/json",
				"Accept-Language":  "de, en;q=0.5",
				"If-None-Match":    `W/"a", "b"`,
				"X-Requested-With": "XMLHttpRequest",
			},
			body: multipartBody, wantStatus: 200, wantHeader: jsonCT, wantBody: `{"GET": [["q", "\u00e9"]], ` +
				`"POST": [["title", "A report"], ["upload", "file:r\u00e9sum\u00e9.txt"]], ` +
				`"accept_best": "application/json", "accept_language_best": "de", "application_url": "http://example.com", ` +
				`"charset": "UTF-8", "content_length": ` + strconv.Itoa(len(multipartBody)) + `, "content_type": "multipart/form-data", "cookies": [], ` +
				`"host": "example.com", "host_url": "http://example.com", "if_none_match": "\"a\", \"b\"", "is_xhr": true, "method": "POST", ` +
				`"params": [["q", "\u00e9"], ["title", "A report"], ["upload", "file:r\u00e9sum\u00e9.txt"]], ` +
				`"path": "/up/", "path_info": "/up/", "path_qs": "/up/?q=%C3%A9", "path_url": "http://example.com/up/", ` +
				`"popped": ["up", ""], "query_string": "q=%C3%A9", "scheme": "http", "script_after_pop": "/up/", ` +
				`"script_name": "", "url": "http://example.com/up/?q=%C3%A9"}`},
		{name: "errors where WebOb raises", method: "POST", target: "/?a=%FF",
			header: map[string]string{"Content-Type": "multipart/form-data", "Accept": "image/png", "Accept-Language": "es"},
			body:   "x", wantStatus: 200, wantHeader: jsonCT, wantBody: `{"GET": "error", "POST": "error", ` +
				`"accept_best": null, "accept_language_best": null, "application_url": "http://example.com", ` +
				`"charset": "UTF-8", "content_length": 1, "content_type": "multipart/form-data", "cookies": [], ` +
				`"host": "example.com", "host_url": "http://example.com", "if_none_match": "", "is_xhr": false, "method": "POST", ` +
				`"params": "error", "path": "/", "path_info": "/", "path_qs": "/?a=%FF", "path_url": "http://example.com/", ` +
				`"popped": [""], "query_string": "a=%FF", "scheme": "http", "script_after_pop": "/", ` +
				`"script_name": "", "url": "http://example.com/?a=%FF"}`},
	})
}

// TestInspectMounted checks the fields that depend on SCRIPT_NAME.
func TestInspectMounted(t *testing.T) {
	h := webob.Mounted("/inspect.py", webob.Handle(pages.Inspect))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "http://example.com:8081/inspect.py//a/b/", nil))
	var got map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, w.Body)
	}
	want := map[string]any{
		"script_name":      "/inspect.py",
		"path_info":        "//a/b/",
		"application_url":  "http://example.com:8081/inspect.py",
		"path_url":         "http://example.com:8081/inspect.py//a/b/",
		"popped":           []any{"a", "b", ""},
		"script_after_pop": "/inspect.py//a/b/",
	}
	for k, v := range want {
		if fmt.Sprint(got[k]) != fmt.Sprint(v) {
			t.Errorf("Inspect(/inspect.py//a/b/)[%q] = %v, want %v", k, got[k], v)
		}
	}
}

// TestInspectPopLimit checks that popping stops after 51 segments, as
// inspect.py does.
func TestInspectPopLimit(t *testing.T) {
	w := httptest.NewRecorder()
	webob.Handle(pages.Inspect).ServeHTTP(w, httptest.NewRequest("GET", strings.Repeat("/s", 60), nil))
	var got struct {
		Popped         []string `json:"popped"`
		ScriptAfterPop string   `json:"script_after_pop"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, w.Body)
	}
	if len(got.Popped) != 51 || got.ScriptAfterPop != strings.Repeat("/s", 51) {
		t.Errorf("Inspect(60 segments): popped %d segments, script_after_pop %q; want 51 and %q",
			len(got.Popped), got.ScriptAfterPop, strings.Repeat("/s", 51))
	}
}

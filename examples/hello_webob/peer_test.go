package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gowebob/gowebob/examples/internal/peer"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// helloScript is where Apache serves hello_webob.py, and where the Go
// handler is mounted so that both see SCRIPT_NAME "/hello_webob.py".
const helloScript = "/hello_webob.py"

// peerRequests are sent to both hello_webob.py on Apache + mod_wsgi + WebOb
// and pages.HelloWebOb, and the answers compared byte for byte.
func peerRequests() []peer.Request {
	form := [2]string{"Content-Type", "application/x-www-form-urlencoded"}
	mp, mpCT := peer.Multipart(
		peer.Part{Name: "firstname", Content: "Ada <3"},
		peer.Part{Name: "lastname", Content: "Lovelace & co"},
	)
	mpFile, mpFileCT := peer.Multipart(
		peer.Part{Name: "firstname", Content: "Ada"},
		peer.Part{Name: "cv", File: true, Filename: "cv.txt", ContentType: "text/plain", Content: "..."},
	)
	return []peer.Request{
		{Name: "script itself", Target: ""},
		{Name: "root slash", Target: "/"},
		{Name: "path info", Target: "/a/b/"},
		{Name: "names", Target: "/p?firstname=Ada&lastname=Lovelace"},
		{Name: "repeated names", Target: "?firstname=a&firstname=b&lastname=c&x=1&x=2"},
		{Name: "html in query", Target: "?firstname=%3Cscript%3Ealert(1)%3C/script%3E&lastname=%22%27%26amp%3B&%3Ck%3E=%3Ev%3C"},
		{Name: "html in path", Target: "/%3Cb%3E/%22q%22/it%27s&amp"},
		{Name: "unicode", Target: "/%C3%A9t%C3%A9?firstname=J%C3%BCrgen&lastname=%E2%9C%93+%F0%9F%98%80"},
		{Name: "plus and bad escapes", Target: "?firstname=a+b&lastname=%zz%&q=%2B"},
		{Name: "blank values", Target: "?firstname=&lastname&="},
		{Name: "host without port", Target: "/h", Host: "example.com"},
		{Name: "html in host", Target: "/h", Host: "example.com:8081"},
		{Name: "posted form", Method: "POST", Target: "/f", Header: [][2]string{form}, Body: "firstname=Ada&lastname=Lovelace&note=%3Chi%3E"},
		{Name: "query wins over form", Method: "POST", Target: "/f?firstname=FromQuery", Header: [][2]string{form}, Body: "firstname=FromForm&lastname=L"},
		{Name: "multipart form", Method: "POST", Target: "/m", Header: [][2]string{{"Content-Type", mpCT}}, Body: mp},
		{Name: "put form", Method: "PUT", Target: "/f", Header: [][2]string{form}, Body: "lastname=Put"},
		{Name: "json body", Method: "POST", Target: "/j", Header: [][2]string{{"Content-Type", "application/json"}}, Body: `{"firstname": "x"}`},
		{Name: "control characters", Target: "?firstname=a%0Ab%09c%00d"},
		{Name: "double slashes", Target: "//a//b"},
		{Name: "file upload", Method: "POST", Target: "/m", Header: [][2]string{{"Content-Type", mpFileCT}}, Body: mpFile},
		{Name: "query not utf-8", Target: "?firstname=%FF"},
	}
}

// knownDifferences are the requests whose answers are known to differ, with
// the reason. An entry that no longer differs fails the test.
var knownDifferences = map[string]string{
	"double slashes":  "Apache merges repeated slashes (MergeSlashes On) before mod_wsgi sets PATH_INFO; net/http passes the path as sent",
	"file upload":     "html.escape fails on WebOb's FieldStorage, so hello_webob.py answers 500; HelloWebOb lists the file name",
	"query not utf-8": "WebOb raises UnicodeDecodeError (500); gowebob's GET returns a *request.DecodeError, which webob.Handle answers with 400",
}

func TestHelloWebObMatchesWebOb(t *testing.T) {
	base := peer.Start(t)
	goSrv := httptest.NewServer(webob.Mounted(helloScript, webob.Handle(pages.HelloWebOb)))
	defer goSrv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	reqs := peerRequests()
	compared := 0
	for _, r := range reqs {
		t.Run(r.Name, func(t *testing.T) {
			presp, pbody, err := r.Send(client, base, helloScript)
			if err != nil {
				t.Fatalf("Apache: %s: %v", r, err)
			}
			gresp, gbody, err := r.Send(client, goSrv.URL, helloScript)
			if err != nil {
				t.Fatalf("Go: %s: %v", r, err)
			}
			same := presp.StatusCode == gresp.StatusCode && bytes.Equal(pbody, gbody)
			if reason, ok := knownDifferences[r.Name]; ok {
				t.Logf("known difference (%s):\n  WebOb: %d %.80q\n  Go:    %d %.80q", reason, presp.StatusCode, pbody, gresp.StatusCode, gbody)
				if same {
					t.Errorf("%s: known difference no longer differs; remove it from knownDifferences", r)
				}
				return
			}
			compared++
			if presp.StatusCode != gresp.StatusCode {
				t.Errorf("%s: status WebOb %d, Go %d", r, presp.StatusCode, gresp.StatusCode)
			}
			for _, h := range []string{"Content-Type", "Content-Length"} {
				if p, g := presp.Header.Get(h), gresp.Header.Get(h); p != g {
					t.Errorf("%s: %s WebOb %q, Go %q", r, h, p, g)
				}
			}
			if !bytes.Equal(pbody, gbody) {
				t.Errorf("%s: body differs:\n  WebOb: %q\n  Go:    %q", r, pbody, gbody)
			}
		})
	}
	t.Logf("%d requests: %d compared byte for byte, %d known differences", len(reqs), compared, len(reqs)-compared)
}

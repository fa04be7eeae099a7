package request_test

import (
	"testing"
	"unicode/utf8"

	"github.com/gowebob/gowebob/request"
)

// FuzzSetGET checks that GET, SetGET and GET again give the same pairs:
// MultiDict.Encode is read back by the query parser exactly.
func FuzzSetGET(f *testing.F) {
	for _, s := range []string{"", "a=1&b=2&a=3", "a=1;b=2", "x=%41+%42", "q=a+b&r=%2B", "%zz=1&k", "é=€"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, qs string) {
		req := request.New(request.Environ{"QUERY_STRING": qs}, nil)
		md, err := req.GET()
		if err != nil {
			return
		}
		want := md.Copy().Items()
		req.SetGET(md)
		again, err := req.GET()
		if err != nil {
			t.Fatalf("GET after SetGET(%q) = %q: %v", qs, req.QueryString(), err)
		}
		got := again.Items()
		if len(got) != len(want) {
			t.Fatalf("GET after SetGET(%q) = %q: %d pairs, want %d", qs, req.QueryString(), len(got), len(want))
		}
		for i := range got {
			if got[i].Key != want[i].Key || got[i].Value != want[i].Value {
				t.Fatalf("GET after SetGET(%q) = %q: pair %d is %v, want %v", qs, req.QueryString(), i, got[i], want[i])
			}
		}
	})
}

// FuzzSetText checks that Text reads back what SetText wrote, in every
// charset both implement, and that a failed SetText leaves the body alone.
func FuzzSetText(f *testing.F) {
	for _, s := range [][2]string{{"", "utf-8"}, {"café", "latin-1"}, {"€", "us-ascii"}, {"😀", "utf-16"}, {"x", "utf-16-be"}, {"x", "koi8-r"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, s, charset string) {
		req := request.New(request.Environ{"CONTENT_TYPE": "text/plain; charset=" + charset}, nil)
		if err := req.SetText(s); err != nil {
			if _, ok := req.Environ["CONTENT_LENGTH"]; ok {
				t.Fatalf("SetText(%q) in %q failed (%v) but set a body", s, charset, err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("SetText accepted invalid UTF-8 %q", s)
		}
		got, err := req.Text()
		if err != nil || got != s {
			t.Fatalf("Text after SetText(%q) in %q = %q, %v", s, charset, got, err)
		}
	})
}

// FuzzDecode checks Decode from Latin-1 on any query and form: no panic,
// and, the input being any bytes, GET and POST of the result read the same
// pairs as the input decoded from Latin-1 would, in UTF-8.
func FuzzDecode(f *testing.F) {
	for _, s := range [][2]string{{"q=caf%E9&x=1", "name=J%F6rg&b=%E9t%E9+ok&c"}, {"a=1&&b&=2", "k%zz=v%2"}, {"plain", "x"}, {"%", "=;&"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, qs, body string) {
		req := request.New(request.Environ{"REQUEST_METHOD": "POST", "QUERY_STRING": qs, "CONTENT_TYPE": "application/x-www-form-urlencoded; charset=latin-1"}, nil)
		req.SetBody([]byte(body))
		d, err := req.Decode("")
		if err != nil {
			t.Fatalf("Decode of %q, %q: %v (Latin-1 decodes any bytes)", qs, body, err)
		}
		if d.Charset() != "UTF-8" {
			t.Fatalf("Decode of %q: charset %q", qs, d.Charset())
		}
		for _, get := range []func(*request.Request) (*request.MultiDict, error){(*request.Request).GET, (*request.Request).POST} {
			md, err := get(d)
			if err != nil {
				continue // limits, or a query without "=" kept as it was
			}
			for _, it := range md.Items() {
				if !utf8.ValidString(it.Key) || !utf8.ValidString(it.Value) {
					t.Fatalf("Decode of %q, %q: pair %q=%q is not UTF-8", qs, body, it.Key, it.Value)
				}
			}
		}
	})
}

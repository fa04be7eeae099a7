package request_test

import (
	"bytes"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gowebob/gowebob/request"
)

// knownError reports whether err is one of the typed errors the package
// documents, so that a fuzzer finds any other failure.
func knownError(err error) bool {
	var tl *request.TooLargeError
	var fe *request.FormError
	var de *request.DecodeError
	var be *request.BodyError
	return err == nil || errors.As(err, &tl) || errors.As(err, &fe) || errors.As(err, &de) || errors.As(err, &be)
}

// FuzzQuery checks that GET never panics and that re-encoding what it
// parsed and parsing again gives the same pairs.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "a&&b=;c=%zz", "%2", "%-0", "% 1", "k=%E2%9C%93", "+%2B+", "a=%ff", ";;=;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, qs string) {
		r := request.New(request.Environ{"QUERY_STRING": qs}, nil)
		md, err := r.GET()
		if !knownError(err) {
			t.Fatalf("GET(%q): unexpected error %v", qs, err)
		}
		if err != nil {
			return
		}
		var enc []string
		for k, v := range md.All() {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Fatalf("GET(%q) gave %q = %q, which is not UTF-8, without an error", qs, k, v)
			}
			enc = append(enc, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
		r2 := request.New(request.Environ{"QUERY_STRING": strings.Join(enc, "&")}, nil)
		md2, err := r2.GET()
		if err != nil {
			t.Fatalf("re-parse of %q: %v", enc, err)
		}
		a, b := md.Items(), md2.Items()
		if len(a) != len(b) {
			t.Fatalf("GET(%q) gave %d pairs, re-encoded %d", qs, len(a), len(b))
		}
		for i := range a {
			if (a[i].Key != "" || a[i].Value != "") && a[i] != b[i] {
				t.Fatalf("GET(%q)[%d] = %+v, re-encoded %+v", qs, i, a[i], b[i])
			}
		}
	})
}

// FuzzFormURLEncoded checks that POST of an urlencoded body never panics,
// gives valid UTF-8 and keeps the body readable.
func FuzzFormURLEncoded(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "a=1;b=2", "%zz=%ff", "x=\xe2\x82&y=%E2%82%AC", "&&&"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := request.New(request.Environ{"REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/x-www-form-urlencoded",
			"CONTENT_LENGTH": strconv.Itoa(len(body))}, bytes.NewReader(body))
		md, err := r.POST()
		if !knownError(err) {
			t.Fatalf("POST(%q): %v", body, err)
		}
		for _, it := range md.Items() {
			if !utf8Valid(it.Key) || !utf8Valid(it.Value) {
				t.Fatalf("POST(%q) gave invalid UTF-8 %q=%q", body, it.Key, it.Value)
			}
		}
		got, err := r.Body()
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("Body after POST = %q, %v; want %q", got, err, body)
		}
	})
}

// FuzzMultipart checks that a multipart body never panics, errors only with
// the documented types and never yields more file bytes than it was sent.
func FuzzMultipart(f *testing.F) {
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--\r\n"))
	f.Add([]byte("--B\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\n\nabc\n--B"))
	f.Add([]byte("preamble\r\n--B\r\nContent-Type: text/plain; charset=latin-1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xe9\r\n--B--"))
	f.Add([]byte("--B\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\naGk=\r\n--B--"))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := request.New(request.Environ{"REQUEST_METHOD": "POST", "CONTENT_TYPE": "multipart/form-data; boundary=B",
			"CONTENT_LENGTH": strconv.Itoa(len(body))}, bytes.NewReader(body))
		r.Limits.MaxMemoryBytes = 64
		defer r.Close()
		md, err := r.POST()
		if !knownError(err) {
			t.Fatalf("POST(%q): %v", body, err)
		}
		var total int64
		for _, it := range md.Items() {
			if it.File != nil {
				total += it.File.Size
				b, err := it.File.Bytes()
				if err != nil || int64(len(b)) != it.File.Size {
					t.Fatalf("file %q: %d bytes, %v; Size %d", it.File.Filename, len(b), err, it.File.Size)
				}
			}
		}
		if total > int64(len(body)) {
			t.Fatalf("files hold %d bytes from a %d-byte body", total, len(body))
		}
	})
}

// FuzzPathInfoPop checks that popping moves PATH_INFO to SCRIPT_NAME byte
// for byte and ends.
func FuzzPathInfoPop(f *testing.F) {
	for _, s := range []string{"/a/b", "//a//b/", "/", "", "a/b", "///"} {
		f.Add("/app", s)
	}
	f.Fuzz(func(t *testing.T, script, path string) {
		r := request.New(request.Environ{"SCRIPT_NAME": script, "PATH_INFO": path}, nil)
		for i := 0; ; i++ {
			if i > len(path)+1 {
				t.Fatalf("PathInfoPop(%q) does not end", path)
			}
			if r.ScriptName()+r.PathInfo() != script+path {
				t.Fatalf("SCRIPT_NAME+PATH_INFO = %q, want %q", r.ScriptName()+r.PathInfo(), script+path)
			}
			seg, ok := r.PathInfoPop()
			if !ok {
				break
			}
			if strings.Contains(seg, "/") {
				t.Fatalf("segment %q has a slash", seg)
			}
		}
		if r.PathInfo() != "" {
			t.Fatalf("PATH_INFO left %q", r.PathInfo())
		}
	})
}

// FuzzURL checks that the URL properties never panic and always quote the
// path into printable ASCII.
func FuzzURL(f *testing.F) {
	f.Add("example.com:8080", "/app", "/a b/ü", "x=1", "../y")
	f.Add("[::1]", "", "//", "", "//evil/x")
	f.Fuzz(func(t *testing.T, host, script, path, qs, other string) {
		r := request.New(request.Environ{"HTTP_HOST": host, "SCRIPT_NAME": script, "PATH_INFO": path,
			"QUERY_STRING": qs, "wsgi.url_scheme": "http", "SERVER_NAME": "s", "SERVER_PORT": "80"}, nil)
		p := r.Path()
		for i := 0; i < len(p); i++ {
			if p[i] <= ' ' || p[i] >= 0x7f {
				t.Fatalf("Path() = %q has an unquoted byte", p)
			}
		}
		_ = r.URL()
		_ = r.RelativeURL(other, false)
		_ = r.RelativeURL(other, true)
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

package request_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

// realistic returns the *http.Request a browser sends for a search page
// with a session, as the benchmarks' input.
func realisticHTTP(method, body string) func() *httptestRequest {
	return func() *httptestRequest {
		hr := httptest.NewRequest(method, "http://shop.example.com/app/search?q=go+web&page=2&sort=price&dir=asc&size=20&cat=books&cat=ebooks&lang=en&ref=home&utm=x", strings.NewReader(body))
		hr.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
		hr.Header.Set("Accept-Language", "en-GB,en;q=0.9,fr;q=0.7,de;q=0.5")
		hr.Header.Set("Accept-Encoding", "gzip, deflate, br")
		hr.Header.Set("Cookie", "session=abc123def456; csrftoken=zyx987; theme=dark; lang=en; tz=Europe%2FLondon; a=1; b=2; c=3; d=4; e=5")
		hr.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0")
		if body != "" {
			hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return hr
	}
}

type httptestRequest = http.Request

// BenchmarkRequest measures building a Request from an *http.Request and
// reading what a handler typically reads.
func BenchmarkRequest(b *testing.B) {
	get := realisticHTTP("GET", "")
	form := "first=Ada&last=Lovelace&email=ada%40example.com&age=36&city=London&country=UK&zip=W1&phone=%2B44&news=on&terms=on"
	post := realisticHTTP("POST", form)
	offers := []string{"text/html", "application/json", "text/plain"}
	b.Run("New", func(b *testing.B) {
		hr := get()
		b.ReportAllocs()
		for b.Loop() {
			request.FromHTTP(hr, "/app").Close()
		}
	})
	b.Run("GET", func(b *testing.B) {
		hr := get()
		b.ReportAllocs()
		for b.Loop() {
			r := request.FromHTTP(hr, "/app")
			g, _ := r.GET()
			_ = g.Get("q")
			r.Close()
		}
	})
	b.Run("POST", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			hr := post()
			b.StartTimer()
			r := request.FromHTTP(hr, "/app")
			p, _ := r.POST()
			_ = p.Get("email")
			r.Close()
		}
	})
	b.Run("Cookies", func(b *testing.B) {
		hr := get()
		b.ReportAllocs()
		for b.Loop() {
			r := request.FromHTTP(hr, "/app")
			_, _ = r.Cookie("session")
			_ = r.Cookies()["theme"]
			r.Close()
		}
	})
	b.Run("BestMatch", func(b *testing.B) {
		hr := get()
		b.ReportAllocs()
		for b.Loop() {
			r := request.FromHTTP(hr, "/app")
			_ = r.Accept().BestMatch(offers)
			_ = r.AcceptLanguage().Lookup([]string{"en", "fr", "de"}, "en")
			r.Close()
		}
	})
	b.Run("All", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			hr := post()
			b.StartTimer()
			r := request.FromHTTP(hr, "/app")
			params, _ := r.Params()
			_ = params.Get("q")
			_ = params.Get("email")
			_, _ = r.Cookie("session")
			_ = r.Accept().BestMatch(offers)
			_ = r.URL()
			r.Close()
		}
	})
}

// BenchmarkNetHTTP is the peer: the same reads with net/http alone, so that
// BENCHMARKS.md can give BenchmarkRequest as ratios from one run.
func BenchmarkNetHTTP(b *testing.B) {
	get := realisticHTTP("GET", "")
	form := "first=Ada&last=Lovelace&email=ada%40example.com&age=36&city=London&country=UK&zip=W1&phone=%2B44&news=on&terms=on"
	post := realisticHTTP("POST", form)
	b.Run("GET", func(b *testing.B) {
		hr := get()
		b.ReportAllocs()
		for b.Loop() {
			_ = hr.URL.Query().Get("q")
		}
	})
	b.Run("POST", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			hr := post()
			b.StartTimer()
			_ = hr.PostFormValue("email")
		}
	})
	b.Run("Cookies", func(b *testing.B) {
		hr := get()
		b.ReportAllocs()
		for b.Loop() {
			_, _ = hr.Cookie("session")
			_, _ = hr.Cookie("theme")
		}
	})
}

// TestHotPathAllocs guards the accessors that must not allocate.
func TestHotPathAllocs(t *testing.T) {
	if testing.Short() || testutil.Race {
		t.Skip("allocation counts are only exact without -race")
	}
	r := webobtest.NewRequest("/a/b?x=1", &request.BlankOptions{Headers: map[string]string{"Cookie": "a=1; b=2", "Content-Type": "text/html; charset=utf-8"}})
	if _, err := r.GET(); err != nil {
		t.Fatal(err)
	}
	n := testing.AllocsPerRun(100, func() {
		_ = r.Method()
		_ = r.PathInfo()
		_ = r.ContentType()
		_ = r.Charset()
		_ = request.QuotePath("/plain/path-1.html")
		_, _ = r.Cookie("b")
		g, _ := r.GET()
		_ = g.Get("x")
		_, _ = r.PathInfoPeek()
	})
	if n > 0 {
		t.Errorf("hot path allocated %v times per run, want 0", n)
	}
}

// TestParseAllocs guards the allocations of parsing a query and a form:
// none of their own for a query that the Request was allocated with room
// for, else one for the pairs and one for the decoded strings however many
// have escapes.
func TestParseAllocs(t *testing.T) {
	if testing.Short() || testutil.Race {
		t.Skip("allocation counts are only exact without -race")
	}
	const qs = "q=gopher+books&page=3&tag=go%2Fweb&a%20b=c+d&e=%E2%82%AC&f=%zz&g=1"
	short := webobtest.NewRequest("/?"+qs, nil).Environ
	long := webobtest.NewRequest("/?"+strings.Repeat(qs+"&", 4), nil).Environ
	plain := webobtest.NewRequest("/?firstname=Ada&lastname=Lovelace", nil).Environ
	const posted = "name=Ada+Lovelace&city=London&note=%E2%82%AC+5&x=1"
	form := webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Environ: request.Environ{
		"CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": strconv.Itoa(len(posted))}}).Environ
	body := strings.NewReader(posted)
	for _, tc := range []struct {
		name string
		want float64 // the Request included
		ok   func() bool
	}{
		{"query", 1, func() bool {
			g, err := request.New(short, nil).GET()
			return err == nil && g.Get("a b") == "c d" && g.Get("e") == "€" && g.Get("tag") == "go/web" && g.Get("f") == "%zz"
		}},
		{"long query", 3, func() bool {
			g, err := request.New(long, nil).GET()
			items := g.Items()
			return err == nil && len(items) == 28 && items[25] == request.Item{Key: "e", Value: "€"} && items[21] == request.Item{Key: "q", Value: "gopher books"}
		}},
		{"params of a GET", 2, func() bool { // the pairs; POST is empty without allocating
			p, err := request.New(plain, nil).Params()
			return err == nil && p.Get("firstname") == "Ada" && p.POST.Len() == 0
		}},
		{"form", 6, func() bool { // with the body's buffer, its bytes and their copy as a string
			body.Seek(0, io.SeekStart)
			p, err := request.New(form, body).POST()
			return err == nil && p.Get("name") == "Ada Lovelace" && p.Get("note") == "€ 5"
		}},
	} {
		n := testing.AllocsPerRun(100, func() {
			if !tc.ok() {
				t.Fatalf("%s: wrong result", tc.name)
			}
		})
		if n > tc.want {
			t.Errorf("%s: %v allocations, want at most %v", tc.name, n, tc.want)
		}
	}
}

// TestFromHTTPLocalPortAllocs guards SERVER_PORT from the local address
// (a served request): no allocation once the port has been seen.
func TestFromHTTPLocalPortAllocs(t *testing.T) {
	if testing.Short() || testutil.Race {
		t.Skip("allocation counts are only exact without -race")
	}
	hr := httptest.NewRequest("GET", "http://example.test:8080/x", nil)
	hr = hr.WithContext(context.WithValue(hr.Context(), http.LocalAddrContextKey, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 39123}))
	req := request.FromHTTP(hr, "")
	if got := req.Environ["SERVER_PORT"]; got != "39123" {
		t.Fatalf("SERVER_PORT %q", got)
	}
	req.Close()
	n := testing.AllocsPerRun(100, func() {
		req := request.FromHTTP(hr, "")
		req.Close()
	})
	if n > 1 {
		t.Errorf("FromHTTP: %v allocations, want 1 (the Request)", n)
	}
}

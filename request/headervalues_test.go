package request

import "testing"

func TestRequestAcceptHeaders(t *testing.T) {
	t.Parallel()
	r := &Request{Environ: Environ{
		"HTTP_ACCEPT":          "text/html",
		"HTTP_ACCEPT_CHARSET":  "",
		"HTTP_ACCEPT_LANGUAGE": "en-GB, fr;q=0.5",
	}}
	if h, ok := r.Accept().Header(); h != "text/html" || !ok {
		t.Errorf("Accept().Header() = %q, %v", h, ok)
	}
	if c := r.AcceptCharset(); !c.Present() || c.Valid() {
		t.Errorf("empty Accept-Charset: Present %v Valid %v, want true false", c.Present(), c.Valid())
	}
	if e := r.AcceptEncoding(); e.Present() {
		t.Error("AcceptEncoding().Present() = true for a missing header")
	}
	if got := r.AcceptLanguage().Lookup([]string{"fr", "en"}, "de"); got != "en" {
		t.Errorf("AcceptLanguage().Lookup = %q, want en", got)
	}
	if got := (&Request{}).Accept().BestMatch([]string{"a/b"}); got != "a/b" {
		t.Errorf("nil environ Accept().BestMatch = %q", got)
	}
}

// chromeAccept is what Chrome sends for a navigation.
const chromeAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif," +
	"image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"

func TestAcceptAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("alloc counts are not meaningful in -short mode")
	}
	offers := []string{"application/json", "text/html"}
	r := &Request{Environ: Environ{
		"HTTP_ACCEPT":          chromeAccept,
		"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9,fr;q=0.8",
		"HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
		"HTTP_ACCEPT_CHARSET":  "utf-8, iso-8859-1;q=0.5",
	}}
	tags := []string{"fr", "de", "en-GB"}
	n := testing.AllocsPerRun(100, func() {
		a := r.Accept()
		_ = a.BestMatch(offers)
		_, _ = a.Quality("text/html")
		_ = a.AcceptHTML()
		_, _ = a.Preferred(offers)
		_ = r.AcceptLanguage().BestMatch(tags)
		_ = r.AcceptLanguage().Lookup(tags, "en")
		_, _ = r.AcceptEncoding().Quality("gzip")
		_ = r.AcceptCharset().BestMatch([]string{"utf-8"})
	})
	if n > 0 {
		t.Errorf("parse + BestMatch/Quality/Preferred/Lookup allocated %v times, want 0", n)
	}
}

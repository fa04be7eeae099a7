package middleware

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

// checkAddr fails unless a is the zero Addr or a plain IP address: no
// zone, IPv4 unmapped, and printing and parsing back to itself.
func checkAddr(t *testing.T, what string, a netip.Addr) {
	t.Helper()
	if !a.IsValid() {
		return
	}
	if a.Zone() != "" || a.Is4In6() {
		t.Fatalf("%s = %v: zone or mapped address", what, a)
	}
	if b, err := netip.ParseAddr(a.String()); err != nil || b != a {
		t.Fatalf("%s = %v does not round-trip: %v %v", what, a, b, err)
	}
}

func FuzzProxyHeaders(f *testing.F) {
	for _, seed := range [][2]string{
		{"198.51.100.5", "for=198.51.100.5"},
		{"6.6.6.6, 198.51.100.5, 10.0.0.2", `for=6.6.6.6, for="198.51.100.5:1234";proto=https;host="www.example.com"`},
		{"[2001:db8::9]:4711, 10.0.0.3:80", `For="[2001:db8::1]";host="a,b", for=10.0.0.5`},
		{"unknown, 10.0.0.1", `for=unknown;proto=https, for=_hidden`},
		{"fe80::1%eth0, ::ffff:1.2.3.4", `for="\"x\"";proto="ht\tp", for="[::1`},
		{",,, ,\t,", `;;,,"",=,for=,for==`},
		{strings.Repeat("10.0.0.1,", 40), strings.Repeat("for=10.0.0.1,", 40)},
	} {
		f.Add(seed[0], seed[1])
	}
	p := &proxy{trusted: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}}
	f.Fuzz(func(t *testing.T, xff, fwd string) {
		a := p.clientFromList([]string{xff})
		checkAddr(t, "clientFromList", a)
		// Header lines are one list: splitting it at a comma changes
		// nothing.
		if i := strings.IndexByte(xff, ','); i >= 0 {
			if b := p.clientFromList([]string{xff[:i], xff[i+1:]}); b != a {
				t.Fatalf("clientFromList(%q) = %v, but split at the first comma %v", xff, a, b)
			}
		}
		fw := p.fromForwarded([]string{fwd})
		checkAddr(t, "fromForwarded", fw.addr)
		if fw.proto != "" && fw.proto != "http" && fw.proto != "https" {
			t.Fatalf("fromForwarded(%q).proto = %q", fwd, fw.proto)
		}
		if fw.host != "" && parseHost(fw.host) != fw.host {
			t.Fatalf("fromForwarded(%q).host = %q", fwd, fw.host)
		}
		x := p.fromXForwarded(http.Header{"X-Forwarded-For": {xff}, "X-Forwarded-Proto": {fwd}, "X-Forwarded-Host": {fwd}})
		if x.proto != "" && x.proto != "http" && x.proto != "https" || x.host != "" && parseHost(x.host) != x.host {
			t.Fatalf("fromXForwarded: proto %q host %q", x.proto, x.host)
		}

		// Through the middleware, the environ's REMOTE_ADDR is an IP.
		for _, forwarded := range []bool{false, true} {
			var remote string
			h := ProxyHeaders(ProxyOptions{TrustedProxies: p.trusted, Forwarded: forwarded})(
				http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					remote = request.FromHTTP(r, "").RemoteAddr()
				}))
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = "10.0.0.1:1234"
			r.Header["X-Forwarded-For"] = []string{xff}
			r.Header["Forwarded"] = []string{fwd}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if _, err := netip.ParseAddr(remote); err != nil {
				t.Fatalf("REMOTE_ADDR %q is not an IP", remote)
			}
		}
	})
}

var fuzzBody = bytes.Repeat([]byte("negotiate "), 200)

func FuzzAcceptEncodingNegotiation(f *testing.F) {
	for _, s := range []string{
		"gzip", "gzip, deflate, br", "deflate;q=0.9, gzip;q=0.8", "gzip;q=0", "*", "*;q=0", "identity",
		"identity;q=0.5, gzip;q=0.4", "GZIP;Q=1", "gzip;q=1.0001", ", ,", "x-gzip", "deflate;q=0.001",
		"gzip;q=0.5,deflate;q=0.5,identity;q=0.5", "\x00", strings.Repeat("gzip,", 200),
	} {
		f.Add(s)
	}
	h := Compress(CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(fuzzBody)
	}))
	f.Fuzz(func(t *testing.T, value string) {
		enc := negotiateEncoding([]string{value})
		ae := header.ParseAcceptEncoding(value)
		switch enc {
		case "gzip", "deflate":
			// The chosen coding is acceptable and not worse than identity.
			q := quality(ae, enc)
			if q <= 0 || mentionsIdentity(value) && q < quality(ae, "identity") {
				t.Fatalf("negotiateEncoding(%q) = %q with q %v, identity %v", value, enc, q, quality(ae, "identity"))
			}
			if other := map[string]string{"gzip": "deflate", "deflate": "gzip"}[enc]; quality(ae, other) > q {
				t.Fatalf("negotiateEncoding(%q) = %q, but %s has a higher q", value, enc, other)
			}
		case "":
			if ae.Valid() && max(quality(ae, "gzip"), quality(ae, "deflate")) > 0 &&
				(!mentionsIdentity(value) || quality(ae, "identity") <= max(quality(ae, "gzip"), quality(ae, "deflate"))) {
				t.Fatalf("negotiateEncoding(%q) = \"\" though a coding is acceptable", value)
			}
		default:
			t.Fatalf("negotiateEncoding(%q) = %q", value, enc)
		}

		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", value)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		var rd io.Reader = w.Body
		var err error
		switch ce := w.Header().Get("Content-Encoding"); ce {
		case "gzip":
			rd, err = gzip.NewReader(w.Body)
		case "deflate":
			rd, err = zlib.NewReader(w.Body)
		case "":
		default:
			t.Fatalf("Content-Encoding %q", ce)
		}
		if ce := w.Header().Get("Content-Encoding"); ce != enc {
			t.Fatalf("Accept-Encoding %q: Content-Encoding %q, negotiated %q", value, ce, enc)
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rd)
		if err != nil || !bytes.Equal(got, fuzzBody) {
			t.Fatalf("Accept-Encoding %q: body does not round-trip: %v", value, err)
		}
	})
}

// quality returns the q AcceptableOffers gives offer, 0 if none.
func quality(ae header.AcceptEncoding, offer string) float64 {
	for _, o := range ae.AcceptableOffers([]string{offer}) {
		return o.Q
	}
	return 0
}

package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/middleware"
	"github.com/gowebob/gowebob/request"
)

var proxyNets = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("fd00::/8"),
	netip.MustParsePrefix("::ffff:192.168.0.0/112"), // mapped: 192.168.0.0/16
}

func TestProxyHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		forwarded bool
		peer      string
		headers   map[string][]string
		// want: the Request's view
		remote, client, url string
		httpRemote          string // r.RemoteAddr seen by the handler
	}{
		{
			name: "untrusted peer: headers ignored", peer: "203.0.113.7:5000",
			headers: map[string][]string{"X-Forwarded-For": {"1.2.3.4"}, "X-Forwarded-Proto": {"https"}, "X-Forwarded-Host": {"evil.example"}},
			remote:  "203.0.113.7", client: "203.0.113.7", url: "http://app.example/p?q=1", httpRemote: "203.0.113.7:5000",
		},
		{
			name: "untrusted peer, no headers", peer: "203.0.113.7:5000",
			remote: "203.0.113.7", client: "203.0.113.7", url: "http://app.example/p?q=1", httpRemote: "203.0.113.7:5000",
		},
		{
			name: "one proxy", peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-For": {"198.51.100.5"}, "X-Forwarded-Proto": {"https"}, "X-Forwarded-Host": {"www.example.com"}},
			remote:  "198.51.100.5", client: "198.51.100.5", url: "https://www.example.com/p?q=1", httpRemote: "198.51.100.5",
		},
		{
			name: "client-forged entries on the left are skipped", peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-For": {"6.6.6.6, 198.51.100.5", "10.0.0.2"}},
			remote:  "198.51.100.5", client: "198.51.100.5", url: "http://app.example/p?q=1", httpRemote: "198.51.100.5",
		},
		{
			name: "all trusted: left-most", peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-For": {"10.1.1.1, 10.0.0.2"}},
			remote:  "10.1.1.1", client: "10.1.1.1", url: "http://app.example/p?q=1", httpRemote: "10.1.1.1",
		},
		{
			name: "ports and IPv6", peer: "[fd00::1]:5000",
			headers: map[string][]string{"X-Forwarded-For": {"[2001:db8::9]:4711, 10.0.0.3:80"}},
			remote:  "2001:db8::9", client: "2001:db8::9", url: "http://app.example/p?q=1", httpRemote: "2001:db8::9",
		},
		{
			name: "mapped peer", peer: "[::ffff:192.168.1.1]:5000",
			headers: map[string][]string{"X-Forwarded-For": {"::ffff:198.51.100.5"}},
			remote:  "198.51.100.5", client: "198.51.100.5", url: "http://app.example/p?q=1", httpRemote: "198.51.100.5",
		},
		{
			name: "invalid entry stops the search", peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-For": {"198.51.100.5, unknown, 10.0.0.2"}, "X-Forwarded-Proto": {"https"}},
			remote:  "10.0.0.1", client: "10.0.0.1", url: "https://app.example/p?q=1", httpRemote: "10.0.0.1:5000",
		},
		{
			name: "too many hops", peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-For": {"198.51.100.5" + strings.Repeat(", 10.0.0.9", 32)}},
			remote:  "10.0.0.1", client: "10.0.0.1", url: "http://app.example/p?q=1", httpRemote: "10.0.0.1:5000",
		},
		{
			name: "32 hops are read", peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-For": {"198.51.100.5" + strings.Repeat(", 10.0.0.9", 31)}},
			remote:  "198.51.100.5", client: "198.51.100.5", url: "http://app.example/p?q=1", httpRemote: "198.51.100.5",
		},
		{
			name: "right-most proto and host", peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-Proto": {"http, HTTPS"}, "X-Forwarded-Host": {"a.example", "b.example:8443"}},
			remote:  "10.0.0.1", client: "10.0.0.1", url: "https://b.example:8443/p?q=1", httpRemote: "10.0.0.1:5000",
		},
		{
			name: "invalid proto and host ignored", peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-Proto": {"javascript"}, "X-Forwarded-Host": {"a.example/evil"}},
			remote:  "10.0.0.1", client: "10.0.0.1", url: "http://app.example/p?q=1", httpRemote: "10.0.0.1:5000",
		},
		{
			name: "Forwarded ignored by default", peer: "10.0.0.1:5000",
			headers: map[string][]string{"Forwarded": {"for=198.51.100.5;proto=https"}},
			remote:  "10.0.0.1", client: "10.0.0.1", url: "http://app.example/p?q=1", httpRemote: "10.0.0.1:5000",
		},
		{
			name: "Forwarded", forwarded: true, peer: "10.0.0.1:5000",
			headers: map[string][]string{
				"Forwarded":       {`for=6.6.6.6;host=evil.example, for="198.51.100.5:1234";proto=https;host="www.example.com"`, `For="[fd00::2]";proto=http`},
				"X-Forwarded-For": {"7.7.7.7"},
			},
			remote: "198.51.100.5", client: "198.51.100.5", url: "https://www.example.com/p?q=1", httpRemote: "198.51.100.5",
		},
		{
			name: "Forwarded quoted comma", forwarded: true, peer: "10.0.0.1:5000",
			headers: map[string][]string{"Forwarded": {`for="[2001:db8::1]";host="a,b", for=10.0.0.5`}},
			remote:  "2001:db8::1", client: "2001:db8::1", url: "http://app.example/p?q=1", httpRemote: "2001:db8::1",
		},
		{
			name: "Forwarded unknown stops", forwarded: true, peer: "10.0.0.1:5000",
			headers: map[string][]string{"Forwarded": {`for=198.51.100.5, for=unknown;proto=https`}},
			remote:  "10.0.0.1", client: "10.0.0.1", url: "http://app.example/p?q=1", httpRemote: "10.0.0.1:5000",
		},
		{
			name: "Forwarded without for stops", forwarded: true, peer: "10.0.0.1:5000",
			headers: map[string][]string{"Forwarded": {`for=198.51.100.5, proto=https`}},
			remote:  "10.0.0.1", client: "10.0.0.1", url: "http://app.example/p?q=1", httpRemote: "10.0.0.1:5000",
		},
		{
			name: "X-Forwarded ignored in Forwarded mode", forwarded: true, peer: "10.0.0.1:5000",
			headers: map[string][]string{"X-Forwarded-For": {"198.51.100.5"}, "X-Forwarded-Host": {"evil.example"}},
			remote:  "10.0.0.1", client: "10.0.0.1", url: "http://app.example/p?q=1", httpRemote: "10.0.0.1:5000",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var req *request.Request
			var hr *http.Request
			h := middleware.ProxyHeaders(middleware.ProxyOptions{TrustedProxies: proxyNets, Forwarded: tt.forwarded})(
				http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					hr = r
					req = request.FromHTTP(r, "")
				}))
			r := httptest.NewRequest("GET", "http://app.example/p?q=1", nil)
			r.RemoteAddr = tt.peer
			for k, v := range tt.headers {
				r.Header[k] = v
			}
			outer := request.Environ{"webob.outer": "1"}
			r = r.WithContext(request.NewContextWithEnviron(r.Context(), outer))
			serve(t, h, r)
			if got := req.RemoteAddr(); got != tt.remote {
				t.Errorf("RemoteAddr() = %q, want %q", got, tt.remote)
			}
			if got := req.ClientAddr(); got != tt.client {
				t.Errorf("ClientAddr() = %q, want %q", got, tt.client)
			}
			if got := req.URL(); got != tt.url {
				t.Errorf("URL() = %q, want %q", got, tt.url)
			}
			if hr.RemoteAddr != tt.httpRemote {
				t.Errorf("r.RemoteAddr = %q, want %q", hr.RemoteAddr, tt.httpRemote)
			}
			if req.Environ["webob.outer"] != "1" || len(outer) != 1 {
				t.Errorf("environ merge: %v, outer %v", req.Environ["webob.outer"], outer)
			}
			if r.RemoteAddr != tt.peer || r.Host != "app.example" {
				t.Errorf("ProxyHeaders changed the caller's request: %q %q", r.RemoteAddr, r.Host)
			}
		})
	}
}

func TestProxyHeadersNoTrust(t *testing.T) {
	t.Parallel()
	var got string
	h := middleware.ProxyHeaders(middleware.ProxyOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = request.FromHTTP(r, "").RemoteAddr()
	}))
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "127.0.0.1:1"
	r.Header.Set("X-Forwarded-For", "1.2.3.4")
	serve(t, h, r)
	if got != "127.0.0.1" {
		t.Errorf("no trusted proxies: RemoteAddr() = %q", got)
	}
}

func TestProxyHeadersPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if v, _ := recover().(string); !strings.HasPrefix(v, "middleware: ProxyHeaders: ") {
			t.Errorf("invalid prefix panic %q", v)
		}
	}()
	middleware.ProxyHeaders(middleware.ProxyOptions{TrustedProxies: []netip.Prefix{{}}})
}

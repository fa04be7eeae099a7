package site

import (
	"log/slog"
	"net"
	"net/netip"
	"time"
)

// Options are how Run serves a Site: its addresses, the server's timeouts
// and limits (those of gowebob serve that apply to one process), TLS and
// trusted proxies. The zero value of every field is gowebob serve's
// default.
type Options struct {
	// Addr is the TCP address to listen on, when the program is not
	// given its socket by systemd (see Listener). If empty,
	// "127.0.0.1:8080".
	Addr string

	// MetricsAddr is the address of the metrics and health endpoints:
	// /metrics (Prometheus text exposition), /livez and /readyz. If
	// empty, none are served.
	MetricsAddr string

	// MetricsListener, if set, is where the metrics and health endpoints
	// are served, instead of a new listener on MetricsAddr (an upgrade
	// passes the old program's listener to the new one).
	MetricsListener net.Listener

	// TLSCert and TLSKey are PEM files: with both, the site is served
	// over TLS, with HTTP/2.
	TLSCert, TLSKey string

	// TrustedProxies are the proxies whose X-Forwarded-For,
	// X-Forwarded-Proto and X-Forwarded-Host are believed (see
	// middleware.ProxyHeaders). If empty, none.
	TrustedProxies []netip.Prefix

	// The server's timeouts and header limit, as gowebob serve's flags of
	// the same names. If zero: 10 s, 1 min, 2 min, 2 min and 64 KiB.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	MaxHeaderBytes                                            int

	// ShutdownTimeout is how long the requests in flight get to finish
	// on SIGTERM or SIGINT, and on an upgrade. If zero, 30 s.
	ShutdownTimeout time.Duration

	// RequestTimeout is the deadline of a page's handler: its request's
	// context is cancelled then. If zero, 1 min; if negative, none.
	RequestTimeout time.Duration

	// MaxRequestsPerPage bounds the handlers of one page that run at once;
	// the next requests wait for a turn at most QueueTimeout, then get a
	// 503 with Retry-After. If zero, 512 and 45 s; if negative, no bound.
	MaxRequestsPerPage int
	QueueTimeout       time.Duration

	// Logger receives the access log and errors. If nil, slog.Default().
	Logger *slog.Logger

	// NoAccessLog turns the access log off (a proxy in front may keep
	// one): one record, and one write, less per request.
	NoAccessLog bool
}

// withDefaults returns o with its zero fields set to their defaults.
func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	if o.Addr == "" {
		o.Addr = "127.0.0.1:8080"
	}
	def(&o.ReadHeaderTimeout, 10*time.Second)
	def(&o.ReadTimeout, time.Minute)
	def(&o.WriteTimeout, 2*time.Minute)
	def(&o.IdleTimeout, 2*time.Minute)
	def(&o.ShutdownTimeout, 30*time.Second)
	def(&o.RequestTimeout, time.Minute)
	def(&o.QueueTimeout, 45*time.Second)
	if o.MaxHeaderBytes == 0 {
		o.MaxHeaderBytes = 64 << 10
	}
	if o.MaxRequestsPerPage == 0 {
		o.MaxRequestsPerPage = 512
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

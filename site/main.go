package site

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/gowebob/gowebob/internal/logbatch"
	"github.com/gowebob/gowebob/internal/logline"
)

// Main is the main function of a program gowebob build made: it reads the
// flags from os.Args, serves s (see Run) until SIGTERM or SIGINT, and
// exits. Run the program with -h for its flags.
//
// The listening socket is systemd's when it passes one (see Listener).
// On SIGHUP, the program starts a new copy of itself (os.Args[0], which
// may have been replaced by a new build) that takes over the listening
// sockets; once the new program is ready, the old one drains, as on
// SIGTERM, and exits. A new program that fails to start leaves the old
// one serving.
func Main(s *Site) {
	if err := runMain(context.Background(), s, os.Args[1:], os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, os.Args[0]+":", err)
		}
		os.Exit(2)
	}
}

// runMain is Main without the process: it returns instead of exiting.
func runMain(ctx context.Context, s *Site, args []string, stderr io.Writer) error {
	o, pidFile, logOut, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	defer logOut.Flush() // what -log-flush kept
	// The pages' own slog records, and the panics webob's adapter logs.
	slog.SetDefault(o.Logger)
	u, err := newUpgrader(pidFile, o.Logger, args)
	if err != nil {
		return err
	}
	ln, err := u.listen("addr", func() (net.Listener, error) { return Listener(o.Addr) })
	if err != nil {
		return err
	}
	if o.MetricsAddr != "" {
		o.MetricsListener, err = u.listen("metrics", func() (net.Listener, error) { return net.Listen("tcp", o.MetricsAddr) })
		if err != nil {
			return err
		}
	}
	ctx, cancel, err := u.run(ctx)
	if err != nil {
		return err
	}
	defer cancel()
	scheme := "http"
	if o.TLSCert != "" {
		scheme = "https"
	}
	o.Logger.Info("serving", "dir", s.Dir, "pages", len(s.Pages), "pid", os.Getpid(), "url", scheme+"://"+ln.Addr().String()+"/")
	return Run(ctx, s, ln, o)
}

// parseFlags reads the program's flags into Options, and the -pid-file.
// o.Logger writes to stderr through logOut, to be flushed before the
// program exits.
func parseFlags(args []string, stderr io.Writer) (o Options, pidFile string, logOut *logbatch.Writer, err error) {
	fl := flag.NewFlagSet("site", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&o.Addr, "addr", "127.0.0.1:8080", "address to listen on (unless systemd passes a socket: LISTEN_FDS)")
	fl.StringVar(&o.MetricsAddr, "metrics-addr", "", "address of /metrics (Prometheus), /livez and /readyz (empty: none)")
	logFormat := fl.String("log-format", "text", "log format: text or json")
	accessLog := fl.Bool("access-log", true, "log every request")
	logFlush := fl.Duration("log-flush", 100*time.Millisecond, "keep access log lines up to this long, or 64KiB of them, and write them together, as nginx's access_log flush= (0: write each at once); any other line, and one of a 5xx or a failed answer, is written at once with those kept before it; lines kept are lost if the program is killed")
	fl.StringVar(&o.TLSCert, "tls-cert", "", "TLS certificate file (PEM): serve HTTPS and HTTP/2, with -tls-key")
	fl.StringVar(&o.TLSKey, "tls-key", "", "TLS key file (PEM)")
	fl.StringVar(&pidFile, "pid-file", "", "write the serving program's pid here (after a SIGHUP upgrade, the new program's), for systemd's PIDFile")
	proxies := fl.String("trusted-proxies", "", "comma-separated addresses or networks (127.0.0.1, 10.0.0.0/8) whose X-Forwarded-For, -Proto and -Host are believed")
	fl.DurationVar(&o.ReadHeaderTimeout, "read-header-timeout", 10*time.Second, "time to read a request's header")
	fl.DurationVar(&o.ReadTimeout, "read-timeout", time.Minute, "time to read a whole request")
	fl.DurationVar(&o.WriteTimeout, "write-timeout", 2*time.Minute, "time to write a whole response, from the end of its request's header: a longer download is cut")
	fl.DurationVar(&o.IdleTimeout, "idle-timeout", 2*time.Minute, "keep-alive connection idle time")
	fl.IntVar(&o.MaxHeaderBytes, "max-header-bytes", 64<<10, "largest request header")
	fl.DurationVar(&o.ShutdownTimeout, "shutdown-timeout", 30*time.Second, "time in-flight requests get on SIGTERM/SIGINT")
	fl.DurationVar(&o.RequestTimeout, "request-timeout", time.Minute, "deadline of a page handler's request context (negative: none)")
	fl.IntVar(&o.MaxRequestsPerPage, "max-requests-per-page", 512, "handlers of one page running at once; more wait for a turn (negative: no bound)")
	fl.DurationVar(&o.QueueTimeout, "queue-timeout", 45*time.Second, "time a request waits for a turn: then a 503 with Retry-After")
	if err := fl.Parse(args); err != nil {
		return o, "", nil, err
	}
	if fl.NArg() != 0 {
		fl.Usage()
		return o, "", nil, fmt.Errorf("unexpected arguments %q", fl.Args())
	}
	format, err := logline.ParseFormat(*logFormat)
	if err != nil {
		return o, "", nil, err
	}
	// The access log's lines go out together, those of -log-flush (by
	// default) or of concurrent requests (group commit): a write(2) per
	// line was a tenth of the program's CPU on keep-alive hello_webob.
	// logline's handler holds no lock across its write, and flushes
	// logOut after any other line.
	logOut = &logbatch.Writer{W: stderr, Delay: *logFlush}
	o.Logger = slog.New(logline.New(logOut, format))
	o.NoAccessLog = !*accessLog
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return o, "", nil, errors.New("-tls-cert and -tls-key go together")
	}
	prefixes, err := ParseProxies(*proxies)
	if err != nil {
		return o, "", nil, err
	}
	o.TrustedProxies = prefixes
	return o, pidFile, logOut, nil
}

// ParseProxies parses a comma-separated list of IP addresses and networks
// ("127.0.0.1, 10.0.0.0/8, ::1") into prefixes; an address is a network of
// one. The empty string is no proxy.
func ParseProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if strings.Contains(item, "/") {
			p, err := netip.ParsePrefix(item)
			if err != nil {
				return nil, fmt.Errorf("site: trusted proxy %q: %w", item, err)
			}
			out = append(out, p)
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("site: trusted proxy %q: %w", item, err)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

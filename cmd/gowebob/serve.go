package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gowebob/gowebob/internal/bytesize"
	"github.com/gowebob/gowebob/internal/logbatch"
	"github.com/gowebob/gowebob/internal/logline"
	"github.com/gowebob/gowebob/internal/serve"
	"github.com/gowebob/gowebob/middleware"
)

// serveCmd is gowebob serve.
func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on")
	dev := fl.Bool("dev", false, "for development: compile errors and panics shown in the browser, pages reloaded when a build of them ends")
	idle := fl.Duration("idle", 10*time.Minute, "stop a page program after this long without requests")
	preload := fl.Bool("preload", false, "build and start every page before serving")
	logFormat := fl.String("log-format", "text", "log format: text or json")
	cache := fl.String("cache", "", "directory for built pages (default: the user cache directory)")
	cacheAge := fl.Duration("cache-max-age", 7*24*time.Hour, "remove a built page unused for this long from the cache (0: never)")
	cacheSize := 2 * bytesize.GiB
	fl.Var(&cacheSize, "cache-max-size", "remove the least recently used built pages beyond this total, such as 512MiB or 2GiB (0: no bound)")
	readHeader := fl.Duration("read-header-timeout", 10*time.Second, "time to read a request's header")
	read := fl.Duration("read-timeout", time.Minute, "time to read a whole request")
	write := fl.Duration("write-timeout", 2*time.Minute, "time to write a whole response, from the end of its request's header: a longer download is cut")
	idleConn := fl.Duration("idle-timeout", 2*time.Minute, "keep-alive connection idle time")
	maxHeader := fl.Int("max-header-bytes", 64<<10, "largest request header")
	shutdown := fl.Duration("shutdown-timeout", 30*time.Second, "time in-flight requests get on SIGINT/SIGTERM and when a page program is reloaded or recycled")
	requestTimeout := fl.Duration("request-timeout", time.Minute, "time a page's handler gets: then a 504, and a program whose handler ignores it is recycled (negative: off)")
	maxConcurrent := fl.Int("max-requests-per-page", 512, "requests one page program runs at once; more wait for a turn (negative: no bound)")
	queueTimeout := fl.Duration("queue-timeout", 45*time.Second, "time a request waits for a turn: then a 503 with Retry-After")
	maxRequests := fl.Int("max-requests", 0, "recycle a page program after this many requests (0: never)")
	maxLifetime := fl.Duration("max-lifetime", 0, "recycle a page program after this long (0: never)")
	pageMemory := bytesize.Size(serve.DefaultPageMemory())
	fl.Var(&pageMemory, "page-memory", "memory of one page program, such as 256MiB: past it the program dies, its running requests get a 502 (0: no bound; default: a quarter of the machine's memory, at most 1GiB)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: gowebob serve [flags] DIR")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return errors.New("serve takes one DIR")
	}
	// The page programs' records arrive in batches: each is written at
	// once (serve.Server.LogBatch). Records of concurrent requests are
	// written together too: logline's handler holds no lock across its
	// write.
	logOut := &logbatch.Writer{W: stderr}
	format, err := logline.ParseFormat(*logFormat)
	if err != nil {
		return err
	}
	log := slog.New(logline.New(logOut, format))

	limits := serve.Settings{ReadHeaderTimeout: *readHeader, ReadTimeout: *read, WriteTimeout: *write,
		IdleTimeout: *idleConn, MaxHeaderBytes: *maxHeader, ShutdownTimeout: *shutdown,
		RequestTimeout: *requestTimeout, MaxConcurrent: *maxConcurrent, QueueTimeout: *queueTimeout,
		MaxRequests: *maxRequests, MaxLifetime: *maxLifetime}
	srv := &serve.Server{Dev: *dev, Idle: *idle, Logger: log, LogBatch: logOut, CacheDir: *cache, Settings: limits,
		CacheMaxAge: offIfZero(*cacheAge), CacheMaxBytes: offIfZero(int64(cacheSize)),
		PageMemory: offIfZero(int64(pageMemory))}
	if err := srv.Open(ctx, fl.Arg(0)); err != nil {
		return err
	}
	defer srv.Close()
	if *preload {
		if err := srv.Preload(); err != nil {
			log.Error("preload", "error", err)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// Page programs answer the connections handed to them with the same
	// RequestID and AccessLog (see serve.Server.Serve).
	hs := &http.Server{
		Handler:           middleware.Chain(middleware.RequestID, middleware.AccessLog(log), middleware.RecoverWith(middleware.RecoverOptions{Logger: log}))(srv),
		ReadHeaderTimeout: limits.ReadHeaderTimeout,
		ReadTimeout:       limits.ReadTimeout,
		WriteTimeout:      limits.WriteTimeout,
		IdleTimeout:       limits.IdleTimeout,
		MaxHeaderBytes:    limits.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("serving", "dir", srv.Dir(), "url", "http://"+ln.Addr().String()+"/", "dev", *dev)
	fmt.Fprintf(stdout, "gowebob: serving %s on http://%s/\n", srv.Dir(), ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(hs, ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), *shutdown)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		log.Warn("shutdown", "error", err)
	}
	return nil
}

// offIfZero turns a flag's 0, which turns a limit off, into the -1 that
// does so for serve.Server, whose zero fields mean the defaults.
func offIfZero[T ~int64](v T) T {
	if v == 0 {
		return -1
	}
	return v
}

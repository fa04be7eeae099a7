package serve

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gowebob/gowebob/internal/pageproto"
)

// child is one running page program, listening on a private unix socket.
type child struct {
	key    string
	sock   string
	cmd    *exec.Cmd
	exited chan struct{}          // closed when the process has exited
	pool   *connPool              // keep-alive connections for forward
	proxy  *httputil.ReverseProxy // for protocol upgrades (WebSocket), which forward does not do

	inflight sync.WaitGroup
	active   atomic.Int64
	lastUsed atomic.Int64 // unix nanoseconds
	stopOnce sync.Once
}

// errChildStart is a page program that exited or did not listen in time.
var errChildStart = errors.New("serve: page program did not start")

// startChild runs bin with its socket at sock and waits until it listens.
func startChild(ctx context.Context, bin, key, sock, page string, log *slog.Logger, env []string, dir string) (*child, error) {
	os.Remove(sock)
	cmd := exec.Command(bin)
	cmd.Env = env
	cmd.Dir = dir
	out := &logWriter{log: log, page: page}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{key: key, sock: sock, cmd: cmd, exited: make(chan struct{}), pool: &connPool{sock: sock}}
	go func() {
		err := cmd.Wait()
		out.flush()
		if err != nil {
			log.Warn("page program exited", "page", page, "error", err)
		}
		close(c.exited)
	}()
	c.proxy = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme, pr.Out.URL.Host = "http", "page"
			pr.Out.Host = pr.In.Host
			// ReverseProxy drops query parameters it cannot parse (bad
			// escapes, ';'); the page must see the query as the client sent
			// it, as WebOb keeps it.
			pr.Out.URL.RawQuery = pr.In.URL.RawQuery
			// The environ the page must see; a client's own copy of the
			// header is replaced or removed, never passed on.
			if env, ok := pr.In.Context().Value(environHeaderKey{}).(string); ok {
				pr.Out.Header.Set(pageproto.Header, env)
			} else {
				pr.Out.Header.Del(pageproto.Header)
			}
		},
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				var d net.Dialer
				return d.DialContext(ctx, "unix", sock)
			},
			MaxIdleConnsPerHost: 64,
			IdleConnTimeout:     90 * time.Second,
		},
		// Zero still flushes streaming responses (unknown length, event
		// streams) at once, and batches the writes of the others.
		FlushInterval: 0,
		BufferPool:    copyBuffers,
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn, err := net.DialTimeout("unix", sock, time.Second)
		if err == nil {
			conn.Close()
			c.lastUsed.Store(time.Now().UnixNano())
			return c, nil
		}
		select {
		case <-c.exited:
			return nil, errChildStart
		case <-ctx.Done():
			c.kill()
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.kill()
			return nil, errChildStart
		}
	}
}

// alive reports whether the process is still running.
func (c *child) alive() bool {
	select {
	case <-c.exited:
		return false
	default:
		return true
	}
}

// acquire counts a request in; release counts it out.
func (c *child) acquire() {
	c.inflight.Add(1)
	c.active.Add(1)
	c.lastUsed.Store(time.Now().UnixNano())
}

func (c *child) release() {
	c.lastUsed.Store(time.Now().UnixNano())
	c.active.Add(-1)
	c.inflight.Done()
}

// stop asks the program to finish (SIGTERM: it completes the requests it
// has) once the requests the server sent it are done, kills it if it has
// not exited after grace, and removes its socket.
func (c *child) stop(grace time.Duration) {
	c.stopOnce.Do(func() {
		c.inflight.Wait()
		if c.alive() {
			c.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-c.exited:
			case <-time.After(grace):
				c.kill()
				<-c.exited
			}
		}
		c.pool.closeIdle()
		os.Remove(c.sock)
	})
}

func (c *child) kill() {
	c.cmd.Process.Kill()
}

// bufferPool lends ReverseProxy its copy buffers, which it would otherwise
// allocate, 32 KiB each, for every request.
type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() []byte    { return *(b.p.Get().(*[]byte)) }
func (b *bufferPool) Put(buf []byte) { b.p.Put(&buf) }

var copyBuffers = &bufferPool{p: sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}}

// logWriter sends a page program's output to the log, a record per line.
type logWriter struct {
	log  *slog.Logger
	page string
	mu   sync.Mutex
	buf  []byte
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.log.Info("page output", "page", w.page, "line", string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
	if len(w.buf) > 64<<10 {
		w.log.Info("page output", "page", w.page, "line", string(w.buf))
		w.buf = w.buf[:0]
	}
	return len(p), nil
}

func (w *logWriter) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) > 0 {
		w.log.Info("page output", "page", w.page, "line", string(w.buf))
		w.buf = nil
	}
}

var _ io.Writer = (*logWriter)(nil)

package serve

import (
	"context"
	"errors"
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

	"github.com/gowebob/gowebob/internal/handoff"
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
	ctl    *net.UnixConn          // the hand-off socket pair, nil without hand-off

	inflight sync.WaitGroup
	active   atomic.Int64
	lastUsed atomic.Int64 // unix nanoseconds
	stopOnce sync.Once
}

// errChildStart is a page program that exited or did not listen in time.
var errChildStart = errors.New("serve: page program did not start")

// handoffSpec is what a page program needs to take connections: the
// limits it applies to them, and where the connections it hands back go.
type handoffSpec struct {
	limits   Limits
	handback func(conn net.Conn, data []byte)
}

// startChild runs bin with its socket at sock and waits until it listens.
// With ho, the program also gets a hand-off socket pair, when the system
// has them.
func startChild(ctx context.Context, bin, key, sock, page string, log *slog.Logger, env []string, dir string, ho *handoffSpec) (*child, error) {
	os.Remove(sock)
	cmd := exec.Command(bin)
	cmd.Env = env
	cmd.Dir = dir
	out := &outputLog{log: log, page: page}
	cmd.Stdout, cmd.Stderr = out, out
	var ctl *net.UnixConn
	if ho != nil {
		ours, theirs, err := handoff.Pair()
		if err == nil {
			ctl = ours
			cmd.ExtraFiles = []*os.File{theirs} // descriptor 3: pageproto.HandoffFD
			cmd.Env = append(cmd.Env, pageproto.HandoffEnv+"="+ho.limits.WithDefaults().String())
			defer theirs.Close()
		}
	}
	if err := cmd.Start(); err != nil {
		if ctl != nil {
			ctl.Close()
		}
		return nil, err
	}
	c := &child{key: key, sock: sock, cmd: cmd, exited: make(chan struct{}), pool: &connPool{sock: sock}, ctl: ctl}
	if ctl != nil {
		go c.receive(log, ho.handback)
	}
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

// stop asks the program to finish (it completes the requests it has) once
// the requests the server sent it are done, kills it if it has not exited
// after grace without a sign of work (a program answering handed
// connections says it is busy twice a second), and removes its socket.
// The request to stop goes through the hand-off socket pair when there is
// one, after the connections sent before it, else as SIGTERM.
func (c *child) stop(grace time.Duration) {
	c.stopOnce.Do(func() {
		c.inflight.Wait()
		if c.alive() {
			if c.ctl == nil || handoff.Send(c.ctl, []byte{pageproto.MsgStop}, nil) != nil {
				c.cmd.Process.Signal(syscall.SIGTERM)
			}
			c.waitExit(grace)
		}
		c.pool.closeIdle()
		if c.ctl != nil {
			c.ctl.Close()
		}
		os.Remove(c.sock)
	})
}

// waitExit waits for the program to exit, killing it once it has been
// quiet for grace.
func (c *child) waitExit(grace time.Duration) {
	t := time.NewTimer(grace)
	defer t.Stop()
	for {
		select {
		case <-c.exited:
			return
		case <-t.C:
			if quiet := time.Since(time.Unix(0, c.lastUsed.Load())); quiet < grace {
				t.Reset(grace - quiet)
				continue
			}
			c.kill()
			<-c.exited
			return
		}
	}
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

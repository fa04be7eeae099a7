package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
)

// child is one running page program, listening on a private unix socket,
// and, where the system allows, taking connections lent over a socket
// pair (ctl) and accounted for in a shared table (lender).
type child struct {
	key     string
	page    string
	sock    string
	cmd     *exec.Cmd
	started time.Time
	exited  chan struct{} // closed when the process has exited and its connections are reclaimed
	settled chan struct{} // closed when the exit was settled (childSpec.exit returned)
	up      atomic.Bool   // the program started: it listens (and said hello)
	pool    *connPool     // keep-alive connections for forward
	ctl     *net.UnixConn // the hand-off socket pair, nil without hand-off
	lender  *handoff.Lender
	hello   chan int      // the version the program announced
	timeout time.Duration // the request timeout its safety nets apply

	inflight sync.WaitGroup
	active   atomic.Int64
	lastUsed atomic.Int64 // unix nanoseconds
	retiring atomic.Bool  // the program asked to be recycled, or is being stopped
	began    atomic.Bool  // the program began a proxied request (see pageproto.StartedStatus)
	stopOnce sync.Once
}

// errChildStart is a page program that exited or did not listen in time.
var errChildStart = errors.New("serve: page program did not start")

// errProtocol is a page program built against a gowebob that speaks
// another hand-off protocol.
var errProtocol = errors.New("serve: page program speaks another hand-off protocol (the docroot requires another gowebob than this server's)")

// childSpec is what starting a page program takes.
type childSpec struct {
	bin, key, sock, page, dir string
	env                       []string
	log                       *slog.Logger
	logBatch                  interface {
		Hold()
		Release()
	} // nil: none
	settings pageproto.Settings
	sockDir  string
	// memory is the program's memory limit in bytes (0: none); see
	// startLimited.
	memory int64
	// back serves again a connection the program gave back, or left
	// unanswered when it died; recycle is the program asking for a
	// successor; exit is told the program exited, and how.
	back    func(*handoff.Conn)
	recycle func(c *child, reason string)
	exit    func(c *child, r handoff.Reclaimed, err error)
}

// startTimeout bounds a page program's start: its init functions, and
// listening.
const startTimeout = 10 * time.Second

// tableSlots is how many connections one page program may hold at once;
// more are proxied.
const tableSlots = 2048

// startChild runs the program and waits until it listens (and, with
// hand-off, said hello).
func startChild(ctx context.Context, sp childSpec) (*child, error) {
	os.Remove(sp.sock)
	cmd := exec.Command(sp.bin)
	cmd.Env = append(sp.env[:len(sp.env):len(sp.env)], pageproto.PageEnv+"="+sp.page)
	cmd.Dir = sp.dir
	out := &outputLog{log: sp.log, page: sp.page}
	cmd.Stdout, cmd.Stderr = out, out
	c := &child{key: sp.key, page: sp.page, sock: sp.sock, cmd: cmd, exited: make(chan struct{}),
		settled: make(chan struct{}), pool: &connPool{sock: sp.sock}, hello: make(chan int, 1),
		timeout: sp.settings.WithDefaults().RequestTimeout}
	// A hand-off socket pair and a connection table, when the system has
	// them (else the program only gets proxied requests).
	var table *handoff.Table
	if ours, theirs, err := handoff.Pair(); err == nil {
		var tf *os.File
		table, tf, err = handoff.NewTable(sp.sockDir, tableSlots)
		if err != nil {
			ours.Close()
			theirs.Close()
		} else {
			c.ctl, c.lender = ours, handoff.NewLender(table)
			// Descriptors 3 and 4: pageproto.HandoffFD and TableFD.
			cmd.ExtraFiles = []*os.File{theirs, tf}
			cmd.Env = append(cmd.Env, pageproto.HandoffEnv+"="+pageproto.HandoffValue(sp.settings))
			defer theirs.Close()
			defer tf.Close()
		}
	}
	cgroup := "gowebob-" + strconv.Itoa(os.Getpid()) + "-" + strings.TrimSuffix(filepath.Base(sp.sock), ".sock")
	cmd, mem, err := startLimited(cmd, sp.memory, cgroup)
	if err != nil {
		if c.ctl != nil {
			c.ctl.Close()
			c.lender.Reclaim()
		}
		return nil, err
	}
	c.cmd = cmd
	c.started = time.Now()
	if c.ctl != nil {
		go c.receive(sp)
	}
	go func() {
		err := cmd.Wait()
		out.flush()
		err = mem.exitError(err, mem.release(), out.crashLine())
		var r handoff.Reclaimed
		if c.lender != nil {
			// The program is gone: its writes to the table are final.
			r = c.lender.Reclaim()
		}
		close(c.exited)
		sp.exit(c, r, err)
		close(c.settled)
	}()
	deadline := time.NewTimer(startTimeout)
	defer deadline.Stop()
	if c.ctl != nil {
		select {
		case v := <-c.hello:
			if v != pageproto.Version {
				c.kill()
				<-c.exited
				return nil, fmt.Errorf("%w: it speaks %d, the server %d", errProtocol, v, pageproto.Version)
			}
		case <-c.exited:
			// The next start must see this death counted (see crashes).
			<-c.settled
			return nil, errChildStart
		case <-deadline.C:
			sp.log.Error("page program did not start in time: killed", "page", sp.page, "waited", startTimeout)
			c.kill()
			return nil, errChildStart
		case <-ctx.Done():
			c.kill()
			return nil, ctx.Err()
		}
		// A program says hello once it listens.
		c.lastUsed.Store(time.Now().UnixNano())
		c.up.Store(true)
		return c, nil
	}
	for {
		conn, err := net.DialTimeout("unix", sp.sock, time.Second)
		if err == nil {
			conn.Close()
			c.lastUsed.Store(time.Now().UnixNano())
			c.up.Store(true)
			return c, nil
		}
		select {
		case <-c.exited:
			<-c.settled
			return nil, errChildStart
		case <-ctx.Done():
			c.kill()
			return nil, ctx.Err()
		case <-deadline.C:
			sp.log.Error("page program did not start in time: killed", "page", sp.page, "waited", startTimeout)
			c.kill()
			return nil, errChildStart
		case <-time.After(10 * time.Millisecond):
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

// idleSince returns how long the program has had no request: none from
// the server, none on a connection lent to it, none running.
func (c *child) idleSince(now time.Time) time.Duration {
	if c.active.Load() > 0 {
		return 0
	}
	last := c.lastUsed.Load()
	if c.lender != nil {
		if c.lender.OldestBusy() != 0 {
			return 0
		}
		last = max(last, c.lender.Latest())
	}
	return now.Sub(time.Unix(0, last))
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

// stop asks the program to finish (it completes the requests it has and
// gives its idle connections back) once the requests the server sent it
// are done, and kills it if it has not exited after grace. The request to
// stop goes through the hand-off socket pair when there is one, after the
// connections sent before it, else as SIGTERM.
func (c *child) stop(grace time.Duration) {
	c.retiring.Store(true)
	c.stopOnce.Do(func() {
		c.inflight.Wait()
		if c.alive() {
			if c.ctl == nil || handoff.Send(c.ctl, []byte{pageproto.MsgStop}, nil) != nil {
				c.cmd.Process.Signal(syscall.SIGTERM)
			}
			t := time.NewTimer(grace)
			select {
			case <-c.exited:
			case <-t.C:
				c.kill()
				<-c.exited
			}
			t.Stop()
		}
		c.pool.closeIdle()
		if c.ctl != nil {
			c.ctl.Close()
		}
		os.Remove(c.sock)
	})
}

func (c *child) kill() {
	c.cmd.Process.Kill()
}

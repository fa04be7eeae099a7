package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// inheritEnv names, in a program an upgrade starts, the descriptors it
// inherits: "addr=3 metrics=4 ready=5" (metrics only with -metrics-addr).
const inheritEnv = "GOWEBOB_SITE_INHERIT"

// errUpgraded is the cause of the end of Run's context once a new program
// took over: Run then stops answering the probes at once, since the new
// program answers them on the same socket.
var errUpgraded = errors.New("site: a new program took over")

// upgradeTimeout is how long a new program gets to say it is ready.
const upgradeTimeout = time.Minute

// upgrader holds the listening sockets across upgrades, the way nginx and
// cloudflare/tableflip do: on SIGHUP a new copy of the program
// (os.Args[0], which may have been replaced by a new build) starts with
// the sockets as inherited descriptors; once it says it is ready, the old
// program drains and exits. One upgrade at a time; a new program that
// exits or is not ready within a minute is stopped, and the old one goes
// on serving.
//
// It is written here rather than with tableflip: that would be a module
// every docroot's go.mod and go.sum must list (a program gowebob build
// makes is built in the docroot's module), for a protocol of three
// descriptors and one pipe.
type upgrader struct {
	log     *slog.Logger
	pidFile string
	args    []string

	inherited map[string]*os.File // by name, from the old program
	ready     *os.File            // where to say ready, nil for the first program

	mu        sync.Mutex
	listeners map[string]net.Listener // to pass on, by name
	upgrading bool
}

// newUpgrader reads what an old program passed, if any.
func newUpgrader(pidFile string, log *slog.Logger, args []string) (*upgrader, error) {
	u := &upgrader{log: log, pidFile: pidFile, args: args, inherited: map[string]*os.File{}, listeners: map[string]net.Listener{}}
	v, ok := os.LookupEnv(inheritEnv)
	if !ok {
		return u, nil
	}
	os.Unsetenv(inheritEnv)
	for item := range strings.FieldsSeq(v) {
		name, fd, ok := strings.Cut(item, "=")
		n, err := strconv.Atoi(fd)
		if !ok || err != nil || n < 3 {
			return nil, fmt.Errorf("site: %s=%q: not name=descriptor", inheritEnv, v)
		}
		f := os.NewFile(uintptr(n), name)
		if name == "ready" {
			u.ready = f
		} else {
			u.inherited[name] = f
		}
	}
	return u, nil
}

// listen returns the socket called name: the old program's after an
// upgrade, else open's; it is passed on at the next upgrade.
func (u *upgrader) listen(name string, open func() (net.Listener, error)) (net.Listener, error) {
	var ln net.Listener
	var err error
	if f, ok := u.inherited[name]; ok {
		ln, err = net.FileListener(f)
		f.Close()
		delete(u.inherited, name)
		if err != nil {
			return nil, fmt.Errorf("site: the %s socket the old program passed: %w", name, err)
		}
	} else if ln, err = open(); err != nil {
		return nil, err
	}
	u.mu.Lock()
	u.listeners[name] = ln
	u.mu.Unlock()
	return ln, nil
}

// run says the program is ready (to the old program, which then drains,
// and in the pid file), and returns a context that ends on SIGTERM,
// SIGINT, or once a new program took over after SIGHUP.
func (u *upgrader) run(parent context.Context) (context.Context, context.CancelFunc, error) {
	for name, f := range u.inherited { // passed, not used: the flags changed
		f.Close()
		delete(u.inherited, name)
	}
	if u.pidFile != "" {
		if err := writePIDFile(u.pidFile); err != nil {
			return nil, nil, err
		}
	}
	if u.ready != nil {
		u.ready.Write([]byte("ready\n"))
		u.ready.Close()
	}
	handedOver, handOver := context.WithCancelCause(parent)
	ctx, cancel := signal.NotifyContext(handedOver, syscall.SIGTERM, os.Interrupt)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for {
			select {
			case <-hup:
				if err := u.upgrade(ctx); err != nil {
					u.log.Error("upgrade failed: this program goes on serving", "error", err)
					continue
				}
				u.log.Info("upgrade: the new program is ready; this one drains")
				handOver(errUpgraded)
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return ctx, func() { signal.Stop(hup); cancel(); handOver(nil) }, nil
}

// upgrade starts the new program with the sockets and waits until it
// says it is ready.
func (u *upgrader) upgrade(ctx context.Context) error {
	u.mu.Lock()
	if u.upgrading {
		u.mu.Unlock()
		return errors.New("an upgrade is under way")
	}
	u.upgrading = true
	u.mu.Unlock()
	defer func() {
		u.mu.Lock()
		u.upgrading = false
		u.mu.Unlock()
	}()
	u.log.Info("upgrade: starting a new program", "program", os.Args[0])
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	defer r.Close()
	cmd := exec.Command(os.Args[0], u.args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	var spec []string
	u.mu.Lock()
	for name, ln := range u.listeners {
		f, err := fileOf(ln)
		if err != nil {
			u.mu.Unlock()
			w.Close()
			return err
		}
		defer f.Close()
		cmd.ExtraFiles = append(cmd.ExtraFiles, f)
		spec = append(spec, name+"="+strconv.Itoa(2+len(cmd.ExtraFiles)))
	}
	u.mu.Unlock()
	cmd.ExtraFiles = append(cmd.ExtraFiles, w)
	spec = append(spec, "ready="+strconv.Itoa(2+len(cmd.ExtraFiles)))
	cmd.Env = append(os.Environ(), inheritEnv+"="+strings.Join(spec, " "))
	err = cmd.Start()
	w.Close()
	if err != nil {
		return fmt.Errorf("starting %s: %w", os.Args[0], err)
	}
	ready := make(chan error, 1)
	go func() {
		b := make([]byte, 6)
		_, err := io.ReadFull(r, b)
		if err == nil && string(b) != "ready\n" {
			err = errors.New("unexpected answer")
		}
		ready <- err
	}()
	t := time.NewTimer(upgradeTimeout)
	defer t.Stop()
	select {
	case err = <-ready:
	case <-t.C:
		err = fmt.Errorf("not ready after %s", upgradeTimeout)
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		cmd.Process.Kill()
		go cmd.Wait()
		return fmt.Errorf("the new program (pid %d): %w", cmd.Process.Pid, err)
	}
	// The new program outlives this one: nothing waits for it here.
	cmd.Process.Release()
	return nil
}

// fileOf returns a duplicate of a listener's descriptor, closed on exec
// (ExtraFiles passes it without).
func fileOf(ln net.Listener) (*os.File, error) {
	fl, ok := ln.(interface{ File() (*os.File, error) })
	if !ok {
		return nil, fmt.Errorf("site: a %T cannot be passed to a new program", ln)
	}
	return fl.File()
}

// writePIDFile writes this process's pid into path, atomically.
func writePIDFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pid-*")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(tmp, "%d\n", os.Getpid())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

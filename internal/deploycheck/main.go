// Command deploycheck runs deploy/nginx.conf on loopback in front of two
// instances of a program gowebob build made of examples/www, sends a load
// of GET and POST requests through nginx with a client that never retries
// (a new connection per request), and restarts each instance in turn: one
// by a SIGHUP upgrade, the other by SIGTERM and a new start while a socket
// holder keeps its listening socket, as systemd's socket activation does
// (deploy/gowebob-site.socket). It first checks that the pages see the
// client's address, host and scheme through nginx (trusted proxy headers).
// It exits 1 if any request failed. deploy/check.sh builds what it needs
// and runs it; CI runs that.
//
//	go run ./internal/deploycheck -bin /tmp/www-site -conf deploy/nginx.conf
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("bin", "", "the program gowebob build made of examples/www")
	nginx := flag.String("nginx", "nginx", "the nginx command")
	conf := flag.String("conf", "deploy/nginx.conf", "the nginx configuration to check (its server and upstream blocks)")
	phase := flag.Duration("phase", 2*time.Second, "load before, between and after the restarts")
	workers := flag.Int("workers", 8, "concurrent clients")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "deploycheck: -bin is required")
		os.Exit(2)
	}
	failed, err := run(*bin, *nginx, *conf, *phase, *workers)
	if err != nil {
		fmt.Fprintln(os.Stderr, "deploycheck:", err)
		os.Exit(2)
	}
	if failed > 0 {
		os.Exit(1)
	}
}

func run(bin, nginx, conf string, phase time.Duration, workers int) (int, error) {
	dir, err := os.MkdirTemp("", "deploycheck-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755) // nginx's workers may run as nobody
	ports, err := freePorts(5)
	if err != nil {
		return 0, err
	}
	front, portA, portB, metricsA, metricsB := ports[0], ports[1], ports[2], ports[3], ports[4]
	common := []string{"-trusted-proxies", "127.0.0.1", "-shutdown-timeout", "10s", "-log-format", "json"}

	// Instance A: its socket held by this program, as systemd holds it.
	a, err := startHeld(bin, "127.0.0.1:"+portA, append([]string{"-metrics-addr", "127.0.0.1:" + metricsA}, common...), filepath.Join(dir, "a.log"))
	if err != nil {
		return 0, err
	}
	defer a.stop()
	// Instance B: its own socket, upgraded by SIGHUP.
	pidB := filepath.Join(dir, "b.pid")
	b, err := startLogged(bin, append([]string{"-addr", "127.0.0.1:" + portB, "-metrics-addr", "127.0.0.1:" + metricsB, "-pid-file", pidB}, common...), filepath.Join(dir, "b.log"), nil)
	if err != nil {
		return 0, err
	}
	b.Process.Release()
	defer func() {
		if pid, err := readPID(pidB); err == nil {
			syscall.Kill(pid, syscall.SIGTERM)
		}
	}()
	for _, m := range []string{metricsA, metricsB} {
		if err := waitReady("http://127.0.0.1:"+m+"/readyz", 10*time.Second); err != nil {
			return 0, fmt.Errorf("instance not ready: %w", err)
		}
	}

	stopNginx, err := startNginx(nginx, conf, dir, front, portA, portB)
	if err != nil {
		return 0, err
	}
	defer stopNginx()
	base := "http://127.0.0.1:" + front
	if err := checkProxyHeaders(base); err != nil {
		return 0, err
	}
	fmt.Println("proxy headers: the pages see the client's address, host and scheme")

	l := &load{base: base}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := l.start(ctx, workers)

	time.Sleep(phase)
	oldB, err := readPID(pidB)
	if err != nil {
		return 0, err
	}
	fmt.Printf("SIGHUP instance B (pid %d)\n", oldB)
	syscall.Kill(oldB, syscall.SIGHUP)
	if err := waitFor(20*time.Second, func() bool { p, err := readPID(pidB); return err == nil && p != oldB }); err != nil {
		return 0, errors.New("instance B was not upgraded")
	}
	newB, _ := readPID(pidB)
	fmt.Printf("instance B upgraded: pid %d\n", newB)

	time.Sleep(phase)
	oldA := a.pid()
	fmt.Printf("SIGTERM instance A (pid %d), then start it again\n", oldA)
	syscall.Kill(oldA, syscall.SIGTERM)
	if err := waitFor(30*time.Second, func() bool { return a.pid() != oldA && a.pid() != 0 }); err != nil {
		return 0, errors.New("instance A was not started again")
	}
	if err := waitReady("http://127.0.0.1:"+metricsA+"/readyz", 10*time.Second); err != nil {
		return 0, err
	}
	fmt.Printf("instance A started again: pid %d\n", a.pid())

	time.Sleep(phase)
	cancel()
	<-done
	fmt.Println(l.summary())
	return l.failed, nil
}

// held is an instance whose listening socket this program holds and
// passes to each start, with LISTEN_FDS and LISTEN_PID, as systemd does;
// it starts the program again each time it exits, until stop.
type held struct {
	mu      sync.Mutex
	cur     *exec.Cmd
	stopped bool
	exited  chan struct{}
}

func startHeld(bin, addr string, args []string, logPath string) (*held, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	f, err := ln.(*net.TCPListener).File()
	if err != nil {
		return nil, err
	}
	h := &held{exited: make(chan struct{})}
	startOne := func() (*exec.Cmd, error) {
		// LISTEN_PID must be the program's own pid: sh knows it ($$) and
		// exec keeps it.
		shArgs := append([]string{"-c", `LISTEN_PID=$$ LISTEN_FDS=1 exec "$0" "$@"`, bin}, args...)
		return startLogged("/bin/sh", shArgs, logPath, []*os.File{f})
	}
	cmd, err := startOne()
	if err != nil {
		return nil, err
	}
	h.cur = cmd
	go func() {
		defer close(h.exited)
		defer f.Close()
		defer ln.Close()
		for {
			h.mu.Lock()
			c := h.cur
			h.mu.Unlock()
			c.Wait()
			h.mu.Lock()
			if h.stopped {
				h.mu.Unlock()
				return
			}
			next, err := startOne()
			if err != nil {
				h.mu.Unlock()
				fmt.Fprintln(os.Stderr, "deploycheck: starting instance A again:", err)
				return
			}
			h.cur = next
			h.mu.Unlock()
		}
	}()
	return h, nil
}

func (h *held) pid() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cur == nil || h.cur.Process == nil {
		return 0
	}
	return h.cur.Process.Pid
}

func (h *held) stop() {
	h.mu.Lock()
	h.stopped = true
	c := h.cur
	h.mu.Unlock()
	c.Process.Signal(syscall.SIGTERM)
	select {
	case <-h.exited:
	case <-time.After(15 * time.Second):
		c.Process.Kill()
	}
}

// startLogged starts name with args, its output appended to logPath.
func startLogged(name string, args []string, logPath string, extra []*os.File) (*exec.Cmd, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.ExtraFiles = extra
	err = cmd.Start()
	logf.Close()
	return cmd, err
}

// startNginx runs nginx in the foreground with conf, its ports replaced,
// inside a minimal main configuration, and returns how to stop it.
func startNginx(nginx, conf, dir, front, portA, portB string) (func(), error) {
	src, err := os.ReadFile(conf)
	if err != nil {
		return nil, err
	}
	site := strings.NewReplacer("127.0.0.1:8080", "127.0.0.1:"+front, "127.0.0.1:8081", "127.0.0.1:"+portA, "127.0.0.1:8082", "127.0.0.1:"+portB).Replace(string(src))
	if err := os.WriteFile(filepath.Join(dir, "site.conf"), []byte(site), 0o644); err != nil {
		return nil, err
	}
	tmp := filepath.Join(dir, "nginx-tmp")
	if err := os.MkdirAll(tmp, 0o777); err != nil {
		return nil, err
	}
	os.Chmod(tmp, 0o777)
	main := fmt.Sprintf(`daemon off;
worker_processes 2;
pid %[1]s/nginx.pid;
error_log %[1]s/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
    include %[1]s/site.conf;
}
`, dir, tmp)
	mainPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(mainPath, []byte(main), 0o644); err != nil {
		return nil, err
	}
	cmd, err := startLogged(nginx, []string{"-c", mainPath, "-p", dir + "/", "-e", filepath.Join(dir, "nginx-error.log")}, filepath.Join(dir, "nginx.out"), nil)
	if err != nil {
		return nil, err
	}
	stop := func() {
		cmd.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	}
	if err := waitFor(10*time.Second, func() bool {
		c, err := net.Dial("tcp", "127.0.0.1:"+front)
		if err == nil {
			c.Close()
		}
		return err == nil
	}); err != nil {
		stop()
		out, _ := os.ReadFile(filepath.Join(dir, "nginx-error.log"))
		return nil, fmt.Errorf("nginx did not start: %s", out)
	}
	return stop, nil
}

// checkProxyHeaders asks, from 127.0.0.2 with Host www.example.com, what
// the pages make of the request behind nginx.
func checkProxyHeaders(base string) error {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}
	client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, DisableKeepAlives: true}, Timeout: 10 * time.Second}
	get := func(path, accept string) ([]byte, error) {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Host = "www.example.com"
		req.Header.Set("Accept", accept)
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return io.ReadAll(resp.Body)
	}
	b, err := get("/inspect/x?q=1", "application/json")
	if err != nil {
		return err
	}
	var d map[string]any
	if err := json.Unmarshal(b, &d); err != nil {
		return fmt.Errorf("inspect: %w", err)
	}
	want := map[string]string{
		"url": "http://www.example.com/inspect/x?q=1", "host_url": "http://www.example.com",
		"application_url": "http://www.example.com/inspect", "scheme": "http", "host": "www.example.com",
	}
	for k, v := range want {
		if d[k] != v {
			return fmt.Errorf("behind nginx, inspect's %s is %v, want %s", k, d[k], v)
		}
	}
	b, err = get("/environ", "text/plain")
	if err != nil {
		return err
	}
	if !strings.Contains(string(b), "\nREMOTE_ADDR: 127.0.0.2\n") {
		return fmt.Errorf("behind nginx, the environ's REMOTE_ADDR is not the client's 127.0.0.2:\n%s", b)
	}
	return nil
}

// load is the clients: each request on a new connection, never retried.
type load struct {
	base string

	mu       sync.Mutex
	sent     int
	failed   int
	byError  map[string]int
	examples []string
}

func (l *load) start(ctx context.Context, workers int) <-chan struct{} {
	l.byError = map[string]int{}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ctx.Err() == nil; n++ {
				post := (w+n)%2 == 1
				l.record(l.one(client, post, w, n))
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	return done
}

// one sends a request and returns why it failed, or "".
func (l *load) one(client *http.Client, post bool, w, n int) string {
	var resp *http.Response
	var err error
	var want string
	if post {
		name := "w" + strconv.Itoa(w) + "n" + strconv.Itoa(n)
		resp, err = client.Post(l.base+"/hello_webob", "application/x-www-form-urlencoded", strings.NewReader("firstname="+name))
		want = "<li>firstname = " + name + "</li>"
	} else {
		resp, err = client.Get(l.base + "/hello")
		want = "Hello, world!"
	}
	if err != nil {
		return "error: " + err.Error()
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	switch {
	case err != nil:
		return "body: " + err.Error()
	case resp.StatusCode != 200:
		return "status " + resp.Status
	case !strings.Contains(string(b), want):
		return "wrong body"
	}
	return ""
}

func (l *load) record(failure string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent++
	if failure == "" {
		return
	}
	l.failed++
	l.byError[strings.SplitN(failure, ":", 2)[0]]++
	if len(l.examples) < 10 {
		l.examples = append(l.examples, time.Now().Format("15:04:05.000 ")+failure)
	}
}

func (l *load) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := fmt.Sprintf("sent: %d requests (GET and POST, through nginx), failed: %d", l.sent, l.failed)
	for _, e := range l.examples {
		s += "\n  " + e
	}
	return s
}

func readPID(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(b)))
}

func waitReady(url string, max time.Duration) error {
	return waitFor(max, func() bool {
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
}

func waitFor(max time.Duration, cond func() bool) error {
	deadline := time.Now().Add(max)
	for !cond() {
		if time.Now().After(deadline) {
			return errors.New("timed out")
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

func freePorts(n int) ([]string, error) {
	var lns []net.Listener
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	var out []string
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		lns = append(lns, ln)
		out = append(out, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	}
	return out, nil
}

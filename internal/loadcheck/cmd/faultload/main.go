// Command faultload checks gowebob serve's promise about page processes
// that die: it serves a copy of examples/www plus loadcheck.PageSource as
// fault.go with a freshly built gowebob, loads /fault with loadcheck.Run
// while the page process dies, and prints what failed, executed or not.
//
// Usage:
//
//	go run ./internal/loadcheck/cmd/faultload [flags]
//
// With -mode exit the page exits on every -exit-every'th request it
// handles; with -mode kill it gets SIGKILL every -kill-every; with -mode
// none it does not die. The exit status is 1 when a request failed that no
// page executed, 2 when the check could not run. Run it from inside the
// gowebob repository: it builds gowebob from there.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gowebob/gowebob/internal/loadcheck"
)

const modulePath = "github.com/gowebob/gowebob"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	never, err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "faultload:", err)
		}
		os.Exit(2)
	}
	if never {
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	mode      string
	duration  time.Duration
	conns     int
	exitEvery int
	killEvery time.Duration
	addr      string
	keep      bool
}

// run is main without the process: it reports whether there were
// never-executed failures instead of exiting.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (never bool, err error) {
	var o options
	fl := flag.NewFlagSet("faultload", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&o.mode, "mode", "exit", "how the page process dies: exit, kill or none")
	fl.DurationVar(&o.duration, "duration", 15*time.Second, "how long to send requests")
	fl.IntVar(&o.conns, "conns", 16, "keep-alive connections sending requests")
	fl.IntVar(&o.exitEvery, "exit-every", 50, "with -mode exit, the page exits on every Nth request it handles")
	fl.DurationVar(&o.killEvery, "kill-every", 3*time.Second, "with -mode kill, SIGKILL the page process this often")
	fl.StringVar(&o.addr, "addr", "127.0.0.1:8097", "address gowebob serve listens on")
	fl.BoolVar(&o.keep, "keep", false, "keep the temporary directory (docroot, record, server log)")
	if err := fl.Parse(args); err != nil {
		return false, err
	}
	if fl.NArg() != 0 {
		return false, fmt.Errorf("unexpected arguments %q", fl.Args())
	}
	switch o.mode {
	case "exit", "kill", "none":
	default:
		return false, fmt.Errorf("unknown -mode %q: want exit, kill or none", o.mode)
	}

	root, err := repoRoot()
	if err != nil {
		return false, err
	}
	tmp, err := os.MkdirTemp("", "faultload-")
	if err != nil {
		return false, err
	}
	if o.keep {
		fmt.Fprintf(stderr, "faultload: keeping %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	docroot := filepath.Join(tmp, "www")
	if err := makeDocroot(filepath.Join(root, "examples", "www"), docroot, root); err != nil {
		return false, err
	}
	bin := filepath.Join(tmp, "gowebob")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/gowebob")
	build.Dir = root
	build.Stdout, build.Stderr = stderr, stderr
	if err := build.Run(); err != nil {
		return false, fmt.Errorf("building gowebob: %w", err)
	}

	record := filepath.Join(tmp, "record")
	logPath := filepath.Join(tmp, "server.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return false, err
	}
	defer logFile.Close()
	srv := exec.Command(bin, "serve", "-addr", o.addr, "-cache", filepath.Join(tmp, "cache"), docroot)
	srv.Env = pageEnv(os.Environ(), record, o)
	// The access log of thousands of requests a second goes to a file.
	srv.Stdout, srv.Stderr = logFile, logFile
	if err := srv.Start(); err != nil {
		return false, err
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	defer stopServer(srv, exited, stderr)

	url := "http://" + o.addr + "/fault"
	fmt.Fprintf(stderr, "faultload: waiting for %s (the first request builds the page)\n", url)
	if err := waitReady(ctx, url, exited); err != nil {
		return false, fmt.Errorf("%w (server log: %s)", err, logPath)
	}
	// The warm-up request is in the record without an id, which the
	// count ignores.

	cfg := loadcheck.Config{URL: url, Conns: o.conns, Duration: o.duration, RecordPath: record}
	if o.mode == "kill" {
		cfg.KillEvery = o.killEvery
	}
	fmt.Fprintf(stderr, "faultload: %s\n", describe(o))
	res, err := loadcheck.Run(ctx, cfg)
	if err != nil {
		return false, err
	}
	fmt.Fprintf(stdout, "mode: %s\n%s\n", describe(o), res)
	return res.FailedNeverExecuted > 0, nil
}

// describe says in words how the page dies and under what load.
func describe(o options) string {
	var how string
	switch o.mode {
	case "exit":
		how = fmt.Sprintf("exit, the page exits once every %d requests it handles", o.exitEvery)
	case "kill":
		how = fmt.Sprintf("kill, SIGKILL to the page process every %s", o.killEvery)
	default:
		how = "none, the page does not die"
	}
	return fmt.Sprintf("%s; %d keep-alive connections for %s", how, o.conns, o.duration)
}

// pageEnv is env for gowebob serve, which passes it on to the page
// programs: the record, and the exit period only with -mode exit, whatever
// the caller's environment says.
func pageEnv(env []string, record string, o options) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, loadcheck.RecordEnv+"=") && !strings.HasPrefix(kv, loadcheck.ExitEveryEnv+"=") {
			out = append(out, kv)
		}
	}
	out = append(out, loadcheck.RecordEnv+"="+record)
	if o.mode == "exit" {
		out = append(out, loadcheck.ExitEveryEnv+"="+strconv.Itoa(o.exitEvery))
	}
	return out
}

// repoRoot walks up from the working directory to the directory whose
// go.mod declares the gowebob module; bench/ and examples/www have go.mod
// files of their own on the way.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if mod, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && moduleOf(mod) == modulePath {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the gowebob repository (no go.mod for " + modulePath + " above the working directory)")
		}
		dir = parent
	}
}

// moduleOf is the module path a go.mod declares, or "".
func moduleOf(mod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(mod))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}

// makeDocroot copies the docroot src to dst, points its go.mod's replace
// of the gowebob module at root (the copy is not two levels below the
// repository any more) and adds loadcheck.PageSource as fault.go.
func makeDocroot(src, dst, root string) error {
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		return err
	}
	modPath := filepath.Join(dst, "go.mod")
	mod, err := os.ReadFile(modPath)
	if err != nil {
		return err
	}
	lines := strings.Split(string(mod), "\n")
	replaced := false
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "replace "+modulePath+" =>") {
			lines[i] = "replace " + modulePath + " => " + root
			replaced = true
		}
	}
	if !replaced {
		return fmt.Errorf("%s: no replace of %s to rewrite", filepath.Join(src, "go.mod"), modulePath)
	}
	if err := os.WriteFile(modPath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dst, "fault.go"), []byte(loadcheck.PageSource), 0o644)
}

// waitReady asks url until it answers 200, which takes a build of the page
// the first time. It gives up after two minutes, when ctx is done, or
// when the server exits.
func waitReady(ctx context.Context, url string, exited <-chan error) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	client := &http.Client{Timeout: time.Minute}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = errors.New(resp.Status)
		}
		select {
		case e := <-exited:
			return fmt.Errorf("gowebob serve exited: %v", e)
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer 200: %v", url, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// stopServer stops gowebob serve with SIGTERM, as an operator would, and
// with SIGKILL if it has not exited 35 seconds later (its shutdown gives
// requests 30).
func stopServer(srv *exec.Cmd, exited <-chan error, stderr io.Writer) {
	srv.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(35 * time.Second):
		fmt.Fprintln(stderr, "faultload: gowebob serve did not stop on SIGTERM; killing it")
		srv.Process.Kill()
		<-exited
	}
}

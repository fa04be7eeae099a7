// Package peer starts the seed's reference set-up, Apache 2 with mod_wsgi
// and Python WebOb serving the repository's peer/www, for tests that compare
// an example with its Python twin request for request.
//
// The tests that use it skip when Apache or mod_wsgi is not installed, so
// that a machine without them still passes; .ci/run installs them.
package peer

import (
	"bytes"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Paths of the Debian packages apache.sh installs.
const (
	apacheBin = "/usr/sbin/apache2"
	modWSGI   = "/usr/lib/apache2/modules/mod_wsgi.so"
)

// SkipMessage is why a test skips when the peer is not installed.
const SkipMessage = "apache2 + mod_wsgi not installed: run bash peer/apache.sh install"

// Dir returns the peer directory, peer/ at the root of the repository. It
// reports false when the working directory is not inside the repository or
// peer/apache.sh is missing there.
func Dir() (string, bool) {
	root, ok := repoRoot()
	if !ok {
		return "", false
	}
	dir := filepath.Join(root, "peer")
	if _, err := os.Stat(filepath.Join(dir, "apache.sh")); err != nil {
		return "", false
	}
	return dir, true
}

// repoRoot finds the directory of the gowebob module's go.mod, walking up
// from the working directory (a test's package directory).
func repoRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(b, []byte("module github.com/gowebob/gowebob\n")) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Start starts Apache with mod_wsgi serving the peer's www folder on a free
// loopback port, stops it when the test ends, and returns its base URL,
// "http://127.0.0.1:PORT". It skips the test when Apache or mod_wsgi is not
// installed, and fails it when the repository's peer/ cannot be found.
func Start(tb testing.TB) string {
	tb.Helper()
	for _, f := range []string{apacheBin, modWSGI} {
		if _, err := os.Stat(f); err != nil {
			tb.Skip(SkipMessage)
		}
	}
	dir, ok := Dir()
	if !ok {
		// peer/ is part of the repository: its absence is a broken
		// checkout, not a machine without Apache.
		tb.Fatal("peer: peer/apache.sh not found at the root of the repository")
	}
	port, err := freePort()
	if err != nil {
		tb.Fatalf("peer: finding a free port: %v", err)
	}
	// Apache's workers run as www-data and must reach www/ through every
	// parent directory; a clone may live under a directory only root can
	// enter (mktemp -d makes them 0700). Run a copy from a directory anyone
	// can traverse.
	dir = copyPeer(tb, dir)
	run := tb.TempDir()
	script := filepath.Join(dir, "apache.sh")
	env := append(os.Environ(), "RUN="+run)
	cmd := exec.Command("bash", script, "start", strconv.Itoa(port))
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("peer: %s start: %v\n%s", script, err, out)
	}
	tb.Cleanup(func() {
		stop := exec.Command("bash", script, "stop")
		stop.Env = env
		if out, err := stop.CombinedOutput(); err != nil {
			tb.Errorf("peer: %s stop: %v\n%s", script, err, out)
		}
		// Apache removes its pid file when it has exited; wait for that so
		// that the run directory can be removed.
		pidFile := filepath.Join(run, "apache.pid")
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if _, err := os.Stat(pidFile); os.IsNotExist(err) {
				return
			}
		}
		tb.Logf("peer: apache did not remove %s within 10s", pidFile)
	})
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

// copyPeer copies the peer directory (apache.sh, the configuration template
// and www/) into a new world-readable temporary directory, removed when the
// test ends, and returns it.
func copyPeer(tb testing.TB, src string) string {
	tb.Helper()
	dst, err := os.MkdirTemp("", "gowebob-peer-")
	if err != nil {
		tb.Fatalf("peer: %v", err)
	}
	tb.Cleanup(func() { os.RemoveAll(dst) })
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o755)
	})
	if err == nil {
		err = os.Chmod(dst, 0o755)
	}
	if err != nil {
		tb.Fatalf("peer: copying %s: %v", src, err)
	}
	return dst
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

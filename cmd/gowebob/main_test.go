package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer collects the server's log from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveInBackground runs gowebob serve on a free port and returns its URL
// and a function that stops it (as SIGINT would) and waits for it.
func serveInBackground(t *testing.T, dir string, flags ...string) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	logs := &lockedBuffer{}
	done := make(chan error, 1)
	go func() {
		args := append([]string{"serve", "-addr", "127.0.0.1:0", "-cache", t.TempDir(), "-shutdown-timeout", "10s"}, flags...)
		done <- run(ctx, append(args, dir), pw, logs)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	require.True(t, sc.Scan(), "serve printed nothing; log:\n%s", logs.String())
	line := sc.Text()
	go io.Copy(io.Discard, pr)
	i := strings.Index(line, "http://")
	require.GreaterOrEqual(t, i, 0, line)
	url := strings.TrimSuffix(line[i:], "/")
	var once sync.Once
	var stopErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(30 * time.Second):
				t.Error("serve did not stop")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { stop() })
	return url, stop
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestInitAndServe(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	dir := filepath.Join(t.TempDir(), "mysite")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"init", dir}, &out, &out), out.String())
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	assert.Contains(t, string(gomod), "module site")
	assert.Contains(t, string(gomod), "replace github.com/gowebob/gowebob => ")
	assert.Error(t, run(context.Background(), []string{"init", dir}, io.Discard, io.Discard), "init refuses an existing go.mod")

	url, stop := serveInBackground(t, dir)
	code, body := httpGet(t, url+"/hello")
	assert.Equal(t, 200, code)
	assert.Equal(t, "Hello World!\n", body)
	code, _ = httpGet(t, url+"/gowebob_deps.go")
	assert.Equal(t, 404, code, "the deps file is not a page")
	require.NoError(t, stop())
}

func TestGracefulShutdown(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	dir := filepath.Join(t.TempDir(), "site")
	require.NoError(t, run(context.Background(), []string{"init", dir}, io.Discard, io.Discard))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "slow.go"), []byte(`package main

import (
	"fmt"
	"net/http"
	"time"
)

func Application(w http.ResponseWriter, r *http.Request) {
	time.Sleep(2 * time.Second)
	fmt.Fprint(w, "finished")
}
`), 0o644))
	url, stop := serveInBackground(t, dir)
	code, _ := httpGet(t, url+"/slow") // build and start the page
	require.Equal(t, 200, code)

	result := make(chan string, 1)
	go func() {
		resp, err := http.Get(url + "/slow")
		if err != nil {
			result <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		result <- string(b)
	}()
	time.Sleep(800 * time.Millisecond) // the request is in flight (the page takes 2 s)
	require.NoError(t, stop())
	assert.Equal(t, "finished", <-result, "the in-flight request completes during shutdown")
	_, err := http.Get(url + "/slow")
	assert.Error(t, err, "the server no longer accepts connections")
}

func TestUsage(t *testing.T) {
	var out bytes.Buffer
	assert.Error(t, run(context.Background(), nil, &out, &out))
	assert.Error(t, run(context.Background(), []string{"bogus"}, &out, &out))
	assert.Error(t, run(context.Background(), []string{"serve"}, &out, &out))
	assert.Error(t, run(context.Background(), []string{"serve", "-log-format", "xml", "."}, &out, &out))
	assert.NoError(t, run(context.Background(), []string{"help"}, &out, &out))
	assert.Contains(t, out.String(), "gowebob serve")
}

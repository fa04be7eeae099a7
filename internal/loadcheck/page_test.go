package loadcheck

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageMain serves PageSource's Application on a port of its own and
// prints the address, as a stand-in for what gowebob serve generates.
const pageMain = `package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(ln.Addr())
	http.Serve(ln, http.HandlerFunc(Application))
}
`

// pageBin is PageSource built with pageMain, once per test binary: -count
// runs the tests again, not the build.
var pageBin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "loadcheck-page-")
	if err != nil {
		return "", err
	}
	files := map[string]string{"go.mod": "module faultpage\n\ngo 1.22\n", "fault.go": PageSource, "main.go": pageMain}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			return "", err
		}
	}
	cmd := exec.Command("go", "build", "-o", "page", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{err: err, out: string(out)}
	}
	return filepath.Join(dir, "page"), nil
})

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

func TestMain(m *testing.M) {
	code := m.Run()
	if bin, err := pageBin(); err == nil {
		os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

// startPage runs the built page with env and returns it and its URL.
func startPage(t *testing.T, env ...string) (*exec.Cmd, string) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	bin, err := pageBin()
	require.NoError(t, err)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	return cmd, "http://" + strings.TrimSpace(addr) + "/fault"
}

func TestPageSourceRecordsThenExits(t *testing.T) {
	t.Parallel()
	record := filepath.Join(t.TempDir(), "record")
	cmd, url := startPage(t, RecordEnv+"="+record, ExitEveryEnv+"=4")

	pid, err := os.ReadFile(record + ".pid")
	require.NoError(t, err)
	assert.Equal(t, strconv.Itoa(cmd.Process.Pid)+"\n", string(pid), "the pid file")

	tg, err := parseTarget(url)
	require.NoError(t, err)
	w := &worker{t: tg, timeout: 10 * time.Second}
	defer w.drop()
	ctx := context.Background()
	for i, post := range []bool{false, true, false} {
		f := w.do(ctx, "p-"+strconv.Itoa(i), post)
		assert.Nil(t, f, "request %d", i)
	}
	// The fourth request is the one the page exits on: it fails, and
	// the record has it.
	f := w.do(ctx, "p-3", false)
	require.NotNil(t, f)
	assert.Contains(t, []string{"read: EOF", "read: connection reset"}, f.class)
	err = cmd.Wait()
	require.Error(t, err)
	assert.Equal(t, "exit status 1", err.Error())

	got, err := readRecord(record)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"p-0": 1, "p-1": 1, "p-2": 1, "p-3": 1}, got)
}

func TestPageSourceUnderRun(t *testing.T) {
	t.Parallel()
	record := filepath.Join(t.TempDir(), "record")
	_, url := startPage(t, RecordEnv+"="+record, ExitEveryEnv+"=")
	res, err := Run(context.Background(), quick(url, record))
	require.NoError(t, err)
	assert.Positive(t, res.OK)
	assert.Zero(t, res.Failed, "%v", res)
	assert.Zero(t, res.OKUnrecorded)
	assert.Zero(t, res.ExecutedTwice)
}

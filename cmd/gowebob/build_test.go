package main

import (
	"bufio"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wwwCopy copies examples/www into a temporary folder, its go.mod pointing
// at this repository, with the files every hidden-file case needs beside
// it, and returns the copy's path.
func wwwCopy(t *testing.T) string {
	t.Helper()
	src := examplesWWW(t)
	repo, err := filepath.Abs(filepath.Join(src, "..", ".."))
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "www")
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	mod = []byte(strings.Replace(string(mod), "=> ../..", "=> "+repo, 1))
	page := "package main\n\nimport \"net/http\"\n\n// Application answers %s.\nfunc Application(w http.ResponseWriter, r *http.Request) { w.Write([]byte(%q + r.URL.Path)) }\n"
	files := map[string]string{
		"go.mod":            string(mod),
		".secret":           "secret",
		".git/config":       "secret",
		"testdata/data.txt": "secret",
		"internal/x.txt":    "secret",
		"x_test.go":         "package main\n",
		"_draft.go":         strings.ReplaceAll(page, "%s", "draft"),
		"docs/readme.txt":   "read me\n",
		"docs/embed.go":     "package main\n\nimport (\n\t\"embed\"\n\t\"io/fs\"\n\t\"net/http\"\n)\n\n//go:embed *.txt sub\nvar files embed.FS\n\n// Application answers with the files it embeds.\nfunc Application(w http.ResponseWriter, r *http.Request) {\n\tfs.WalkDir(files, \".\", func(p string, d fs.DirEntry, err error) error {\n\t\tif err == nil && !d.IsDir() {\n\t\t\tdata, _ := files.ReadFile(p)\n\t\t\tw.Write([]byte(p + \": \" + string(data)))\n\t\t}\n\t\treturn nil\n\t})\n}\n",
		"docs/sub/a.txt":    "a\n",
		"docs/sub/.hidden":  "secret",
		"admin/index.go":    "package main\n\nimport (\n\t\"net/http\"\n\n\t\"site/lib/greet\"\n)\n\n// Application is the admin folder's index.\nfunc Application(w http.ResponseWriter, r *http.Request) {\n\tw.Write([]byte(greet.Hello(\"admin\") + \" \" + r.URL.Path))\n}\n",
		"admin/users.go":    "package main\n\nimport \"net/http\"\n\n// Application lists users.\nfunc Application(w http.ResponseWriter, r *http.Request) { w.Write([]byte(\"users\" + r.URL.Path)) }\n",
		"shop.go":           "package main\n\nimport \"net/http\"\n\n// Application is the shop.\nfunc Application(w http.ResponseWriter, r *http.Request) { w.Write([]byte(\"shop\" + r.URL.Path)) }\n",
		"shop/logo.txt":     "logo\n",
		"helper.go":         "package main\n\nfunc helper() {}\n",
		"data/notes.txt":    strings.Repeat("0123456789", 20),
		"a/b/deep.html":     "<p>deep</p>\n",
		"noext":             "\x00\x01binary",
		"unicode-é.txt":     "é\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "run.sh"), []byte("#!/bin/sh\n"), 0o755))
	require.NoError(t, os.Symlink("/etc/hostname", filepath.Join(dir, "out.txt")))
	require.NoError(t, os.Symlink("style.css", filepath.Join(dir, "in.css")))
	return dir
}

// buildSite runs gowebob build on dir and returns the program's path.
func buildSite(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "site")
	var stderr strings.Builder
	err := run(t.Context(), []string{"build", "-o", bin, dir}, io.Discard, &stderr)
	require.NoError(t, err, "gowebob build: %s", stderr.String())
	return bin
}

var servingURL = regexp.MustCompile(`msg=serving .* url=(http\S+)/`)

// startSite starts a program gowebob build made, from another folder and
// without the go command on its PATH, and returns its URL. It is stopped
// with SIGTERM when the test ends.
func startSite(t *testing.T, bin string, args ...string) (string, *exec.Cmd, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"PATH=/nonexistent", "HOME=" + cmd.Dir}
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	cmd.Stderr = pw
	require.NoError(t, cmd.Start())
	pw.Close()
	logs := &lockedBuffer{}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			logs.Write([]byte(sc.Text() + "\n"))
			if m := servingURL.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case urls <- m[1]:
				default:
				}
			}
		}
	}()
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Error("the site program did not stop on SIGTERM")
		}
	})
	select {
	case u := <-urls:
		return u, cmd, logs
	case <-done:
		t.Fatalf("the site program exited: %s", logs.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("the site program did not start: %s", logs.String())
	}
	return "", nil, nil
}

// answer is what the equivalence test compares of a response.
type answer struct {
	Status                          int
	ContentType, ETag, ContentRange string
	SetCookie                       []string
	Body                            string
}

// variable matches the environ lines that differ between any two
// connections or servers: the client's port, the server's port, the
// request id.
var variable = regexp.MustCompile(`(?m)^(REMOTE_PORT|SERVER_PORT|HTTP_X_REQUEST_ID): .*$|"(REMOTE_PORT|SERVER_PORT|HTTP_X_REQUEST_ID)": "[^"]*"`)

func fetch(t *testing.T, base string, rq equivRequest) answer {
	t.Helper()
	req, err := http.NewRequest(rq.method, base+rq.path, strings.NewReader(rq.body))
	require.NoError(t, err)
	req.Host = "www.example.com"
	req.Header.Set("Accept", "text/html")
	for k, v := range rq.header {
		req.Header.Set(k, v)
	}
	if rq.body != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err, "%s %s", rq.method, rq.path)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	body, ctype := string(b), resp.Header.Get("Content-Type")
	// Every answer with several ranges has a boundary of its own.
	if _, params, err := mime.ParseMediaType(ctype); err == nil && params["boundary"] != "" {
		body = strings.ReplaceAll(body, params["boundary"], "BOUNDARY")
		ctype = strings.ReplaceAll(ctype, params["boundary"], "BOUNDARY")
	}
	return answer{
		Status: resp.StatusCode, ContentType: ctype,
		ETag: resp.Header.Get("ETag"), ContentRange: resp.Header.Get("Content-Range"),
		SetCookie: resp.Header.Values("Set-Cookie"),
		Body:      variable.ReplaceAllString(body, "$1$2 (varies)"),
	}
}

type equivRequest struct {
	method, path, body string
	header             map[string]string
}

// equivRequests are the requests the built program must answer as gowebob
// serve does, with the status each gets (a check that the table tests
// what it says).
var equivRequests = []struct {
	equivRequest
	status int
}{
	{equivRequest{"GET", "/hello", "", nil}, 200},
	{equivRequest{"GET", "/hello.go", "", nil}, 200},
	{equivRequest{"GET", "/hello/extra/path", "", nil}, 200},
	{equivRequest{"GET", "/x/../hello", "", nil}, 200},
	{equivRequest{"GET", "/hello_webob", "", nil}, 200},
	{equivRequest{"GET", "/hello_webob?firstname=Ada&lastname=%3Cb%3E", "", nil}, 200},
	{equivRequest{"POST", "/hello_webob/x/./y?q=1", "firstname=Grace&lastname=Hopper&q=2", nil}, 200},
	{equivRequest{"POST", "/hello_webob.go", "firstname=%ff", nil}, 200},
	{equivRequest{"GET", "/hello_webob?a=%ff", "", nil}, 400},
	{equivRequest{"GET", "/hello_validated", "", nil}, 200},
	{equivRequest{"POST", "/hello_validated", "firstname=&lastname=x", map[string]string{"Accept": "application/json"}}, 422},
	{equivRequest{"POST", "/hello_validated", "firstname=Ada&lastname=Lovelace", nil}, 200},
	{equivRequest{"GET", "/inspect/a//b/?x=1&x=2&y=%zz;z", "", map[string]string{"Cookie": `a=1; b="two"`}}, 200},
	{equivRequest{"GET", "/inspect.go/%C3%BC?q=%C3%BC", "", nil}, 200},
	{equivRequest{"PUT", "/inspect/put", "k=v", nil}, 200},
	{equivRequest{"POST", "/inspect/json", `{"a":1}`, map[string]string{"Content-Type": "application/json"}}, 200},
	{equivRequest{"GET", "/environ/p?x=1", "", nil}, 200},
	{equivRequest{"GET", "/environ", "", map[string]string{"Accept": "application/json"}}, 200},
	{equivRequest{"GET", "/remember?name=Ada", "", nil}, 200},
	{equivRequest{"GET", "/remember", "", map[string]string{"Cookie": "name=Bob"}}, 200},
	{equivRequest{"GET", "/remember?name=a%3Bb", "", nil}, 200},
	{equivRequest{"GET", "/remember?name=a%0D%0Ab", "", nil}, 400},
	{equivRequest{"GET", "/admin", "", nil}, 200},
	{equivRequest{"GET", "/admin/", "", nil}, 200},
	{equivRequest{"GET", "/admin/index.go/x", "", nil}, 200},
	{equivRequest{"GET", "/admin/users/7", "", nil}, 200},
	{equivRequest{"GET", "/shop/logo.txt", "", nil}, 200},
	{equivRequest{"GET", "/shop/cart", "", nil}, 200},
	{equivRequest{"GET", "/shop", "", nil}, 404},
	{equivRequest{"GET", "/shop.go", "", nil}, 200},
	{equivRequest{"GET", "/style.css", "", nil}, 200},
	{equivRequest{"HEAD", "/style.css", "", nil}, 200},
	{equivRequest{"GET", "/style.css", "", map[string]string{"Range": "bytes=10-19"}}, 206},
	{equivRequest{"GET", "/data/notes.txt", "", map[string]string{"Range": "bytes=0-4,10-14"}}, 206},
	{equivRequest{"GET", "/style.css", "", map[string]string{"Range": "bytes=9999-"}}, 416},
	{equivRequest{"POST", "/style.css", "x=1", nil}, 405},
	{equivRequest{"GET", "/style.css/", "", nil}, 404},
	{equivRequest{"GET", "/in.css", "", nil}, 200},
	{equivRequest{"GET", "/a/b/deep.html", "", nil}, 200},
	{equivRequest{"GET", "/noext", "", nil}, 200},
	{equivRequest{"GET", "/unicode-%C3%A9.txt", "", nil}, 200},
	{equivRequest{"GET", "/docs/readme.txt", "", nil}, 200},
	{equivRequest{"GET", "/docs", "", nil}, 404},
	{equivRequest{"GET", "/docs/embed", "", nil}, 200},
	{equivRequest{"GET", "/go.mod", "", nil}, 404},
	{equivRequest{"GET", "/go.sum", "", map[string]string{"Accept": "application/json"}}, 404},
	{equivRequest{"GET", "/.secret", "", nil}, 404},
	{equivRequest{"GET", "/.git/config", "", nil}, 404},
	{equivRequest{"GET", "/hello/.git/config", "", nil}, 404},
	{equivRequest{"GET", "/testdata/data.txt", "", nil}, 404},
	{equivRequest{"GET", "/internal/x.txt", "", nil}, 404},
	{equivRequest{"GET", "/x_test.go", "", nil}, 404},
	{equivRequest{"GET", "/x_test", "", nil}, 404},
	{equivRequest{"GET", "/_draft.go", "", nil}, 404},
	{equivRequest{"GET", "/_draft", "", nil}, 404},
	{equivRequest{"GET", "/helper.go", "", nil}, 404},
	{equivRequest{"GET", "/helper", "", nil}, 404},
	{equivRequest{"GET", "/run.sh", "", nil}, 404},
	{equivRequest{"GET", "/out.txt", "", nil}, 404},
	{equivRequest{"GET", "/lib/greet/greet.go", "", nil}, 404},
	{equivRequest{"GET", "/lib/greet", "", nil}, 404},
	{equivRequest{"GET", "/hello.go/../go.mod", "", nil}, 404},
	{equivRequest{"GET", "/%2e%2e/hello", "", nil}, 404},
	{equivRequest{"GET", "/hello%00", "", nil}, 404},
	{equivRequest{"GET", "/nothing/here", "", nil}, 404},
	{equivRequest{"GET", "/nothing", "", map[string]string{"Accept": "application/json"}}, 404},
	{equivRequest{"GET", "/", "", nil}, 404},
}

// TestBuildAnswersAsServe builds a copy of examples/www (with a file for
// every hidden-file case) into one program, runs it from another folder
// without the go command, and checks that it answers every request of
// equivRequests exactly as gowebob serve does over the same folder:
// status, content type, ETag, Content-Range, Set-Cookie and body.
func TestBuildAnswersAsServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	dir := wwwCopy(t)
	bin := buildSite(t, dir)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotEqual(t, ".gowebob", e.Name(), "gowebob build wrote into the docroot")
	}
	built, _, logs := startSite(t, bin)
	served, _ := serveInBackground(t, dir)

	for _, rq := range equivRequests {
		want := fetch(t, served, rq.equivRequest)
		got := fetch(t, built, rq.equivRequest)
		assert.Equal(t, rq.status, want.Status, "gowebob serve: %s %s", rq.method, rq.path)
		assert.Equal(t, want, got, "%s %s", rq.method, rq.path)
	}
	if t.Failed() {
		t.Log(logs.String())
	}
}

// TestBuildUpgradeUnderLoad runs examples/www's program under a load of
// GET and POST requests from clients that never retry (a new connection
// for each request), upgrades it twice with SIGHUP: no request may fail,
// and each upgrade hands the socket to a new process.
func TestBuildUpgradeUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	bin := buildSite(t, wwwCopy(t))
	pidFile := filepath.Join(t.TempDir(), "site.pid")
	base, first, logs := startSite(t, bin, "-pid-file", pidFile, "-shutdown-timeout", "10s")
	readPID := func() int {
		b, err := os.ReadFile(pidFile)
		require.NoError(t, err)
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		require.NoError(t, err)
		return pid
	}
	pids := []int{readPID()}
	require.Equal(t, first.Process.Pid, pids[0])
	t.Cleanup(func() {
		// The programs after an upgrade are not this test's children.
		if pid := readPID(); pid != first.Process.Pid {
			syscall.Kill(pid, syscall.SIGTERM)
		}
	})

	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 20 * time.Second}
	stop := make(chan struct{})
	var mu sync.Mutex
	var sent, failed int
	var failures []string
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				var resp *http.Response
				var err error
				if (i+n)%2 == 0 {
					resp, err = client.Get(base + "/hello")
				} else {
					resp, err = client.Post(base+"/hello_webob", "application/x-www-form-urlencoded", strings.NewReader("firstname=Ada"))
				}
				ok := err == nil && resp.StatusCode == 200
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				mu.Lock()
				sent++
				if !ok {
					failed++
					if len(failures) < 5 {
						failures = append(failures, fmt.Sprint(time.Now().Format("15:04:05.000000 "), err, resp))
					}
				}
				mu.Unlock()
			}
		}()
	}
	for range 2 {
		time.Sleep(700 * time.Millisecond)
		old := pids[len(pids)-1]
		require.NoError(t, syscall.Kill(old, syscall.SIGHUP))
		require.Eventually(t, func() bool { return readPID() != old }, 20*time.Second, 10*time.Millisecond, "no new program: %s", logs.String())
		pids = append(pids, readPID())
	}
	time.Sleep(700 * time.Millisecond)
	close(stop)
	wg.Wait()
	assert.Zero(t, failed, "failed requests of %d: %v", sent, failures)
	assert.Greater(t, sent, 100)
	assert.Len(t, slices.Compact(slices.Clone(pids)), 3, "pids %v", pids)
	if t.Failed() {
		t.Log(logs.String())
	}
}

func TestBuildUsage(t *testing.T) {
	var stderr strings.Builder
	err := run(t.Context(), []string{"build"}, io.Discard, &stderr)
	require.EqualError(t, err, "build takes one DIR")
	assert.Contains(t, stderr.String(), "usage: gowebob build [-o OUT] DIR")
	var stdout strings.Builder
	require.NoError(t, run(t.Context(), []string{"help"}, &stdout, io.Discard))
	assert.Contains(t, stdout.String(), "gowebob build [-o OUT] DIR")
}

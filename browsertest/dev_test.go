package browsertest

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// chromium returns the path of the browser, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: install it (apt-get install -y chromium) to run the browser test")
	return ""
}

// repoRoot is the main module's folder, this module's parent.
func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	return filepath.Dir(wd)
}

// copyDocroot copies examples/www into a temporary folder, its go.mod
// pointing at this checkout of gowebob.
func copyDocroot(t *testing.T, root string) string {
	t.Helper()
	src := filepath.Join(root, "examples", "www")
	dst := filepath.Join(t.TempDir(), "www")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
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
		if rel == "go.mod" {
			data = regexp.MustCompile(`(?m)^replace github.com/gowebob/gowebob => .*$`).
				ReplaceAll(data, []byte("replace github.com/gowebob/gowebob => "+root))
		}
		return os.WriteFile(target, data, 0o644)
	})
	require.NoError(t, err)
	return dst
}

// serveDev builds gowebob and starts gowebob serve -dev on dir; it returns
// the server's URL. The server stops with the test.
func serveDev(t *testing.T, root, dir string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gowebob")
	build := exec.Command("go", "build", "-o", bin, "./cmd/gowebob")
	build.Dir = root
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	cmd := exec.Command(bin, "serve", "-dev", "-addr", "127.0.0.1:0", "-cache", t.TempDir(), dir)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	logs := &strings.Builder{}
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	logDone := make(chan struct{})
	go func() { io.Copy(logs, stderr); close(logDone) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		<-logDone
		if t.Failed() {
			t.Logf("gowebob serve's log:\n%s", logs.String())
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "gowebob serve printed no address")
	go io.Copy(io.Discard, stdout)
	m := regexp.MustCompile(`on (http://\S+)/`).FindStringSubmatch(line)
	require.NotNil(t, m, "gowebob serve printed %q", line)
	return m[1]
}

// edit writes name in dir, its time moved on so that a size-and-time
// check sees it even on a coarse clock.
func edit(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	later := time.Now().Add(time.Second)
	require.NoError(t, os.Chtimes(p, later, later))
}

// screenshot saves the page as the step's PNG in dir.
func screenshot(dir, step string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		png, err := chromedp.FullScreenshot(90)(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, step+".png"), png, 0o644)
	})
}

// waitText waits until the document's text contains want, the page
// unchanged by the test (it must reload itself), and returns the text.
func waitText(ctx context.Context, t *testing.T, want string) string {
	t.Helper()
	var text string
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	for {
		// Evaluate fails while the page reloads: the next try reads the
		// new one.
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		if err == nil {
			text = got
		}
		if err == nil && strings.Contains(text, want) {
			return text
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the page never showed %q; it shows:\n%s", want, text)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// TestDevInBrowser is the development loop as a developer sees it: a form
// submitted, an edit that appears without navigating, a broken page that
// shows the compile error at file:line, and the page back once fixed.
func TestDevInBrowser(t *testing.T) {
	browser := chromium(t)
	root := repoRoot(t)
	dir := copyDocroot(t, root)
	url := serveDev(t, root, dir)
	shots := t.TempDir()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	if os.Geteuid() == 0 {
		// CI runs as root, where chromium's sandbox cannot start.
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first Run starts the browser, which lives as long as its
	// context: no timeout on it.
	_, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err, "starting %s", browser)
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelTimeout()

	// 1. The form: its names come back in the list.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(url+"/hello_webob"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="firstname"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="firstname"]`), "Ada"),
		chromedp.SendKeys(chromedp.CSS(`input[name="lastname"]`), "Lovelace"),
		screenshot(shots, "1-form"),
		chromedp.Click(chromedp.CSS(`input[type="submit"]`)),
	))
	text := waitText(ctx, t, "Lovelace")
	require.Contains(t, text, "Ada")
	require.NoError(t, chromedp.Do(ctx, screenshot(shots, "2-submitted")))

	// 2. An edit shows without navigating.
	orig, err := os.ReadFile(filepath.Join(dir, "hello.go"))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url+"/hello")))
	waitText(ctx, t, "Hello, world!")
	edited := strings.Replace(string(orig), `greet.Hello("world")`, `greet.Hello("edited world")`, 1)
	require.NotEqual(t, string(orig), edited)
	edit(t, dir, "hello.go", edited)
	waitText(ctx, t, "Hello, edited world!")
	require.NoError(t, chromedp.Do(ctx, screenshot(shots, "3-edited")))

	// 3. A broken page shows the compile error at file:line.
	broken := strings.Replace(edited, `greet.Hello("edited world")`, `greet.Hello(undefinedThing)`, 1)
	edit(t, dir, "hello.go", broken)
	text = waitText(ctx, t, "does not compile")
	require.Regexp(t, `hello\.go:\d+:\d+`, text)
	require.Contains(t, text, "undefined: undefinedThing")
	require.NoError(t, chromedp.Do(ctx, screenshot(shots, "4-broken")))

	// 4. Fixed, the page comes back.
	edit(t, dir, "hello.go", string(orig))
	waitText(ctx, t, "Hello, world!")
	require.NoError(t, chromedp.Do(ctx, screenshot(shots, "5-fixed")))
	location, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	require.Equal(t, url+"/hello", location, "the page reloaded itself, the test did not navigate")
	t.Logf("screenshots in %s", shots)
}

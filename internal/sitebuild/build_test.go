package sitebuild

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func repoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(filepath.Dir(file)))
}

// writeDocroot writes a module "site" requiring this repository's gowebob,
// with files, and returns its folder.
func writeDocroot(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	www := filepath.Join(repoRoot(t), "examples", "www")
	mod, err := os.ReadFile(filepath.Join(www, "go.mod"))
	require.NoError(t, err)
	sum, err := os.ReadFile(filepath.Join(www, "go.sum"))
	require.NoError(t, err)
	files["go.mod"] = strings.Replace(string(mod), "=> ../..", "=> "+repoRoot(t), 1)
	files["go.sum"] = string(sum)
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return dir
}

const okPage = `package main

import "net/http"

// Application answers.
func Application(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }
`

// TestBuildBadInput checks the errors of builds that cannot succeed: each
// names what to fix, and never a path of the build's own folders.
func TestBuildBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"compile error", map[string]string{"ok.go": okPage, "admin/broken.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\n// Application is broken.\nfunc Application(w http.ResponseWriter, r *http.Request) {\n\tx := undefinedThing\n}\n"},
			[]string{"admin/broken.go:5:2: \"os\" imported and not used", "admin/broken.go:10:7: undefined: undefinedThing"}},
		{"missing import", map[string]string{"imp.go": "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/nope\"\n)\n\n// Application x.\nfunc Application(w http.ResponseWriter, r *http.Request) { nope.X() }\n"},
			[]string{"imp.go:6:2: no required module provides package example.com/nope"}},
		{"helper package error", map[string]string{"ok.go": "package main\n\nimport (\n\t\"net/http\"\n\n\t\"site/lib/h\"\n)\n\n// Application x.\nfunc Application(w http.ResponseWriter, r *http.Request) { h.X() }\n", "lib/h/h.go": "package h\n\nfunc X() { y }\n"},
			[]string{"# site/lib/h", "lib/h/h.go:3:12: undefined: y"}},
		{"same URL", map[string]string{"a.go": okPage, "a/index.go": okPage},
			[]string{"a.go and a/index.go both answer /a"}},
		{"no page", map[string]string{"style.css": "x"},
			[]string{"has no page"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeDocroot(t, tt.files)
			err := Build(t.Context(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "bin")})
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), ".gowebob")
			assert.NotContains(t, err.Error(), os.TempDir()+"/gowebob-build-")
			_, statErr := os.Stat(filepath.Join(dir, ".gowebob"))
			assert.True(t, errors.Is(statErr, os.ErrNotExist), "the build wrote into the docroot")
		})
	}

	t.Run("not a module", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.go"), []byte(okPage), 0o644))
		err := Build(t.Context(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "bin")})
		require.ErrorIs(t, err, ErrNoModule)
		assert.Contains(t, err.Error(), "gowebob init")
	})
}

// TestBuildEmbedAndStacks builds a page that embeds a file of its folder
// and panics, and checks that the program holds the file and that the
// panic's stack names the page's real file and line.
func TestBuildEmbedAndStacks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	page := "package main\n\nimport (\n\t_ \"embed\"\n\t\"fmt\"\n\t\"net/http\"\n)\n\n//go:embed msg/hello.txt\nvar msg string\n\n// Application answers with the embedded file, or panics.\nfunc Application(w http.ResponseWriter, r *http.Request) {\n\tif r.URL.Path == \"/panic\" {\n\t\tpanic(\"boom\")\n\t}\n\tfmt.Fprintf(w, \"%s %T\", msg, w)\n}\n"
	dir := writeDocroot(t, map[string]string{"sub/emb.go": page, "sub/msg/hello.txt": "hi from a file"})
	bin := filepath.Join(t.TempDir(), "bin")
	require.NoError(t, Build(t.Context(), Options{Dir: dir, Out: bin}))

	cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
	cmd.Dir = t.TempDir()
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() })
	sc := bufio.NewScanner(stderr)
	var base string
	for base == "" && sc.Scan() {
		if _, u, ok := strings.Cut(sc.Text(), " url="); ok {
			base = strings.TrimSuffix(u, "/")
		}
	}
	require.NotEmpty(t, base, "the program did not say where it listens")
	var log strings.Builder
	logDone := make(chan struct{})
	go func() {
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
		}
		close(logDone)
	}()

	resp, err := http.Get(base + "/sub/emb")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Contains(t, string(body), "hi from a file")

	resp, err = http.Get(base + "/sub/emb/panic")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 500, resp.StatusCode)
	cmd.Process.Signal(syscall.SIGTERM)
	<-logDone
	// The stack names the page's file as written, at the panic's line.
	assert.Contains(t, log.String(), filepath.Join(dir, "sub", "emb.go")+":15")
	assert.NotContains(t, log.String(), ".gowebob/site/pages/sub/emb.go")
}

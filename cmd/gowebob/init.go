package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/gowebob/gowebob/internal/serve"
)

const modulePath = "github.com/gowebob/gowebob"

// helloPage is the first page of a new docroot.
const helloPage = `package main

import (
	"fmt"
	"net/http"
)

// Application is this page: gowebob serve finds it by its name.
func Application(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "Hello World!")
}
`

// initCmd is gowebob init: it makes DIR a module ("site", so that helper
// packages are imported as site/lib/NAME whatever the folder is called)
// that requires gowebob, writes hello.go, and runs go mod tidy.
func initCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: gowebob init DIR")
	}
	dir := args[0]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	gomod := filepath.Join(dir, "go.mod")
	if _, err := os.Stat(gomod); err == nil {
		return fmt.Errorf("%s exists already", gomod)
	}
	require, replace := gowebobSource()
	content := "module site\n\ngo 1.26.0\n\nrequire " + modulePath + " " + require + "\n"
	if replace != "" {
		content += "\nreplace " + modulePath + " => " + replace + "\n"
	}
	if err := os.WriteFile(gomod, []byte(content), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "gowebob_deps.go"), []byte(serve.DepsFile), 0o644); err != nil {
		return err
	}
	hello := filepath.Join(dir, "hello.go")
	if _, err := os.Stat(hello); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(hello, []byte(helloPage), 0o644); err != nil {
			return err
		}
	}
	tidy := exec.CommandContext(ctx, "go", "mod", "tidy")
	tidy.Dir, tidy.Stdout, tidy.Stderr = dir, stderr, stderr
	if err := tidy.Run(); err != nil {
		return fmt.Errorf("go mod tidy in %s: %w", dir, err)
	}
	fmt.Fprintf(stdout, "gowebob: %s is a docroot; run: gowebob serve %s\n", dir, dir)
	return nil
}

// gowebobSource returns the version of gowebob a new docroot requires and,
// when this binary runs from a source checkout (go run ./cmd/gowebob), the
// checkout to replace it with.
func gowebobSource() (version, replace string) {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Path == modulePath &&
		info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version, ""
	}
	_, file, _, ok := runtime.Caller(0)
	if ok {
		root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
		if data, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil &&
			strings.Contains(string(data), "module "+modulePath+"\n") {
			return "v0.0.0", root
		}
	}
	return "v0.0.0", ""
}

package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

const gowebobModule = "github.com/gowebob/gowebob"

// ErrNoModule is returned by New when the docroot is not inside a Go module.
var ErrNoModule = errors.New("serve: the docroot is not inside a Go module (run gowebob init DIR)")

// module is the Go module a docroot belongs to.
type module struct {
	dir  string // absolute directory of go.mod
	path string // module path, such as "site"
	// gowebobDir is the local directory github.com/gowebob/gowebob is
	// replaced with, "" when it comes from the module cache.
	gowebobDir string
}

// findModule walks up from dir to the nearest go.mod and reads its module
// path; it asks the go command where gowebob itself comes from.
func findModule(ctx context.Context, goCmd, dir string) (module, error) {
	for d := dir; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			p := modulePath(data)
			if p == "" {
				return module{}, fmt.Errorf("serve: %s/go.mod has no module line", d)
			}
			m := module{dir: d, path: p}
			if p == gowebobModule {
				m.gowebobDir = d
				return m, nil
			}
			cmd := exec.CommandContext(ctx, goCmd, "list", "-m", "-f", "{{with .Replace}}{{.Dir}}{{end}}", gowebobModule)
			cmd.Dir = d
			out, err := cmd.CombinedOutput()
			if err != nil {
				return module{}, fmt.Errorf("serve: the module in %s does not require %s (run go get %s there): %s",
					d, gowebobModule, gowebobModule, bytes.TrimSpace(out))
			}
			m.gowebobDir = strings.TrimSpace(string(out))
			return m, nil
		}
		if filepath.Dir(d) == d {
			return module{}, ErrNoModule
		}
	}
}

// modulePath returns the path of go.mod's module directive.
func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '"') {
			continue
		}
		rest = strings.TrimSpace(rest)
		if u, err := strconv.Unquote(rest); err == nil {
			return u
		}
		return rest
	}
	return ""
}

// localPackageDir returns the directory of an import path inside the
// module, or "" for a path outside it.
func (m module) localPackageDir(importPath string) string {
	if importPath == m.path {
		return m.dir
	}
	if rest, ok := strings.CutPrefix(importPath, m.path+"/"); ok {
		return filepath.Join(m.dir, filepath.FromSlash(rest))
	}
	return ""
}

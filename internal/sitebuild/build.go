package sitebuild

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/gowebob/gowebob/internal/gosrc"
	"github.com/gowebob/gowebob/internal/serve"
)

// Options are a build's inputs.
type Options struct {
	Dir   string // the docroot
	Out   string // the program to write; if empty, the docroot's base name in the current folder
	GoCmd string // the go command; if empty, "go"
}

// virtualDir is where, relative to the docroot, the build's packages
// exist in the overlay: a dot folder, which no go command pattern and no
// URL reaches.
const virtualDir = ".gowebob/site"

// ErrNoModule is returned by Build for a docroot outside any Go module.
var ErrNoModule = errors.New("build: the folder is not inside a Go module: run gowebob init DIR to make it one (a go.mod that requires gowebob)")

// BuildError is a build the go command refused: Output is its output, with
// the paths of the build's own files replaced by the pages' files.
type BuildError struct{ Output string }

// Error implements error.
func (e *BuildError) Error() string { return "build failed:\n" + e.Output }

// Build compiles every page of o.Dir into the program o.Out. It writes
// nothing into the docroot: the pages' packages and the main package
// exist only in a go build -overlay, whose files are in a temporary folder.
func Build(ctx context.Context, o Options) (err error) {
	goCmd := o.GoCmd
	if goCmd == "" {
		goCmd = "go"
	}
	abs, err := filepath.Abs(o.Dir)
	if err != nil {
		return err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return err
	}
	out := o.Out
	if out == "" {
		out = filepath.Base(abs)
	}
	if out, err = filepath.Abs(out); err != nil {
		return err
	}
	mod, err := serve.FindModule(ctx, goCmd, abs)
	if errors.Is(err, serve.ErrNoModule) {
		return fmt.Errorf("%w: %s", ErrNoModule, abs)
	}
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return err
	}
	defer root.Close()
	t, err := scan(root)
	if err != nil {
		return err
	}
	if len(t.pages) == 0 {
		return fmt.Errorf("build: %s has no page (a .go file with func Application)", abs)
	}
	if err := collisions(t.pages); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "gowebob-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	modRel, err := filepath.Rel(mod.Dir, abs)
	if err != nil {
		return err
	}
	importBase := mod.Path
	if modRel != "." {
		importBase += "/" + filepath.ToSlash(modRel)
	}
	importBase += "/" + virtualDir
	vdir := filepath.Join(abs, filepath.FromSlash(virtualDir))

	overlay := map[string]string{}
	var imports []pageImport
	names := map[string]string{} // overlay folder -> page, for the output
	usedDirs := map[string]bool{}
	for i, p := range t.pages {
		src, err := readLimited(root, p)
		if err != nil {
			return err
		}
		pkg := packageName(p)
		dir := "pages/" + strings.TrimSuffix(p, ".go")
		dir = sanitizeDir(dir)
		for usedDirs[dir] {
			dir += "_"
		}
		usedDirs[dir] = true
		renamed, err := renamePackage(src, pkg, filepath.Join(abs, filepath.FromSlash(p)))
		if err != nil {
			return &BuildError{Output: p + ": " + err.Error()}
		}
		tmp := filepath.Join(work, fmt.Sprintf("page%d.go", i))
		if err := os.WriteFile(tmp, renamed, 0o600); err != nil {
			return err
		}
		pageVDir := filepath.Join(vdir, filepath.FromSlash(dir))
		overlay[filepath.Join(pageVDir, path.Base(p))] = tmp
		names[pageVDir] = p
		if bytes.Contains(src, []byte("//go:embed")) {
			// The page's embed patterns are relative to its folder.
			embedFolder(t, path.Dir(p), abs, pageVDir, overlay)
		}
		imports = append(imports, pageImport{alias: "p" + strconv.Itoa(i), path: importBase + "/" + dir, file: p})
	}
	mainVDir := filepath.Join(vdir, "main")
	for _, s := range t.static {
		overlay[filepath.Join(mainVDir, "static", filepath.FromSlash(s))] = filepath.Join(abs, filepath.FromSlash(s))
	}
	mainSrc := generateMain(abs, imports, t)
	mainFile := filepath.Join(work, "main.go")
	if err := os.WriteFile(mainFile, mainSrc, 0o600); err != nil {
		return err
	}
	overlay[filepath.Join(mainVDir, "gowebob_main.go")] = mainFile
	ovJSON, err := json.Marshal(map[string]map[string]string{"Replace": overlay})
	if err != nil {
		return err
	}
	ovFile := filepath.Join(work, "overlay.json")
	if err := os.WriteFile(ovFile, ovJSON, 0o600); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, goCmd, "build", "-o", out, "-overlay", ovFile, "./"+virtualDir+"/main")
	cmd.Dir = abs
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if os.Getenv("CGO_ENABLED") == "" {
		// A static program, which runs in an empty container.
		cmd.Env = append(cmd.Env, "CGO_ENABLED=0")
	}
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		if buf.Len() == 0 {
			return err
		}
		return &BuildError{Output: mapOutput(buf.String(), abs, importBase, names, mainVDir)}
	}
	for _, s := range t.skipped {
		fmt.Fprintf(os.Stderr, "build: %s left out: go:embed cannot hold its name\n", s)
	}
	return nil
}

// embedFolder adds the files of the docroot folder dir to the overlay
// folder of a page, so that its go:embed patterns find them.
func embedFolder(t *tree, dir, abs, pageVDir string, overlay map[string]string) {
	for _, s := range t.static {
		rel := s
		if dir != "." {
			var ok bool
			if rel, ok = strings.CutPrefix(s, dir+"/"); !ok {
				continue
			}
		}
		overlay[filepath.Join(pageVDir, filepath.FromSlash(rel))] = filepath.Join(abs, filepath.FromSlash(s))
	}
}

// packageName is the package clause a page gets: its file name made an
// identifier ("hello_webob" for hello_webob.go), never main.
func packageName(file string) string {
	base := strings.TrimSuffix(path.Base(file), ".go")
	var b strings.Builder
	for i, r := range base {
		switch {
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) && i > 0:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	if name == "main" || token.IsKeyword(name) || name == "_" {
		name = "page_" + name
	}
	return name
}

// sanitizeDir makes an overlay folder an import path's elements: letters,
// digits, '-', '_' and '.', with no element starting with a dot.
func sanitizeDir(dir string) string {
	elems := strings.Split(dir, "/")
	for i, e := range elems {
		var b strings.Builder
		for _, r := range e {
			if r < 0x80 && (r == '-' || r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				b.WriteRune(r)
			} else {
				b.WriteByte('_')
			}
		}
		elems[i] = strings.TrimLeft(b.String(), ".")
		if elems[i] == "" {
			elems[i] = "_"
		}
	}
	return strings.Join(elems, "/")
}

// renamePackage returns src with its package clause naming pkg instead of
// main (gosrc.RenamePackage), and a //line directive before it so that
// every position in it is the page's own file (absolute path file), line
// and column.
func renamePackage(src []byte, pkg, file string) ([]byte, error) {
	renamed, err := gosrc.RenamePackage(src, pkg)
	if err != nil {
		return nil, err
	}
	return append([]byte("//line "+file+":1:1\n"), renamed...), nil
}

// mapOutput rewrites the go command's output so that it names the pages'
// files, relative to the docroot, and never the overlay's folders.
func mapOutput(out, abs, importBase string, names map[string]string, mainVDir string) string {
	var pairs []string
	for vd, page := range names {
		rel, _ := filepath.Rel(abs, vd)
		full := filepath.Join(vd, path.Base(page))
		relFull := "./" + filepath.ToSlash(filepath.Join(rel, path.Base(page)))
		pairs = append(pairs, full, page, relFull, page)
		pairs = append(pairs, "# "+importBase+"/"+filepath.ToSlash(rel[len(virtualDir)+1:])+"\n", "")
	}
	pairs = append(pairs, mainVDir+"/gowebob_main.go", "gowebob_main.go (generated)")
	out = strings.NewReplacer(pairs...).Replace(out)
	// Positions that //line made absolute: relative to the docroot.
	out = strings.ReplaceAll(out, abs+string(filepath.Separator), "")
	return out
}

package examples_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// wwwPages are the pages of the example docroot, one per file.
var wwwPages = []string{"environ.go", "hello.go", "hello_validated.go", "hello_webob.go", "inspect.go", "remember.go"}

// applicationShapes are the signatures of Application that webob.Adapt
// accepts, written as go/ast prints them by exprString below.
var applicationShapes = []string{
	"func(http.ResponseWriter, *http.Request)",
	"func(*request.Request) (*response.Response, error)",
	"func(*request.Request) *response.Response",
}

// TestWWWPages checks, without building the docroot, that each page parses,
// is package main, declares func Application in a shape webob.Adapt
// accepts, and has no main function (gowebob serve provides it).
func TestWWWPages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("www", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if !slices.Equal(names, wwwPages) {
		t.Errorf("www/*.go = %v, want %v", names, wwwPages)
	}
	for _, name := range wwwPages {
		t.Run(name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, filepath.Join("www", name), nil, parser.ParseComments)
			if err != nil {
				t.Fatalf("parsing www/%s: %v", name, err)
			}
			if f.Name.Name != "main" {
				t.Errorf("www/%s: package %s, want main", name, f.Name.Name)
			}
			var app *ast.FuncDecl
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Recv != nil {
					continue
				}
				switch fd.Name.Name {
				case "main":
					t.Errorf("www/%s declares func main; gowebob serve provides it", name)
				case "Application":
					app = fd
				}
			}
			if app == nil {
				t.Fatalf("www/%s does not declare func Application", name)
			}
			if app.Doc == nil {
				t.Errorf("www/%s: Application has no doc comment", name)
			}
			if shape := funcTypeString(app.Type); !slices.Contains(applicationShapes, shape) {
				t.Errorf("www/%s: Application is %s, want one of %v", name, shape, applicationShapes)
			}
		})
	}
}

// TestWWWModule checks the docroot's module: "site", with the gowebob
// module replaced by this repository, its helper package and static file.
func TestWWWModule(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join("www", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"module site\n", "require github.com/gowebob/gowebob v0.0.0\n", "replace github.com/gowebob/gowebob => ../..\n"} {
		if !strings.Contains(string(mod), want) {
			t.Errorf("www/go.mod does not contain %q:\n%s", want, mod)
		}
	}
	for _, f := range []string{"go.sum", "style.css"} {
		if _, err := os.Stat(filepath.Join("www", f)); err != nil {
			t.Errorf("www/%s: %v", f, err)
		}
	}
	fset := token.NewFileSet()
	g, err := parser.ParseFile(fset, filepath.Join("www", "lib", "greet", "greet.go"), nil, 0)
	if err != nil {
		t.Fatalf("parsing www/lib/greet/greet.go: %v", err)
	}
	if g.Name.Name != "greet" {
		t.Errorf("www/lib/greet/greet.go: package %s, want greet", g.Name.Name)
	}
}

// funcTypeString writes a function type without parameter names:
// "func(*request.Request) (*response.Response, error)".
func funcTypeString(ft *ast.FuncType) string {
	list := func(fl *ast.FieldList) []string {
		var out []string
		if fl == nil {
			return nil
		}
		for _, f := range fl.List {
			n := max(len(f.Names), 1)
			for range n {
				out = append(out, exprString(f.Type))
			}
		}
		return out
	}
	s := "func(" + strings.Join(list(ft.Params), ", ") + ")"
	switch res := list(ft.Results); len(res) {
	case 0:
	case 1:
		s += " " + res[0]
	default:
		s += " (" + strings.Join(res, ", ") + ")"
	}
	return s
}

// exprString writes the type expressions a page's Application uses.
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return "*" + exprString(e.X)
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	}
	return "?"
}

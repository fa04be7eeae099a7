package serve

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"strconv"

	"github.com/gowebob/gowebob/internal/pageproto"
)

// Import paths of the packages an Application signature may name.
const (
	requestPath  = "github.com/gowebob/gowebob/request"
	responsePath = "github.com/gowebob/gowebob/response"
)

// pageInfo is what parsing a .go file tells about it.
type pageInfo struct {
	isPage  bool
	parses  bool     // the file is Go syntax (a page or not)
	imports []string // import paths, for the build's dependencies
	embeds  bool     // the source has //go:embed lines (see detectEmbeds)
}

// detectPage parses Go source and reports whether it declares a top-level
// func Application in a shape the webob adapter accepts:
//
//	func Application(http.ResponseWriter, *http.Request)
//	func Application(*request.Request) (*response.Response, error)
//	func Application(*request.Request) *response.Response
//	func Application(*request.Request) (any, error)
//
// The package names are resolved through the file's imports, so aliases
// work. A file that does not parse, or declares main, is not a page.
func detectPage(src []byte) pageInfo {
	f, err := parser.ParseFile(token.NewFileSet(), "page.go", src, parser.SkipObjectResolution)
	if err != nil {
		return pageInfo{embeds: detectEmbeds(src)}
	}
	names := make(map[string]string) // local name -> import path
	info := pageInfo{parses: true, embeds: detectEmbeds(src)}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return pageInfo{}
		}
		info.imports = append(info.imports, p)
		name := lastElem(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		names[name] = p
	}
	var app *ast.FuncDecl
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil {
			continue
		}
		switch fd.Name.Name {
		case "main":
			return pageInfo{parses: true, imports: info.imports, embeds: info.embeds}
		case "Application":
			app = fd
		}
	}
	if app == nil || app.Type.TypeParams != nil {
		return info
	}
	params := fieldTypes(app.Type.Params)
	results := fieldTypes(app.Type.Results)
	is := func(e ast.Expr, pkg, name string, ptr bool) bool {
		if ptr {
			s, ok := e.(*ast.StarExpr)
			if !ok {
				return false
			}
			e = s.X
		}
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		id, ok := sel.X.(*ast.Ident)
		return ok && names[id.Name] == pkg && sel.Sel.Name == name
	}
	isError := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name == "error"
	}
	// any, or interface{}: webob.App's result.
	isAny := func(e ast.Expr) bool {
		if id, ok := e.(*ast.Ident); ok {
			return id.Name == "any"
		}
		it, ok := e.(*ast.InterfaceType)
		return ok && (it.Methods == nil || len(it.Methods.List) == 0)
	}
	switch {
	case len(params) == 2 && len(results) == 0:
		info.isPage = is(params[0], "net/http", "ResponseWriter", false) && is(params[1], "net/http", "Request", true)
	case len(params) == 1 && is(params[0], requestPath, "Request", true):
		switch len(results) {
		case 1:
			info.isPage = is(results[0], responsePath, "Response", true)
		case 2:
			info.isPage = (is(results[0], responsePath, "Response", true) || isAny(results[0])) && isError(results[1])
		}
	}
	return info
}

// fieldTypes lists a parameter list's types, one per parameter.
func fieldTypes(fl *ast.FieldList) []ast.Expr {
	if fl == nil {
		return nil
	}
	var out []ast.Expr
	for _, f := range fl.List {
		n := len(f.Names)
		if n == 0 {
			n = 1
		}
		for i := 0; i < n; i++ {
			out = append(out, f.Type)
		}
	}
	return out
}

// lastElem is the default package name of an import path (its last
// element; good enough for the packages a signature may use).
func lastElem(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[i+1:]
		}
	}
	return p
}

// detection caches detectPage by the file's size and time.
type detection struct {
	stat   pageproto.Check
	isPage bool
}

// maxPageBytes bounds the source file read to decide whether it is a page.
const maxPageBytes = 4 << 20

// isPage is files' IsPage, caching the answer by the file's size and
// time. A file that has a good program stays a page after an edit that
// made it none: its program answers until it is one again, or deleted.
func (s *Server) isPage(name string, fi fs.FileInfo) bool {
	if !fi.Mode().IsRegular() || fi.Size() > maxPageBytes {
		return false
	}
	st := pageproto.FileCheck(name, fi)
	s.mu.Lock()
	d, ok := s.detected[name]
	p := s.pages[name]
	s.mu.Unlock()
	if !ok || d.stat != st {
		src, err := s.readFile(name)
		d = detection{stat: st, isPage: err == nil && detectPage(src).isPage}
		s.mu.Lock()
		s.detected[name] = d
		s.mu.Unlock()
	}
	if d.isPage || p == nil {
		return d.isPage
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.good != ""
}

func (s *Server) readFile(name string) ([]byte, error) {
	f, err := s.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxPageBytes))
}

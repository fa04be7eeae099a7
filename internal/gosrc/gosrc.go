// Package gosrc rewrites Go source the way gowebob builds pages: a page
// file is compiled in a package of the builder's choosing (main under
// gowebob serve, one package per page under gowebob build).
package gosrc

import (
	"go/parser"
	"go/token"
)

// RenamePackage returns src with its package clause naming name. Only the
// name changes: columns after it on the same line shift, which only a
// comment there would show.
func RenamePackage(src []byte, name string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.PackageClauseOnly)
	if err != nil {
		return nil, err
	}
	off := fset.Position(f.Name.Pos()).Offset
	end := off + len(f.Name.Name)
	out := make([]byte, 0, len(src)-len(f.Name.Name)+len(name))
	out = append(out, src[:off]...)
	out = append(out, name...)
	return append(out, src[end:]...), nil
}

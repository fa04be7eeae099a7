package serve

import "context"

// This file is what gowebob build shares with serve: its page detection
// and its module lookup, so that both find the same pages in the same
// module.

// IsPageSource reports whether src, a Go file's content, is a page: it
// declares a top-level func Application in a shape the webob adapter
// accepts, and no func main.
func IsPageSource(src []byte) bool { return detectPage(src).isPage }

// Module is the Go module a docroot belongs to.
type Module struct {
	Dir  string // absolute directory of go.mod
	Path string // module path, such as "site"
}

// FindModule walks up from dir, an absolute path, to the nearest go.mod,
// and checks that the module requires gowebob, as Server.Open does. It
// returns ErrNoModule when there is no go.mod.
func FindModule(ctx context.Context, goCmd, dir string) (Module, error) {
	m, err := findModule(ctx, goCmd, dir)
	if err != nil {
		return Module{}, err
	}
	return Module{Dir: m.dir, Path: m.path}, nil
}

package serve

import (
	"net/http"

	urlmap "github.com/gowebob/gowebob/docroot"
)

// serveStatic serves a docroot file that is not a page with
// docroot.ServeStatic, through s's os.Root, which refuses symlinks that
// leave the docroot: a program gowebob build makes serves its embedded
// copy the same way.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request, name string) {
	urlmap.ServeStatic(w, r, s.root.FS(), name)
}

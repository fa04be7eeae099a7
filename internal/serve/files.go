package serve

import (
	"io/fs"

	// The alias: the package's tests have a helper named docroot.
	urlmap "github.com/gowebob/gowebob/docroot"
)

// files is the docroot as urlmap.Resolve sees it: s's os.Root, which
// refuses names and symlinks that leave the folder, and s's page
// detection.
type files struct{ s *Server }

var _ urlmap.Files = files{}

func (f files) Stat(name string) (fs.FileInfo, error)   { return f.s.stat(name) }
func (f files) IsPage(name string, fi fs.FileInfo) bool { return f.s.isPage(name, fi) }

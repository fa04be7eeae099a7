package site

import (
	"fmt"
	"io/fs"
	"net/http"
	"path/filepath"
	"time"

	"github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webob"
)

// Page is one page of a built docroot.
type Page struct {
	// File is the page's file name relative to the docroot, clean and
	// slash-separated, such as "hello.go" or "admin/index.go".
	File string

	// App is the page's Application, in any shape webob.Adapt accepts.
	App any
}

// Site is a docroot built into one program.
type Site struct {
	// Dir is the docroot's absolute path where the program was built. The
	// pages see it as DOCUMENT_ROOT, and SCRIPT_FILENAME is the page's file
	// in it, as under gowebob serve. If empty, neither is set.
	Dir string

	// Pages are the docroot's pages.
	Pages []Page

	// Files holds the docroot's other files and folders (see NewFS and
	// docroot.Dispatcher's Static). If nil, only the pages exist. They
	// must not change while the site serves (NewFS's cannot): where each
	// URL leads is resolved once (docroot.Dispatcher's Fixed).
	Files fs.FS
}

// Handler returns the http.Handler that answers every URL as gowebob serve
// answers it for the same docroot: the page, with its SCRIPT_NAME and
// PATH_INFO, a static file, or the uniform 404. It returns an error for a
// page whose App is not an application shape, or whose File cannot be
// mounted (a name that is not clean, two pages for one URL).
func (s *Site) Handler() (http.Handler, error) {
	return s.dispatcher(0)
}

// dispatcher returns Handler's Dispatcher, each page's request ending
// timeout after it reaches the page (0: never; see docroot.Dispatcher's
// Timeout).
func (s *Site) dispatcher(timeout time.Duration) (d *docroot.Dispatcher, err error) {
	d = &docroot.Dispatcher{Static: s.Files, Fixed: true, Timeout: timeout}
	defer func() {
		// Mount panics on set-up mistakes: here they are the build's
		// input, so they are errors.
		if v := recover(); v != nil {
			d, err = nil, fmt.Errorf("site: %v", v)
		}
	}()
	for _, p := range s.Pages {
		ph, err := webob.Adapt(p.App)
		if err != nil {
			return nil, fmt.Errorf("site: page %s: %w", p.File, err)
		}
		d.MountEnviron(p.File, ph, pageEnviron(s.Dir, p.File))
	}
	return d, nil
}

// pageEnviron returns what gowebob serve adds to the environ of a page
// program's requests: DOCUMENT_ROOT and SCRIPT_FILENAME when dir is known,
// and how the page is run (docroot.SetPageEnviron). The Dispatcher sets
// it in the environ it makes for each request to the page.
func pageEnviron(dir, file string) request.Environ {
	env := request.Environ{}
	if dir != "" {
		env["DOCUMENT_ROOT"], env["SCRIPT_FILENAME"] = dir, filepath.Join(dir, filepath.FromSlash(file))
	}
	docroot.SetPageEnviron(env, file)
	return env
}

// Package serve is gowebob serve: it makes every Go file with an Application
// function in a folder a page, as Apache + mod_wsgi makes every .py file
// with an application callable one.
//
// A Server maps a URL to a file of its docroot (Resolve), serves static
// files itself, and for a page builds a program from the file (go build with
// an overlay, nothing written into the docroot; after an edit, the compiler
// and the linker run directly with what go list learned for the page's set
// of imports, see fastbuild.go), runs it as a child process
// and hands it the request's connection (Serve), or proxies the request to
// the child's private unix socket with the CGI environ intact. Programs are
// cached by the content of everything they are built from and rebuilt when
// that changes, in the background and at a lower CPU priority: the page's
// last good program answers until the new one is built and started, and
// when the new version does not compile (without Server.Dev). A build
// starts as soon as the system reports a change to a file it is built from
// (watchInputs), not only at the page's next request. Children are
// restarted when they die and stopped when idle, or when their page is
// deleted. With Server.Dev, compile errors and panics are shown to the
// client (internal/devpage) and HTML answers reload themselves when a
// build of their page ends (serveEvents).
package serve

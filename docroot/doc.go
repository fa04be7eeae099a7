// Package docroot maps URL paths to the files of a folder the way
// gowebob serve does, as Apache and mod_wsgi map them to the .py WSGI
// scripts of a folder: every NAME.go page is at /NAME.go and /NAME, with
// SCRIPT_NAME the matched part of the URL and PATH_INFO the rest; index.go
// answers for its folder; other files are static; everything else is one
// uniform "not found".
//
// Resolve is that mapping, over any Files: gowebob serve's is the folder
// itself, a Dispatcher's the names mounted on it and those of its Static
// files. Both use the one Resolve, so that a program that mounts every page
// of a folder on a Dispatcher, with the folder's other files as Static, as
// gowebob build does, answers each URL as gowebob serve does. ServeStatic
// serves a static file for both.
//
// Resolve, Clean and Hidden need only the standard library. Dispatcher uses
// gowebob's request package, to pass SCRIPT_NAME to the page in the
// request's context, and exc, for the uniform 404; it takes any
// http.Handler, such as webob.Handle makes of a page's Application.
//
// # Dot segments
//
// As Apache does, Resolve first removes the "." and ".." segments of the
// decoded path (RFC 3986, section 5.2.4, see Clean): GET /inspect.go/a/./b
// runs inspect.go with PATH_INFO /a/b. A ".." that would climb above the
// docroot is not found; Apache answers 400 to it. Repeated slashes are kept
// (Apache merges them first, with MergeSlashes On): PATH_INFO is the rest of
// the path as sent.
//
// # Hidden names
//
// Hidden reports the names never served, in any segment of the cleaned
// path (PATH_INFO included) and in the file a pretty URL names: dot files and folders, Go's
// special folders (testdata, internal, vendor), the module files, _x.go and
// x_test.go.
//
// # What it does not promise
//
// Resolve trusts Files to keep to the folder: it asks only for clean
// relative names (fs.ValidPath), but a Files over a disk must refuse symlinks
// that lead out of it, as os.Root does. Resolve does not read files or
// serve them; a Dispatcher serves only what is mounted on it and the static
// files of its Static.
package docroot

// Package examples holds the gowebob examples, the seed's four pages in three
// forms:
//
//   - pages: the application logic of each page (Hello, HelloWebOb, Environ,
//     Inspect), importable and tested against Python WebOb;
//   - hello, hello_webob, environ, inspect: a command per page that serves
//     it on its own (go run ./examples/inspect -addr 127.0.0.1:8080);
//   - www: a docroot for gowebob serve, its own module ("site"), in which
//     every .go file is a page declaring Application, as every .py file with
//     an application callable is a page under mod_wsgi.
//
// The peer tests (examples/*/peer_test.go) send the same requests to the
// Python originals on Apache + mod_wsgi + WebOb and to the Go pages, and
// compare the answers; they skip when Apache is not installed.
package examples

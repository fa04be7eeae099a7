// Package devpage renders what gowebob serve -dev shows a developer in the
// browser, in the manner of Werkzeug's debugger page and Python's WebError
// without their interactive console: the page of a build that failed (each
// compiler error at its docroot file:line:col, with the source around it)
// and the page of a panic (its value, its stack with the docroot's frames
// apart from the runtime's and gowebob's, which are folded, the source
// around the first frame in the docroot, and the request). Each is HTML,
// or JSON when the request's Accept prefers application/json to
// text/html. It also holds the live-reload script that -dev adds to HTML
// answers, and the path of the server-sent events it listens to.
//
// What it renders shows source code and request headers: it is for -dev
// only, and the callers must never use it otherwise. It does not promise
// the HTML's markup; the JSON's field names are stable.
package devpage

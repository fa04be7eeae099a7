// Package loadcheck checks under load the promise gowebob serve makes about
// page processes that die: a page process's death fails at most the
// requests it was executing, and a request no page executed is never lost.
//
// Run sends requests to one page over Config.Conns keep-alive connections,
// each request with a unique id in its X-Load-Id header, while the page
// process dies every so often: the page built from PageSource exits on
// every Nth request it handles, and Config.KillEvery sends it SIGKILL.
// PageSource writes each id to a record file before it does anything else
// with the request, so after the load Run can tell, for every request that
// failed, whether a page executed it (the id is in the record) or never saw
// it (the id is not). A never-executed failure breaks the promise.
//
// The client never retries. It writes raw HTTP/1.1 requests and reads the
// answers with http.ReadResponse instead of using an http.Transport, which
// silently re-sends some requests that failed on a reused connection and
// would hide exactly the failures Run counts.
//
// Run does not promise that the server is at fault for a never-executed
// failure: a server that could not accept connections, or a request that
// timed out before the page got it, counts the same way. Result.ByError
// tells these apart. Nor does it check anything about requests that
// succeeded beyond their status and body, and Result.OKUnrecorded, which
// should be 0, says whether the record can be trusted.
//
// The command internal/loadcheck/cmd/faultload runs gowebob serve over a
// copy of examples/www with PageSource as its page fault.go and Run
// against it; bench/fault.sh runs it for both ways of dying.
package loadcheck

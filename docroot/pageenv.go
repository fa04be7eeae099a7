package docroot

import "github.com/gowebob/gowebob/request"

// The environ keys that tell a page how it is run, in Go form: the facts
// WSGI's wsgi.multithread, wsgi.multiprocess and wsgi.run_once give a
// Python application, and the page's file and function as mod_wsgi's
// application_group and callable_object name them.
const (
	// EnvMultithread is "true": a page's handler answers requests
	// concurrently, one goroutine each.
	EnvMultithread = "gowebob.multithread"
	// EnvMultiprocess is "true": another process may run the same page at
	// the same time (the next program while gowebob serve swaps a rebuilt
	// page in, or another copy of a built program behind a load balancer).
	EnvMultiprocess = "gowebob.multiprocess"
	// EnvRunOnce is "false": a page's program answers many requests.
	EnvRunOnce = "gowebob.run_once"
	// EnvPage is the page's file, relative to the docroot with slashes
	// ("shop/cart.go").
	EnvPage = "gowebob.page"
	// EnvCallable is the name of the page's function: "Application".
	EnvCallable = "gowebob.callable"
)

// SetPageEnviron sets in env the keys that tell the page file how it is
// run (EnvMultithread and the rest). gowebob serve and a program that
// gowebob build made set the same ones.
func SetPageEnviron(env request.Environ, file string) {
	env[EnvMultithread] = "true"
	env[EnvMultiprocess] = "true"
	env[EnvRunOnce] = "false"
	env[EnvPage] = file
	env[EnvCallable] = "Application"
}

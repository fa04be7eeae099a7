// Package site is the runtime of a program that gowebob build makes of a
// docroot: every page of the folder compiled into one binary, mounted on
// one docroot.Dispatcher with exactly the URL mapping of gowebob serve,
// and the folder's static files embedded.
//
// The main function gowebob build generates fills a Site (its Pages, and
// its Files) and calls Main, which reads the program's flags, listens and
// serves until SIGTERM or SIGINT:
//
//	func main() {
//		site.Main(&site.Site{
//			Dir:   "/home/me/mysite",
//			Pages: []site.Page{{File: "hello.go", App: hello.Application}},
//			Files: site.NewFS(static, files),
//		})
//	}
//
// Site.Handler is the http.Handler alone, for tests and for programs that
// run their own server.
//
// # What it does not promise
//
// The pages share one process: unlike gowebob serve, a page that calls
// os.Exit, crashes the runtime or exhausts memory takes every page down
// with it, and there is no per-page memory limit or recycling. A panic is
// still a 500 for that request only. Run several instances behind a load
// balancer (see the deploy folder of the repository) for availability.
package site

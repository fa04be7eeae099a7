// Package webob is the glue between the request, response and exc packages
// and net/http.
//
// Handle turns a WebOb-style function, func(*request.Request)
// (*response.Response, error), into an http.Handler, as WebOb's wsgify
// decorator turns a function into a WSGI application: a returned exc error
// is rendered for the request's Accept header, any other error and any panic
// become a 500 that says nothing internal, and the cause is logged with
// slog. Adapt accepts the other natural shapes of an application.
//
// HandleApp takes an App, which composes as wsgify's functions do: it may
// return a Response, a string, an error, or another http.Handler to
// delegate the request to, and may fill webob.Response(req) (WebOb's
// req.response) instead, whose cookies go with whatever it returns.
// Middleware makes a middleware of a func(req, next) in the same way
// (wsgify.middleware), and Handler.Renderer renders one handler's errors
// with its own templates or JSON formatter.
//
// Mounted serves an application under a URL prefix with the SCRIPT_NAME
// WebOb expects. To mount applications by file name, as gowebob serve puts
// every page of a folder at its URL, see docroot.Dispatcher.
//
// # What it does not promise
//
// The package is not a router: it has no patterns, no methods and no
// parameters beyond SCRIPT_NAME and PATH_INFO. Use any net/http router in
// front of it or inside an application.
package webob

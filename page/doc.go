// Package page is the runtime of a page program: what the main function
// that gowebob serve generates for a page runs (Serve). It takes the
// connections the server lends it, answers the requests that are the
// page's, gives every other request back with its connection, and applies
// the safety nets the server sets (request timeout, bounded concurrency,
// recycling). Under gowebob serve -dev (the server sets
// pageproto.DevEnv) it answers a panic with the panic page and ends its
// HTML answers with the live-reload script (see internal/devpage);
// otherwise it adds nothing to any answer. It is not meant to be used by hand: a page is a file with a
// func Application, see the webob package for the shapes it may take.
package page

package webob

import (
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Get builds a request for target with request.Blank, GET unless
// opts.Method says otherwise, and returns the response h gives it, as
// WebOb's wsgify.get(url, **kw): a one-call way to try a handler from a
// test, a script or another handler. opts may be nil.
//
// The response is what a client would see: an error the handler returns
// comes back rendered (a 404 response, say), where WebOb's direct call lets
// the exception propagate. The error result is only for a target or opts
// request.Blank refuses.
func (h *Handler) Get(target string, opts *request.BlankOptions) (*response.Response, error) {
	o := copyOpts(opts)
	if o.Method == "" {
		o.Method = "GET"
	}
	return h.Request(target, &o)
}

// Post is Get for a POST with post as its urlencoded form, as WebOb's
// wsgify.post(url, POST, **kw): the method is POST unless opts.Method says
// otherwise, and post, when not nil, replaces opts.POST.
func (h *Handler) Post(target string, post []request.Item, opts *request.BlankOptions) (*response.Response, error) {
	o := copyOpts(opts)
	if o.Method == "" {
		o.Method = "POST"
	}
	if post != nil {
		o.POST = post
	}
	return h.Request(target, &o)
}

// Request builds a request for target with request.Blank(target, opts) and
// returns the response h gives it, as WebOb's wsgify.request(url, **kw); see
// Get for errors.
func (h *Handler) Request(target string, opts *request.BlankOptions) (*response.Response, error) {
	req, err := request.Blank(target, opts)
	if err != nil {
		return nil, err
	}
	return response.Send(req, h)
}

// copyOpts returns a copy of opts, so that Get and Post do not change the
// caller's value; nil gives the zero options.
func copyOpts(opts *request.BlankOptions) request.BlankOptions {
	if opts == nil {
		return request.BlankOptions{}
	}
	return *opts
}

// remember.go remembers the name given in ?name= in a cookie and greets the
// visitor by it: a page that puts client input into a header, for the
// hostile-request tests (response.SetCookie refuses CR, LF and ';').
package main

import (
	"errors"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Application sets the cookie when ?name= is given and greets by it.
func Application(req *request.Request) (*response.Response, error) {
	get, err := req.GET()
	if err != nil {
		return nil, err
	}
	resp := response.New()
	resp.SetContentType("text/plain")
	name := get.Get("name")
	if name != "" {
		err := resp.SetCookie("name", name, response.CookieOptions{HTTPOnly: true, SameSite: "lax"})
		if errors.Is(err, response.ErrInvalidCookie) {
			return nil, exc.BadRequest("a name cannot hold control characters or ';'")
		}
		if err != nil {
			return nil, err
		}
	} else if c, ok := req.Cookie("name"); ok {
		name = c
	}
	if name == "" {
		name = "stranger"
	}
	resp.SetText("Hello, " + name + "!\n")
	return resp, nil
}

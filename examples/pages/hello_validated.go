package pages

import (
	"errors"
	"strings"

	"github.com/gowebob/gowebob/bind"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Greeting is the form HelloWebObValidated binds: the first name is
// required.
type Greeting struct {
	FirstName string `schema:"firstname" validate:"required"`
	LastName  string `schema:"lastname"`
}

// HelloWebObValidated is the hello_webob form bound to a Greeting with
// bind.Bind and validated: a POST without a first name re-renders the
// form with the messages and a 422; a valid POST greets.
func HelloWebObValidated(req *request.Request) (*response.Response, error) {
	var g Greeting
	var problems []bind.FieldError
	posted := req.Method() == "POST"
	if posted {
		var be *bind.Error
		switch err := bind.Bind(req, &g); {
		case errors.As(err, &be) && be.Code == 422:
			problems = be.Fields
		case err != nil:
			return nil, err
		}
	}
	var b strings.Builder
	b.WriteString(pageHead)
	if len(problems) > 0 {
		b.WriteString("<ul class=\"errors\">")
		for _, p := range problems {
			b.WriteString("<li>")
			b.WriteString(htmlEscape(p.Message))
			b.WriteString("</li>")
		}
		b.WriteString("</ul>\n")
	} else if posted {
		b.WriteString("<p>Hello, ")
		b.WriteString(htmlEscape(strings.TrimSpace(g.FirstName + " " + g.LastName)))
		b.WriteString("!</p>\n")
	}
	writeForm(&b, req.PathURL(), g.FirstName, g.LastName)
	b.WriteString("</body></html>")
	resp := response.New()
	if len(problems) > 0 {
		if err := resp.SetStatusCode(422); err != nil {
			return nil, err
		}
	}
	if err := resp.SetText(b.String()); err != nil {
		return nil, err
	}
	return resp, nil
}

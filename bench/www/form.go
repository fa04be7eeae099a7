// form.go is the bench "form" page for gowebob serve: bench.GowebobForm as a file.
package main

import (
	"strings"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// formKeys is bench.FormKeys.
var formKeys = []string{"firstname", "lastname", "email", "phone", "street", "city", "zip", "country", "company", "message"}

// Application is bench.GowebobForm: it answers "key=value\n" for each field.
func Application(req *request.Request) (*response.Response, error) {
	form, err := req.POST()
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, k := range formKeys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(form.Get(k))
		b.WriteByte('\n')
	}
	resp := response.New()
	resp.SetContentType("text/plain")
	if err := resp.SetText(b.String()); err != nil {
		return nil, err
	}
	return resp, nil
}

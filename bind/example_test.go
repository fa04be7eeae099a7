package bind_test

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/gowebob/gowebob/bind"
	"github.com/gowebob/gowebob/request"
)

// Bind fills a struct from the query string and the form, then validates
// it. A failure is an *Error whose Fields name what the client sent.
func ExampleBind() {
	type signup struct {
		Name  string   `schema:"name" json:"name" validate:"required"`
		Email string   `schema:"email" json:"email" validate:"required,email"`
		Age   int      `schema:"age" json:"age" validate:"gte=18"`
		Tags  []string `schema:"tag" json:"tags" validate:"max=2"`
	}
	try := func(body string) {
		hr := httptest.NewRequest("POST", "/signup?tag=go", strings.NewReader(body))
		hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		var s signup
		err := bind.Bind(request.FromHTTP(hr, ""), &s)
		var be *bind.Error
		if errors.As(err, &be) {
			fmt.Println(be.StatusCode(), be.Message)
			for _, f := range be.Fields {
				fmt.Printf("  %s (%s): %s\n", f.Field, f.Rule, f.Message)
			}
			return
		}
		fmt.Printf("%+v\n", s)
	}
	try("name=Ada&email=ada%40example.com&age=36")
	try("name=Ada&age=thirty")
	try("email=nope&age=12&tag=a&tag=b")
	// Output:
	// {Name:Ada Email:ada@example.com Age:36 Tags:[go]}
	// 400 The request has 1 field that could not be read.
	//   age (type): age must be a whole number.
	// 422 The request has 4 invalid fields.
	//   age (gte): age must be 18 or more.
	//   email (email): email must be an email address.
	//   name (required): name is required.
	//   tag (max): tag must have at most 2 items.
}

// A JSON body is decoded with json tags, and errors use the json names.
// header and path tags read the request header and the ServeMux pattern.
func ExampleBinder_Bind() {
	type update struct {
		ID      string `path:"id"`
		Version int    `header:"If-Match-Version" validate:"gte=1"`
		Title   string `json:"title" validate:"required,max=20"`
	}
	hr := httptest.NewRequest("PUT", "/docs/7", strings.NewReader(`{"title":"Notes","extra":true}`))
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("If-Match-Version", "3")
	hr.SetPathValue("id", "7")

	var u update
	err := bind.Binder{RejectUnknown: true}.Bind(request.FromHTTP(hr, ""), &u)
	fmt.Println(err)

	hr.Body = nil
	u = update{}
	err = bind.Binder{}.Bind(request.FromHTTP(hr, ""), &u)
	fmt.Printf("%+v %v\n", u, err)
	// Output:
	// bind: The request has 1 field that could not be read. extra (unknown)
	// {ID:7 Version:3 Title:} bind: The request has 1 invalid field. title (required)
}

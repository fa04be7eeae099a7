package bind_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/bind"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

type item struct {
	Name string `schema:"name" json:"name" validate:"required"`
	Qty  int    `schema:"qty" json:"qty" validate:"gte=1"`
}

type order struct {
	Customer string            `schema:"customer" json:"customer" validate:"required,min=2"`
	Email    string            `schema:"email" json:"email" validate:"omitempty,email"`
	Age      int               `schema:"age" json:"age" validate:"omitempty,gte=18"`
	Rush     bool              `schema:"rush" json:"rush"`
	Tags     []string          `schema:"tag" json:"tags" validate:"max=3"`
	Items    []item            `schema:"items" json:"items" validate:"dive"`
	Meta     map[string]string `schema:"-" json:"meta" validate:"omitempty,dive,max=5"`
	Tenant   int               `header:"X-Tenant" validate:"omitempty,gte=1"`
	ID       string            `path:"id"`
	Note     string
}

func formRequest(t testing.TB, method, target, body string) *request.Request {
	t.Helper()
	opts := &request.BlankOptions{Method: method}
	if body != "" {
		opts.Body = []byte(body)
		opts.ContentType = "application/x-www-form-urlencoded"
	}
	return webobtest.NewRequest(target, opts)
}

func jsonRequest(t testing.TB, ctype, body string) *request.Request {
	t.Helper()
	return webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte(body), ContentType: ctype})
}

func bindError(t *testing.T, err error) *bind.Error {
	t.Helper()
	var be *bind.Error
	if !errors.As(err, &be) {
		t.Fatalf("Bind error = %v (%T), want a *bind.Error", err, err)
	}
	return be
}

func TestBindForm(t *testing.T) {
	t.Parallel()
	req := formRequest(t, "POST", "/?customer=Query&tag=a&age=30",
		"customer=Ada&email=ada%40example.com&rush=on&tag=b&items.0.name=tea&items.0.qty=2&items.1.name=cake&items.1.qty=1&Note=hi")
	var o order
	if err := bind.Bind(req, &o); err != nil {
		t.Fatalf("Bind = %v", err)
	}
	want := order{Customer: "Ada", Email: "ada@example.com", Age: 30, Rush: true, Tags: []string{"a", "b"},
		Items: []item{{"tea", 2}, {"cake", 1}}, Note: "hi"}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("Bind = %+v, want %+v", o, want)
	}
}

func TestBindJSON(t *testing.T) {
	t.Parallel()
	for _, ctype := range []string{"application/json", "application/json; charset=utf-8", "application/problem+json", "APPLICATION/JSON"} {
		req := jsonRequest(t, ctype, `{"customer":"Ada","tags":["x"],"items":[{"name":"tea","qty":3}],"meta":{"k":"v"}}`)
		var o order
		if err := bind.Bind(req, &o); err != nil {
			t.Fatalf("Bind(%s) = %v", ctype, err)
		}
		want := order{Customer: "Ada", Tags: []string{"x"}, Items: []item{{"tea", 3}}, Meta: map[string]string{"k": "v"}}
		if !reflect.DeepEqual(o, want) {
			t.Errorf("Bind(%s) = %+v, want %+v", ctype, o, want)
		}
	}
}

func TestBindJSONOverQuery(t *testing.T) {
	t.Parallel()
	req := webobtest.NewRequest("/?customer=Query&age=20", &request.BlankOptions{Method: "POST",
		Body: []byte(`{"customer":"Body"}`), ContentType: "application/json"})
	var o order
	if err := bind.Bind(req, &o); err != nil {
		t.Fatalf("Bind = %v", err)
	}
	if o.Customer != "Body" || o.Age != 20 {
		t.Errorf("Bind = %q, %d; want Body, 20", o.Customer, o.Age)
	}
}

func TestBindErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		req    func(t testing.TB) *request.Request
		binder bind.Binder
		code   int
		fields []bind.FieldError
	}{
		{
			name: "form type",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&age=old&items.0.name=x&items.0.qty=many", "")
			},
			code: 400,
			fields: []bind.FieldError{
				{Field: "age", Rule: "type", Message: "age must be a whole number."},
				{Field: "items.0.qty", Rule: "type", Message: "items.0.qty must be a whole number."},
			},
		},
		{
			name: "form validation",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "POST", "/", "customer=A&email=nope&age=12&tag=1&tag=2&tag=3&tag=4&items.0.qty=0")
			},
			code: 422,
			fields: []bind.FieldError{
				{Field: "age", Rule: "gte", Message: "age must be 18 or more."},
				{Field: "customer", Rule: "min", Message: "customer must have at least 2 characters."},
				{Field: "email", Rule: "email", Message: "email must be an email address."},
				{Field: "items.0.name", Rule: "required", Message: "items.0.name is required."},
				{Field: "items.0.qty", Rule: "gte", Message: "items.0.qty must be 1 or more."},
				{Field: "tag", Rule: "max", Message: "tag must have at most 3 items."},
			},
		},
		{
			name: "json validation uses json names",
			req: func(t testing.TB) *request.Request {
				return jsonRequest(t, "application/json", `{"customer":"","tags":["1","2","3","4"],"items":[{"qty":1}],"meta":{"k":"toolong"}}`)
			},
			code: 422,
			fields: []bind.FieldError{
				{Field: "customer", Rule: "required", Message: "customer is required."},
				{Field: "items.0.name", Rule: "required", Message: "items.0.name is required."},
				{Field: "meta.k", Rule: "max", Message: "meta.k must have at most 5 characters."},
				{Field: "tags", Rule: "max", Message: "tags must have at most 3 items."},
			},
		},
		{
			name: "json type",
			req: func(t testing.TB) *request.Request {
				return jsonRequest(t, "application/json", `{"customer":"Ada","age":"old"}`)
			},
			code:   400,
			fields: []bind.FieldError{{Field: "age", Rule: "type", Message: "age must be a whole number."}},
		},
		{
			name: "json syntax",
			req: func(t testing.TB) *request.Request {
				return jsonRequest(t, "application/json", `{"customer":`)
			},
			code: 400,
		},
		{
			name: "json trailing data",
			req: func(t testing.TB) *request.Request {
				return jsonRequest(t, "application/json", `{"customer":"Ada"} {}`)
			},
			code: 400,
		},
		{
			name: "json not an object",
			req: func(t testing.TB) *request.Request {
				return jsonRequest(t, "application/json", `[1]`)
			},
			code: 400,
		},
		{
			name: "empty json body validates",
			req: func(t testing.TB) *request.Request {
				return jsonRequest(t, "application/json", ``)
			},
			code:   422,
			fields: []bind.FieldError{{Field: "customer", Rule: "required", Message: "customer is required."}},
		},
		{
			name: "unknown key refused",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&bogus=1&items.x.name=1", "")
			},
			binder: bind.Binder{RejectUnknown: true},
			code:   400,
			fields: []bind.FieldError{
				{Field: "bogus", Rule: "unknown", Message: "bogus is not a known field."},
				{Field: "items.x.name", Rule: "unknown", Message: "items.x.name is not a known field."},
			},
		},
		{
			name: "unknown json key refused",
			req: func(t testing.TB) *request.Request {
				return jsonRequest(t, "application/json", `{"customer":"Ada","bogus":1}`)
			},
			binder: bind.Binder{RejectUnknown: true},
			code:   400,
			fields: []bind.FieldError{{Field: "bogus", Rule: "unknown", Message: "bogus is not a known field."}},
		},
		{
			name: "header-only field refused from the query",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&Tenant=3&Tenant=4", "")
			},
			binder: bind.Binder{RejectUnknown: true},
			code:   400,
			fields: []bind.FieldError{{Field: "Tenant", Rule: "unknown", Message: "Tenant is not a known field."}},
		},
		{
			name: "header type",
			req: func(t testing.TB) *request.Request {
				return webobtest.NewRequest("/?customer=Ada", &request.BlankOptions{Headers: map[string]string{"X-Tenant": "acme"}})
			},
			code:   400,
			fields: []bind.FieldError{{Field: "X-Tenant", Rule: "type", Message: "X-Tenant must be a whole number."}},
		},
		{
			name: "header validation uses the header name",
			req: func(t testing.TB) *request.Request {
				return webobtest.NewRequest("/?customer=Ada", &request.BlankOptions{Headers: map[string]string{"X-Tenant": "-4"}})
			},
			code:   422,
			fields: []bind.FieldError{{Field: "X-Tenant", Rule: "gte", Message: "X-Tenant must be 1 or more."}},
		},
		{
			name: "index above the default cap",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&items.101.name=x", "")
			},
			code:   400,
			fields: []bind.FieldError{{Field: "items.101.name", Rule: "index", Message: "items.101.name has an index above the limit of 100."}},
		},
		{
			name: "index above a set cap",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&items.6.name=x", "")
			},
			binder: bind.Binder{MaxIndex: 5},
			code:   400,
			fields: []bind.FieldError{{Field: "items.6.name", Rule: "index", Message: "items.6.name has an index above the limit of 5."}},
		},
		{
			name: "index above the ceiling",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&items.10001.name=x", "")
			},
			binder: bind.Binder{MaxIndex: 1 << 30},
			code:   400,
			fields: []bind.FieldError{{Field: "items.10001.name", Rule: "index", Message: "items.10001.name has an index above the limit of 10000."}},
		},
		{
			name: "negative index",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&items.-1.name=x", "")
			},
			code:   400,
			fields: []bind.FieldError{{Field: "items.-1.name", Rule: "index", Message: "items.-1.name has an index above the limit of 100."}},
		},
		{
			name: "signed index",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&items.%2B1.name=x", "")
			},
			code:   400,
			fields: []bind.FieldError{{Field: "items.+1.name", Rule: "index", Message: "items.+1.name has an index above the limit of 100."}},
		},
		{
			name: "too many keys",
			req: func(t testing.TB) *request.Request {
				return formRequest(t, "GET", "/?customer=Ada&a=1&b=2", "")
			},
			binder: bind.Binder{MaxKeys: 2},
			code:   400,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var o order
			be := bindError(t, tt.binder.Bind(tt.req(t), &o))
			if be.StatusCode() != tt.code || be.Code != tt.code {
				t.Errorf("Bind: StatusCode() = %d, want %d (%v)", be.StatusCode(), tt.code, be)
			}
			if !reflect.DeepEqual(be.Fields, tt.fields) {
				t.Errorf("Bind: Fields =\n%#v\nwant\n%#v", be.Fields, tt.fields)
			}
			if be.Message == "" {
				t.Errorf("Bind: Message is empty")
			}
		})
	}
}

func TestBindAllowed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		req    *request.Request
		binder bind.Binder
	}{
		{"unknown key ignored", formRequest(t, "GET", "/?customer=Ada&bogus=1", ""), bind.Binder{}},
		{"unknown json key ignored", jsonRequest(t, "application/json", `{"customer":"Ada","bogus":1}`), bind.Binder{}},
		{"index at the cap", formRequest(t, "GET", "/?customer=Ada&items.5.name=x&items.5.qty=1&items.0.name=y&items.0.qty=1&items.1.name=z&items.1.qty=1&items.2.name=z&items.2.qty=1&items.3.name=z&items.3.qty=1&items.4.name=z&items.4.qty=1", ""), bind.Binder{MaxIndex: 5}},
		{"keys at the cap", formRequest(t, "GET", "/?customer=Ada&rush=1", ""), bind.Binder{MaxKeys: 2}},
		{"numeric segment that is no index", formRequest(t, "GET", "/?customer=Ada&x.99999999999999999999=1", ""), bind.Binder{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var o order
			if err := tt.binder.Bind(tt.req, &o); err != nil && !strings.Contains(tt.name, "no index") {
				t.Fatalf("Bind = %v, want nil", err)
			}
		})
	}
}

func TestBindHeaderAndPath(t *testing.T) {
	t.Parallel()
	var got order
	var gotErr error
	mux := http.NewServeMux()
	mux.HandleFunc("POST /orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		gotErr = bind.Bind(request.FromHTTP(r, ""), &got)
	})
	hr := httptest.NewRequest("POST", "/orders/o-17?Tenant=99&ID=query&customer=Ada", strings.NewReader(`{"Tenant":5,"ID":"json"}`))
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("X-Tenant", "42")
	mux.ServeHTTP(httptest.NewRecorder(), hr)
	if gotErr != nil {
		t.Fatalf("Bind = %v", gotErr)
	}
	if got.Tenant != 42 || got.ID != "o-17" || got.Customer != "Ada" {
		t.Errorf("Bind: Tenant, ID, Customer = %d, %q, %q; want 42, o-17, Ada", got.Tenant, got.ID, got.Customer)
	}

	// Without the header and path, the query and JSON body still cannot
	// set those fields.
	req := webobtest.NewRequest("/?Tenant=99&ID=query&customer=Ada", &request.BlankOptions{Method: "POST",
		Body: []byte(`{"Tenant":5,"ID":"json"}`), ContentType: "application/json"})
	var o order
	if err := bind.Bind(req, &o); err != nil {
		t.Fatalf("Bind = %v", err)
	}
	if o.Tenant != 0 || o.ID != "" {
		t.Errorf("Bind: Tenant, ID = %d, %q; want 0, empty", o.Tenant, o.ID)
	}
}

type addrList []netip.Addr

func TestBindHeaderTypes(t *testing.T) {
	t.Parallel()
	var dst struct {
		IDs    []int       `header:"X-Ids"`
		Addr   *netip.Addr `header:"X-Addr"`
		Ratio  float64     `header:"X-Ratio"`
		Debug  *bool       `header:"X-Debug"`
		Small  uint8       `header:"X-Small"`
		Both   string      `header:"X-Both" schema:"both"`
		Others addrList    `header:"X-Others"`
	}
	req := webobtest.NewRequest("/?both=query", &request.BlankOptions{Headers: map[string]string{
		"X-Ids": "1, 2,3,", "X-Addr": "::1", "X-Ratio": "0.5", "X-Debug": "true", "X-Small": "255", "X-Others": "10.0.0.1,10.0.0.2",
	}})
	if err := bind.Bind(req, &dst); err != nil {
		t.Fatalf("Bind = %v", err)
	}
	if !reflect.DeepEqual(dst.IDs, []int{1, 2, 3}) || dst.Addr.String() != "::1" || dst.Ratio != 0.5 || !*dst.Debug ||
		dst.Small != 255 || dst.Both != "query" || len(dst.Others) != 2 {
		t.Errorf("Bind = %+v", dst)
	}
	req = webobtest.NewRequest("/", &request.BlankOptions{Headers: map[string]string{"X-Small": "256", "X-Addr": "nope"}})
	be := bindError(t, bind.Bind(req, &dst))
	if len(be.Fields) != 2 || be.Fields[0].Field != "X-Addr" || be.Fields[0].Message != "X-Addr is not in a valid format." || be.Fields[1].Field != "X-Small" {
		t.Errorf("Bind: Fields = %+v", be.Fields)
	}
}

func TestBindProgrammingErrors(t *testing.T) {
	t.Parallel()
	req := formRequest(t, "GET", "/?a=1", "")
	var notStruct int
	var nilPtr *order
	var badHeader struct {
		M map[string]string `header:"X-M"`
	}
	for _, dst := range []any{nil, order{}, &notStruct, nilPtr, &badHeader} {
		err := bind.Bind(req, dst)
		var be *bind.Error
		if err == nil || errors.As(err, &be) {
			t.Errorf("Bind(%T) = %v, want an error that is not a *bind.Error", dst, err)
		}
	}
}

type namedLevel int

// TestBindSchemaPanic checks that a field gorilla/schema panics on when a
// value converts (a slice of pointers to a named type) is an error of the
// application's, not a panic a client can trigger.
func TestBindSchemaPanic(t *testing.T) {
	t.Parallel()
	var dst struct {
		Levels []*namedLevel `schema:"level"`
	}
	err := bind.Bind(formRequest(t, "GET", "/?level=1&level=2", ""), &dst)
	require.Error(t, err)
	assert.NotErrorAs(t, err, new(*bind.Error))
	assert.Contains(t, err.Error(), "bind: Bind: gorilla/schema cannot fill")
}

func TestBindRequestErrorsPassThrough(t *testing.T) {
	t.Parallel()
	hr := httptest.NewRequest("POST", "/", strings.NewReader(`{"customer":"`+strings.Repeat("a", 100)+`"}`))
	hr.Header.Set("Content-Type", "application/json")
	req := request.FromHTTP(hr, "")
	req.Limits.MaxBodyBytes = 10
	var o order
	var tl *request.TooLargeError
	if err := bind.Bind(req, &o); !errors.As(err, &tl) {
		t.Errorf("Bind over MaxBodyBytes = %v, want *TooLargeError", err)
	}
	req = formRequest(t, "GET", "/?customer=%ff", "")
	var de *request.DecodeError
	if err := bind.Bind(req, &o); !errors.As(err, &de) {
		t.Errorf("Bind of a non-UTF-8 query = %v, want *DecodeError", err)
	}
}

func TestBindJSONCause(t *testing.T) {
	t.Parallel()
	var o order
	err := bind.Bind(jsonRequest(t, "application/json", `{`), &o)
	be := bindError(t, err)
	var je *request.JSONError
	if !errors.As(err, &je) || be.Message != "The request body is not valid JSON." {
		t.Errorf("Bind(`{`) = %v, want a bind.Error wrapping a *JSONError", err)
	}
	if !strings.HasPrefix(err.Error(), "bind: The request body is not valid JSON.: request: invalid JSON body") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestBindErrorString(t *testing.T) {
	t.Parallel()
	var o order
	err := bind.Bind(formRequest(t, "GET", "/?age=x&rush=maybe", ""), &o)
	want := "bind: The request has 2 fields that could not be read. age (type), rush (type)"
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
}

func TestBindSchemaRequired(t *testing.T) {
	t.Parallel()
	var dst struct {
		Name string `schema:"name,required"`
	}
	be := bindError(t, bind.Bind(formRequest(t, "GET", "/?x=1", ""), &dst))
	want := []bind.FieldError{{Field: "name", Rule: "required", Message: "name is required."}}
	if be.Code != 422 || !reflect.DeepEqual(be.Fields, want) {
		t.Errorf("Bind = %d %+v, want 422 %+v", be.Code, be.Fields, want)
	}
}

func TestBindFieldNamesAreBounded(t *testing.T) {
	t.Parallel()
	key := strings.Repeat("k", 500) + "%ff"
	var o order
	be := bindError(t, bind.Binder{RejectUnknown: true}.Bind(formRequest(t, "POST", "/", key+"=1"), &o))
	if len(be.Fields) != 1 || len(be.Fields[0].Field) > 128 {
		t.Errorf("Bind: Fields = %+v, want one field of at most 128 bytes", be.Fields)
	}
}

// TestRegisterValidation shows that tags are registered on a Validator
// value: a Binder without it does not know them.
func TestRegisterValidation(t *testing.T) {
	t.Parallel()
	v := bind.NewValidator()
	err := v.RegisterValidation("slug", func(fl validator.FieldLevel) bool {
		s := fl.Field().String()
		return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
	}, "must be a slug")
	if err != nil {
		t.Fatalf("RegisterValidation = %v", err)
	}
	if err := v.RegisterValidation("", nil, ""); err == nil {
		t.Errorf("RegisterValidation(\"\") = nil, want an error")
	}
	var dst struct {
		Slug string `schema:"slug" validate:"slug"`
	}
	b := bind.Binder{Validator: v}
	be := bindError(t, b.Bind(formRequest(t, "GET", "/?slug=Not+A+Slug", ""), &dst))
	want := []bind.FieldError{{Field: "slug", Rule: "slug", Message: "slug must be a slug."}}
	if !reflect.DeepEqual(be.Fields, want) {
		t.Errorf("Bind: Fields = %+v, want %+v", be.Fields, want)
	}
	if err := b.Bind(formRequest(t, "GET", "/?slug=a-slug", ""), &dst); err != nil {
		t.Errorf("Bind(a-slug) = %v", err)
	}
}

// TestBindHugeIndex proves that gorilla/schema's slice growth cannot be
// driven by the client: a key naming index 1e9 is refused before schema
// sees it, quickly and without allocating the slice.
func TestBindHugeIndex(t *testing.T) {
	var dst struct {
		A []struct {
			X string `schema:"x"`
		} `schema:"a"`
		B []string `schema:"b"`
	}
	for _, q := range []string{"a.1000000000=x", "a.1000000000.x=y", "a.99999999999999999999999.x=y", "b.1000000000=x"} {
		req := formRequest(t, "GET", "/?"+q, "")
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		err := bind.Binder{RejectUnknown: true}.Bind(req, &dst)
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		var be *bind.Error
		if !errors.As(err, &be) || be.Code != http.StatusBadRequest {
			t.Errorf("Bind(%s) = %v, want a 400 bind.Error", q, err)
		}
		if elapsed > 500*time.Millisecond {
			t.Errorf("Bind(%s) took %v", q, elapsed)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
			t.Errorf("Bind(%s) allocated %d bytes, want < 1 MiB", q, n)
		}
		if len(dst.A) != 0 || len(dst.B) != 0 {
			t.Errorf("Bind(%s) filled a slice of %d, %d", q, len(dst.A), len(dst.B))
		}
	}
}

func TestBindConcurrent(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 50 {
				var o order
				req := formRequest(t, "POST", "/", "customer=Ada&items.0.name=tea&items.0.qty=1")
				if i%2 == 0 {
					req = jsonRequest(t, "application/json", `{"customer":"Ada","items":[{"name":"tea","qty":1}]}`)
				}
				if err := bind.Bind(req, &o); err != nil || o.Items[0].Name != "tea" {
					t.Errorf("Bind = %v, %+v", err, o)
					return
				}
			}
		})
	}
	wg.Wait()
}

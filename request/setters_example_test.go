package request_test

import (
	"fmt"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

// SetText encodes with the request's charset, as WebOb's text setter.
func ExampleRequest_SetText() {
	req := request.New(request.Environ{"CONTENT_TYPE": "text/plain; charset=latin-1"}, nil)
	_ = req.SetText("café")
	body, _ := req.Body()
	fmt.Printf("%q %s\n", body, req.Environ["CONTENT_LENGTH"])
	// Output: "caf\xe9" 4
}

// SetJSON writes compact JSON, as WebOb's json setter.
func ExampleRequest_SetJSON() {
	req := request.New(request.Environ{"CONTENT_TYPE": "application/json"}, nil)
	_ = req.SetJSON(map[string]any{"name": "é", "n": []int{1, 2}})
	body, _ := req.Body()
	fmt.Println(string(body))
	// Output: {"n":[1,2],"name":"\u00e9"}
}

// SetGET writes a changed GET back to QUERY_STRING.
func ExampleRequest_SetGET() {
	req := request.New(request.Environ{"QUERY_STRING": "page=1&q=go"}, nil)
	get, _ := req.GET()
	get.Set("page", "2")
	req.SetGET(get)
	fmt.Println(req.QueryString())
	// Output: q=go&page=2
}

func ExampleMultiDict_Encode() {
	md := request.NewMultiDict(request.Item{Key: "q", Value: "a b&c"}, request.Item{Key: "q", Value: "é"})
	fmt.Println(md.Encode())
	// Output: q=a+b%26c&q=%C3%A9
}

// Keep a group of headers that WebOb's keyword arguments would keep.
func ExampleRequest_RemoveConditionalHeaders() {
	req := request.New(request.Environ{
		"HTTP_RANGE":           "bytes=0-99",
		"HTTP_IF_NONE_MATCH":   `"v1"`,
		"HTTP_ACCEPT_ENCODING": "gzip",
	}, nil)
	req.RemoveConditionalHeaders(request.KeepConditional{Encoding: true})
	fmt.Println(req.Environ)
	// Output: map[HTTP_ACCEPT_ENCODING:gzip]
}

// The cookie methods edit HTTP_COOKIE as WebOb's RequestCookies does.
func ExampleRequest_SetCookie() {
	req := request.New(request.Environ{"HTTP_COOKIE": "a=1; b=2"}, nil)
	_ = req.SetCookie("a", "x y")
	_ = req.SetCookie("c", "3")
	fmt.Println(req.Environ["HTTP_COOKIE"])
	v, _, _ := req.PopCookie("b")
	fmt.Println(v, req.Environ["HTTP_COOKIE"])
	err := req.SetCookie("$bad", "1")
	fmt.Println(err)
	// Output:
	// a="x y"; b=2; c=3
	// 2 a="x y"; c=3
	// header: invalid cookie name: "$bad"
}

func ExampleRequest_DeleteCookie() {
	req := request.New(request.Environ{"HTTP_COOKIE": "a=1; b=2"}, nil)
	fmt.Println(req.DeleteCookie("b"), req.Environ["HTTP_COOKIE"])
	fmt.Println(req.DeleteCookie("zz"))
	// Output:
	// <nil> a=1
	// request: no such cookie: "zz"
}

func ExampleRequest_SetDefaultCookie() {
	req := request.New(request.Environ{"HTTP_COOKIE": "a=1"}, nil)
	v1, _ := req.SetDefaultCookie("a", "9")
	v2, _ := req.SetDefaultCookie("lang", "en")
	fmt.Println(v1, v2, req.Environ["HTTP_COOKIE"])
	// Output: 1 en a=1; lang=en
}

func ExampleRequest_UpdateCookies() {
	req := request.New(request.Environ{}, nil)
	_ = req.UpdateCookies(header.Cookie{Name: "a", Value: "1"}, header.Cookie{Name: "b", Value: "2"})
	fmt.Println(req.Environ["HTTP_COOKIE"])
	req.ClearCookies()
	fmt.Printf("%q\n", req.Environ["HTTP_COOKIE"])
	// Output:
	// a=1; b=2
	// ""
}

// Params reads GET and POST together; GetOne counts both.
func ExampleParams_GetOne() {
	p := request.Params{
		GET:  request.NewMultiDict(request.Item{Key: "id", Value: "7"}, request.Item{Key: "tag", Value: "a"}),
		POST: request.NewMultiDict(request.Item{Key: "tag", Value: "b"}),
	}
	id, _ := p.GetOne("id")
	_, err := p.GetOne("tag")
	fmt.Println(id, err)
	fmt.Println(p.DictOfLists(), p.Mixed())
	fmt.Println(p.Copy().Encode())
	// Output:
	// 7 request: key does not have exactly one value: "tag" has 2
	// map[id:[7] tag:[a b]] map[id:7 tag:[a b]]
	// id=7&tag=a&tag=b
}

func ExampleParams_Mixed() {
	p := request.Params{
		GET:  request.NewMultiDict(request.Item{Key: "a", Value: "1"}),
		POST: request.NewMultiDict(request.Item{Key: "a", Value: "2"}, request.Item{Key: "b", Value: "3"}),
	}
	fmt.Println(p.Mixed())
	// Output: map[a:[1 2] b:3]
}

func ExampleParams_DictOfLists() {
	p := request.Params{
		GET:  request.NewMultiDict(request.Item{Key: "a", Value: "1"}),
		POST: request.NewMultiDict(request.Item{Key: "a", Value: "2"}),
	}
	fmt.Println(p.DictOfLists())
	// Output: map[a:[1 2]]
}

func ExampleParams_Copy() {
	p := request.Params{
		GET:  request.NewMultiDict(request.Item{Key: "a", Value: "1"}),
		POST: request.NewMultiDict(request.Item{Key: "b", Value: "2"}),
	}
	md := p.Copy()
	md.Add("c", "3")
	fmt.Println(md.Encode(), p.Len())
	// Output: a=1&b=2&c=3 2
}

// PopCookie returns the last value of a repeated name but removes the first
// pair, as WebOb does.
func ExampleRequest_PopCookie() {
	req := request.New(request.Environ{"HTTP_COOKIE": "a=1; a=2"}, nil)
	v, ok, _ := req.PopCookie("a")
	fmt.Println(v, ok, req.Environ["HTTP_COOKIE"])
	// Output: 2 true ; a=2
}

func ExampleRequest_ClearCookies() {
	req := request.New(request.Environ{"HTTP_COOKIE": "a=1"}, nil)
	req.ClearCookies()
	fmt.Println(len(req.Cookies()))
	// Output: 0
}

func ExampleKeepConditional() {
	req := request.New(request.Environ{"HTTP_RANGE": "bytes=0-9", "HTTP_IF_RANGE": `"v"`, "HTTP_IF_MODIFIED_SINCE": "Sat, 29 Oct 1994 19:43:31 GMT"}, nil)
	req.RemoveConditionalHeaders(request.KeepConditional{Range: true})
	_, ims := req.Environ["HTTP_IF_MODIFIED_SINCE"]
	fmt.Println(req.Environ["HTTP_RANGE"], ims)
	// Output: bytes=0-9 false
}

// Decode turns a Latin-1 form into a UTF-8 request, as WebOb's decode.
func ExampleRequest_Decode() {
	req := request.New(request.Environ{
		"REQUEST_METHOD": "POST",
		"QUERY_STRING":   "q=caf%E9",
		"CONTENT_TYPE":   "application/x-www-form-urlencoded; charset=latin-1",
	}, nil)
	req.SetBody([]byte("name=J%F6rg"))
	utf8Req, err := req.Decode("")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := utf8Req.Body()
	fmt.Println(utf8Req.QueryString(), string(body), utf8Req.Environ["CONTENT_TYPE"])
	post, _ := utf8Req.POST()
	fmt.Println(post.Get("name"))
	// Output:
	// q=caf%C3%A9 name=J%C3%B6rg application/x-www-form-urlencoded; charset="UTF-8"
	// Jörg
}

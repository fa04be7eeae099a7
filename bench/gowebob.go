package bench

import (
	"hash/crc32"
	"io"
	"net/http"

	"github.com/gowebob/gowebob/bind"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// Gowebob returns the corpus written with gowebob: one webob.Handle function
// per route on the same http.ServeMux patterns as NetHTTP, so that the
// router costs the same, plus examples/pages.HelloWebOb at /hello_webob.
func Gowebob() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /hello", webob.Handle(GowebobHello))
	mux.Handle("GET /query", webob.Handle(gwQuery))
	mux.Handle("POST /form", webob.Handle(GowebobForm))
	mux.Handle("POST /upload", webob.Handle(gwUpload))
	mux.Handle("GET /prefs", webob.Handle(gwPrefs))
	mux.Handle("POST /signup", webob.Handle(gwSignup))
	mux.Handle("GET /items/{id}", webob.Handle(gwItem))
	mux.Handle("/hello_webob", webob.Handle(pages.HelloWebOb))
	return mux
}

func gwText(s string) (*response.Response, error) {
	resp := response.New()
	resp.SetContentType("text/plain")
	if err := resp.SetText(s); err != nil {
		return nil, err
	}
	return resp, nil
}

// GowebobHello is the "hello" page; www/hello.go is the same function.
func GowebobHello(req *request.Request) (*response.Response, error) {
	resp := response.New()
	if err := resp.SetText(HelloBody); err != nil {
		return nil, err
	}
	return resp, nil
}

func gwQuery(req *request.Request) (*response.Response, error) {
	q, err := req.GET()
	if err != nil {
		return nil, err
	}
	return gwText(lines(QueryKeys, q.Get))
}

// GowebobForm is the "form" page; www/form.go is the same function.
func GowebobForm(req *request.Request) (*response.Response, error) {
	form, err := req.POST()
	if err != nil {
		return nil, err
	}
	return gwText(lines(FormKeys, form.Get))
}

func gwUpload(req *request.Request) (*response.Response, error) {
	form, err := req.POST()
	if err != nil {
		return nil, err
	}
	file := form.File("file")
	if file == nil {
		return nil, exc.BadRequest("No file.")
	}
	f, err := file.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := crc32.NewIEEE()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, err
	}
	return gwText(uploadSummary(form.Get("title"), file.Filename, n, h.Sum32()))
}

func gwPrefs(req *request.Request) (*response.Response, error) {
	cookie := func(name string) string {
		v, _ := req.Cookie(name)
		return v
	}
	media := req.Accept().BestMatch(MediaOffers)
	lang := req.AcceptLanguage().Lookup(LanguageOffers, DefaultLanguage)
	return gwText(prefsSummary(cookie, media, lang))
}

func gwSignup(req *request.Request) (*response.Response, error) {
	var s Signup
	if err := bind.Bind(req, &s); err != nil {
		if exc.StatusCode(err) == http.StatusUnprocessableEntity {
			resp, _ := gwText(invalidSignup)
			resp.SetStatusCode(http.StatusUnprocessableEntity)
			return resp, nil
		}
		return nil, err
	}
	return gwText(s.Summary())
}

func gwItem(req *request.Request) (*response.Response, error) {
	id := req.PathValue("id")
	name, ok := items[id]
	if !ok {
		return nil, exc.NotFound(itemDetail(id))
	}
	return gwText(itemText(id, name))
}

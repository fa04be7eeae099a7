package bench

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-playground/validator/v10"
	"github.com/gorilla/schema"
)

// Chi returns the corpus written with chi: chi.NewRouter with
// middleware.Recoverer. chi is a router over net/http, so the handlers are
// NetHTTP's except where chi has its own way (chi.URLParam) and for binding,
// where chi applications commonly use gorilla/schema and go-playground/validator.
func Chi() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Recoverer)
	r.Get("/hello", rawHello)
	r.Get("/query", rawQuery)
	r.Post("/form", rawForm)
	r.Post("/upload", rawUpload)
	r.Get("/prefs", rawPrefs)
	r.Post("/signup", chiSignup)
	r.Get("/items/{id}", chiItem)
	return r
}

var (
	chiDecoder  = newSchemaDecoder()
	chiValidate = validator.New(validator.WithRequiredStructEnabled())
)

func newSchemaDecoder() *schema.Decoder {
	d := schema.NewDecoder()
	d.IgnoreUnknownKeys(true)
	return d
}

func chiSignup(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	var s Signup
	if err := chiDecoder.Decode(&s, r.PostForm); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if err := chiValidate.Struct(&s); err != nil {
		rawText(w, http.StatusUnprocessableEntity, invalidSignup)
		return
	}
	rawText(w, http.StatusOK, s.Summary())
}

func chiItem(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	name, ok := items[id]
	if !ok {
		rawJSON(w, http.StatusNotFound, notFoundDoc(itemDetail(id)))
		return
	}
	rawText(w, http.StatusOK, itemText(id, name))
}

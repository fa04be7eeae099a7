package bench

import (
	"encoding/json"
	"hash/crc32"
	"io"
	"net/http"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// NetHTTP returns the corpus written with net/http alone: an
// http.ServeMux with method patterns and plain http.HandlerFuncs. It is the
// baseline every ratio is taken against. It also serves /hello_webob
// (HelloWebOb).
func NetHTTP() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", rawHello)
	mux.HandleFunc("GET /query", rawQuery)
	mux.HandleFunc("POST /form", rawForm)
	mux.HandleFunc("POST /upload", rawUpload)
	mux.HandleFunc("GET /prefs", rawPrefs)
	mux.HandleFunc("POST /signup", rawSignup)
	mux.HandleFunc("GET /items/{id}", rawItem)
	mux.HandleFunc("/hello_webob", HelloWebOb)
	return mux
}

func rawText(w http.ResponseWriter, code int, s string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	io.WriteString(w, s)
}

func rawJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func rawHello(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, HelloBody)
}

func rawQuery(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rawText(w, http.StatusOK, lines(QueryKeys, q.Get))
}

func rawForm(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	rawText(w, http.StatusOK, lines(FormKeys, r.PostForm.Get))
}

func rawUpload(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	f, fh, err := r.FormFile("file")
	if err != nil {
		http.Error(w, "no file", http.StatusBadRequest)
		return
	}
	defer f.Close()
	h := crc32.NewIEEE()
	n, err := io.Copy(h, f)
	if err != nil {
		http.Error(w, "cannot read file", http.StatusInternalServerError)
		return
	}
	rawText(w, http.StatusOK, uploadSummary(r.PostFormValue("title"), fh.Filename, n, h.Sum32()))
}

func rawPrefs(w http.ResponseWriter, r *http.Request) {
	cookie := func(name string) string {
		c, err := r.Cookie(name)
		if err != nil {
			return ""
		}
		return c.Value
	}
	media := bestMedia(r.Header.Get("Accept"), MediaOffers)
	lang := lookupLanguage(r.Header.Get("Accept-Language"), LanguageOffers, DefaultLanguage)
	rawText(w, http.StatusOK, prefsSummary(cookie, media, lang))
}

func rawSignup(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	s, ok := parseSignup(r.PostForm)
	if !ok {
		rawText(w, http.StatusUnprocessableEntity, invalidSignup)
		return
	}
	rawText(w, http.StatusOK, s.Summary())
}

// parseSignup converts and checks the form by hand, with the rules of
// Signup's validate tags.
func parseSignup(f url.Values) (Signup, bool) {
	s := Signup{
		Name: f.Get("name"), Email: f.Get("email"), Country: f.Get("country"), Zip: f.Get("zip"),
		Phone: f.Get("phone"), Website: f.Get("website"), Password: f.Get("password"), Confirm: f.Get("confirm"),
	}
	var err error
	if s.Age, err = strconv.Atoi(f.Get("age")); err != nil {
		return s, false
	}
	if s.Terms, err = strconv.ParseBool(f.Get("terms")); err != nil {
		return s, false
	}
	n := utf8.RuneCountInString(s.Name)
	ok := n >= 2 && n <= 64 &&
		s.Age >= 18 && s.Age <= 130 &&
		len(s.Country) == 2 && strings.ToUpper(s.Country) == s.Country &&
		len(s.Zip) == 5 && allDigits(s.Zip) &&
		len(s.Phone) >= 8 && len(s.Phone) <= 16 && s.Phone[0] == '+' && s.Phone[1] != '0' && allDigits(s.Phone[1:]) &&
		s.Password != "" && utf8.RuneCountInString(s.Password) >= 8 && utf8.RuneCountInString(s.Password) <= 72 &&
		s.Confirm == s.Password && s.Terms
	if !ok {
		return s, false
	}
	if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email {
		return s, false
	}
	if s.Website != "" {
		if u, err := url.Parse(s.Website); err != nil || u.Scheme == "" {
			return s, false
		}
	}
	return s, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func rawItem(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	name, ok := items[id]
	if !ok {
		rawJSON(w, http.StatusNotFound, notFoundDoc(itemDetail(id)))
		return
	}
	rawText(w, http.StatusOK, itemText(id, name))
}

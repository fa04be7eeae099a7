package request

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/url"
	"strconv"
	"strings"

	"github.com/gowebob/gowebob/internal/pyurl"
)

// BlankOptions are the optional parts of a request made by Blank. The zero
// value makes a plain GET.
type BlankOptions struct {
	// Method is the request method. If empty it is GET, or POST when POST or
	// Files are given (PUT and PATCH stay as they are).
	Method string
	// BaseURL, such as "https://example.com:8443/app", sets the scheme, the
	// host and SCRIPT_NAME. It must not have a query or fragment.
	BaseURL string
	// Headers are set after the environ is built, by header name.
	Headers map[string]string
	// Environ keys override the built environ.
	Environ Environ
	// POST is encoded as an application/x-www-form-urlencoded body, or as
	// multipart/form-data when Files is not empty, in order.
	POST []Item
	// Files are added to a multipart body after POST's fields: the Item's
	// Key is the field name, Value the file name, and File.data the content
	// (set with NewFile).
	Files []Item
	// Body is the raw body, used when POST and Files are empty.
	Body []byte
	// ContentType is the Content-Type of the body. With POST or Files it
	// must be empty or a form type: multipart/form-data, or
	// application/x-www-form-urlencoded when there are no Files. Anything
	// else is an error, as in WebOb: the caller asked for two different
	// bodies.
	ContentType string
}

// NewFile returns an upload for BlankOptions.Files.
func NewFile(field, filename, contentType string, content []byte) Item {
	return Item{Key: field, Value: filename, File: &File{Name: field, Filename: filename,
		ContentType: contentType, Size: int64(len(content)), data: content}}
}

// Blank returns a request for target, as WebOb's Request.blank: target is a
// path with an optional query ("/a/b?x=1", percent-encoded as on the wire)
// or an absolute http or https URL. The environ is what a server would give:
// SERVER_NAME localhost, port 80, HTTP/1.0, SCRIPT_NAME "". It returns an
// error for a target or BaseURL it cannot use; webobtest.NewRequest is the
// test helper that panics instead.
func Blank(target string, opts *BlankOptions) (*Request, error) {
	if opts == nil {
		opts = &BlankOptions{}
	}
	env, err := environFromURL(target)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := applyBaseURL(env, opts.BaseURL); err != nil {
			return nil, err
		}
	}
	for k, v := range opts.Environ {
		env[k] = v
	}
	body := opts.Body
	ctype := opts.ContentType
	if len(opts.POST) > 0 || len(opts.Files) > 0 {
		if m := env["REQUEST_METHOD"]; m != "POST" && m != "PUT" && m != "PATCH" {
			env["REQUEST_METHOD"] = "POST"
		}
		body, ctype, err = encodeForm(opts.POST, opts.Files, ctype)
		if err != nil {
			return nil, err
		}
	}
	if opts.Method != "" {
		env["REQUEST_METHOD"] = opts.Method
	}
	if ctype != "" {
		env["CONTENT_TYPE"] = ctype
	}
	if body != nil {
		env["CONTENT_LENGTH"] = strconv.Itoa(len(body))
	}
	r := New(env, nil)
	if body != nil {
		r.SetBody(body)
	}
	h := r.Headers()
	for k, v := range opts.Headers {
		h.Set(k, v)
	}
	return r, nil
}

// environFromURL is WebOb's environ_from_url.
func environFromURL(target string) (Environ, error) {
	scheme, netloc, path := "http", "localhost:80", target
	if u := pyurl.Parse(target, ""); u.Scheme != "" && strings.Contains(target, ":") && isAbsoluteScheme(target) {
		if u.Fragment != "" {
			return nil, fmt.Errorf("request: Blank: URL %q has a fragment", target)
		}
		scheme, netloc = u.Scheme, u.Netloc
		path = u.Path
		if u.Params != "" {
			path += ";" + u.Params
		}
		if u.Query != "" {
			path += "?" + u.Query
		}
		if !strings.Contains(netloc, ":") {
			switch scheme {
			case "http":
				netloc += ":80"
			case "https":
				netloc += ":443"
			default:
				return nil, fmt.Errorf("request: Blank: unknown scheme %q", scheme)
			}
		}
	}
	pathInfo, query, _ := strings.Cut(path, "?")
	pathInfo = webobUnquote(pathInfo, false)
	name, port, _ := strings.Cut(netloc, ":")
	return Environ{
		"REQUEST_METHOD":  "GET",
		"SCRIPT_NAME":     "",
		"PATH_INFO":       pathInfo,
		"QUERY_STRING":    query,
		"SERVER_NAME":     name,
		"SERVER_PORT":     port,
		"HTTP_HOST":       netloc,
		"SERVER_PROTOCOL": "HTTP/1.0",
		"wsgi.url_scheme": scheme,
	}, nil
}

// isAbsoluteScheme reports whether s starts with letters and a colon, as
// WebOb's SCHEME_RE (^[a-z]+:, any case).
func isAbsoluteScheme(s string) bool {
	i := 0
	for i < len(s) && ('a' <= s[i]|0x20 && s[i]|0x20 <= 'z') {
		i++
	}
	return i > 0 && i < len(s) && s[i] == ':'
}

func applyBaseURL(env Environ, base string) error {
	u := pyurl.Parse(base, "")
	if u.Query != "" || u.Fragment != "" {
		return fmt.Errorf("request: Blank: base URL %q has a query or fragment", base)
	}
	if u.Scheme != "" {
		env["wsgi.url_scheme"] = u.Scheme
	}
	if netloc := u.Netloc; netloc != "" {
		if !strings.Contains(netloc, ":") {
			switch u.Scheme {
			case "http":
				netloc += ":80"
			case "https":
				netloc += ":443"
			default:
				return fmt.Errorf("request: Blank: unknown scheme %q", u.Scheme)
			}
		}
		host, port, _ := strings.Cut(netloc, ":")
		env["SERVER_NAME"], env["SERVER_PORT"], env["HTTP_HOST"] = host, port, netloc
	}
	if u.Path != "" {
		env["SCRIPT_NAME"] = webobUnquote(u.Path, false)
	}
	return nil
}

// encodeForm encodes fields and files as WebOb's environ_add_POST does.
func encodeForm(fields, files []Item, ctype string) ([]byte, string, error) {
	mt, _ := parseHeaderParams(ctype)
	switch mt = strings.ToLower(mt); {
	case mt == "" || mt == "multipart/form-data":
	case mt == "application/x-www-form-urlencoded":
		if len(files) > 0 {
			return nil, "", fmt.Errorf("request: Blank: files cannot be sent with content type %q", mt)
		}
	default:
		return nil, "", fmt.Errorf("request: Blank: POST and Files need a form content type, not %q (give the body in Body)", mt)
	}
	if len(files) == 0 && !strings.HasPrefix(ctype, "multipart/form-data") {
		if ctype == "" {
			ctype = "application/x-www-form-urlencoded"
		}
		v := make([]string, 0, len(fields))
		for _, it := range fields {
			v = append(v, url.QueryEscape(it.Key)+"="+url.QueryEscape(it.Value))
		}
		return []byte(strings.Join(v, "&")), ctype, nil
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if _, params := parseHeaderParams(ctype); params["boundary"] != "" {
		if err := w.SetBoundary(params["boundary"]); err != nil {
			return nil, "", fmt.Errorf("request: Blank: %w", err)
		}
	}
	for _, it := range fields {
		if err := w.WriteField(it.Key, it.Value); err != nil {
			return nil, "", err
		}
	}
	for _, it := range files {
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name=%q; filename=%q`, it.Key, it.Value)}
		if it.File != nil && it.File.ContentType != "" {
			h["Content-Type"] = []string{it.File.ContentType}
		}
		pw, err := w.CreatePart(h)
		if err != nil {
			return nil, "", err
		}
		if it.File != nil {
			if _, err := pw.Write(it.File.data); err != nil {
				return nil, "", err
			}
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

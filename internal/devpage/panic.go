package devpage

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Frame is one call of a panic's stack.
type Frame struct {
	Func string `json:"func"`
	// File is relative to the docroot when InDocroot, else as the runtime
	// names it.
	File      string `json:"file"`
	Line      int    `json:"line"`
	InDocroot bool   `json:"in_docroot"`
}

// Field is one header field of the request.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Request is what the panic page shows of the request that panicked.
type Request struct {
	Method string  `json:"method"`
	URL    string  `json:"url"`
	Header []Field `json:"header"`
}

// Panic is a panic a page's code raised while it answered a request.
type Panic struct {
	Page   string  `json:"page"`
	Value  string  `json:"value"`
	Frames []Frame `json:"frames"`
	// At is the first frame in the docroot, and Source the lines around
	// it; both are empty when no frame is in the docroot.
	At      *Frame  `json:"at,omitempty"`
	Source  []Line  `json:"source,omitempty"`
	Request Request `json:"request"`
}

// NewPanic describes the panic value raised on r by the page's code.
// frames are its stack from the frame that panicked down, one a line as
// "function file:line"; docroot reports the docroot-relative path of a
// frame's file when it is in the docroot, and read reads such a file, for
// the source around the first of them.
func NewPanic(page string, value any, frames []string, docroot func(file string) (string, bool), read func(rel string) ([]byte, error), r *http.Request) *Panic {
	p := &Panic{Page: page, Value: fmt.Sprint(value), Frames: make([]Frame, 0, len(frames))}
	if err, ok := value.(error); ok {
		p.Value = err.Error()
	}
	for _, s := range frames {
		f := parseFrame(s)
		if rel, ok := docroot(f.File); ok && f.File != "" {
			f.File, f.InDocroot = rel, true
		}
		p.Frames = append(p.Frames, f)
		if f.InDocroot && p.At == nil {
			at := f
			p.At = &at
			if src, err := read(f.File); err == nil {
				p.Source = Source(src, f.Line)
			}
		}
	}
	p.Request = Request{Method: r.Method, URL: requestURL(r), Header: []Field{}}
	names := make([]string, 0, len(r.Header))
	for k := range r.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	if r.Host != "" {
		p.Request.Header = append(p.Request.Header, Field{Name: "Host", Value: r.Host})
	}
	for _, k := range names {
		for _, v := range r.Header[k] {
			p.Request.Header = append(p.Request.Header, Field{Name: k, Value: v})
		}
	}
	return p
}

// requestURL returns r's URL as the client asked for it.
func requestURL(r *http.Request) string {
	uri := r.RequestURI
	if uri == "" {
		uri = r.URL.RequestURI()
	}
	if r.Host == "" || !strings.HasPrefix(uri, "/") {
		return uri
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + uri
}

// parseFrame parses "function file:line"; a frame without a file keeps
// its function only.
func parseFrame(s string) Frame {
	fn, loc, ok := cutLast(s, " ")
	if !ok {
		return Frame{Func: s}
	}
	file, num, ok := cutLast(loc, ":")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return Frame{Func: s}
	}
	return Frame{Func: fn, File: file, Line: n}
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

package response

import (
	"io"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/gowebob/gowebob/request"
)

var _ http.Handler = (*Response)(nil)

// ServeHTTP writes the response to w: the status code, the headers (a
// relative Location made absolute against req's URL, as WebOb's __call__
// does) and the body, which a HEAD request does not get. With
// ConditionalResponse set it is Serve with request.FromHTTP(req, ""), so
// that conditional GET and Range requests are answered.
//
// net/http writes its own reason phrase for the status code. Header fields
// whose names are not tokens are dropped and CR and LF in values become
// spaces, as net/http does on the wire. An error writing the body is
// ignored: the client has gone.
func (r *Response) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if r.ConditionalResponse {
		r.Serve(w, request.FromHTTP(req, ""))
		return
	}
	fields := r.header.fields
	if r.header.Has("Location") {
		fields = r.absoluteFields(func() string { return httpRequestURI(req) })
	}
	r.send(w, fields, req.Method)
}

// Serve writes ForRequest(req) to w: the response as WebOb would send it
// for req, conditional handling included when ConditionalResponse is set.
// It returns the error of writing (or reading) a streaming body. (It is
// not called WriteTo because it is not io.WriterTo's method.)
func (r *Response) Serve(w http.ResponseWriter, req *request.Request) error {
	if !r.ConditionalResponse && !r.header.Has("Location") {
		// Nothing to change: write r itself rather than ForRequest's copy.
		return r.send(w, r.header.fields, req.Method())
	}
	out := r.ForRequest(req)
	out.writeHeader(w, out.header.fields)
	return out.writeBody(w)
}

// send writes r's status with fields and, unless method is HEAD, the body;
// a streaming body a HEAD request does not get is closed.
func (r *Response) send(w http.ResponseWriter, fields []Field, method string) error {
	r.writeHeader(w, fields)
	if method == "HEAD" {
		r.closeBody()
		return nil
	}
	return r.writeBody(w)
}

// writeHeader copies fields into w's header map, replacing what was there
// under the same names, and writes r's status code. The value slices share
// one backing array (headerValues), instead of one allocation per header.
func (r *Response) writeHeader(w http.ResponseWriter, fields []Field) {
	h := w.Header()
	vals := r.headerValues(len(fields))
	for i, f := range fields {
		key, ok := wireKey(f.Name)
		if !ok {
			continue
		}
		v := f.Value
		if strings.IndexByte(v, '\r') >= 0 || strings.IndexByte(v, '\n') >= 0 {
			v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
		}
		if seen(fields[:i], f.Name) {
			h[key] = append(h[key], v)
		} else {
			vals[i] = v
			h[key] = vals[i : i+1 : i+1]
		}
	}
	w.WriteHeader(r.StatusCode())
}

// wireKey returns the key of a field name in an http.Header
// (textproto.CanonicalMIMEHeaderKey), and false for a name that is not a
// token, which net/http would not send. The names New and SetText set on
// every response are known to be both.
func wireKey(name string) (string, bool) {
	switch name {
	case "Content-Type", "Content-Length":
		return name, true
	}
	if !isToken(name) {
		return "", false
	}
	return textproto.CanonicalMIMEHeaderKey(name), true
}

// seen reports whether a field named name is among fields.
func seen(fields []Field, name string) bool {
	for _, f := range fields {
		if equalFold(f.Name, name) && isToken(f.Name) {
			return true
		}
	}
	return false
}

// writeBody writes the body to w, closing a streaming one.
func (r *Response) writeBody(w io.Writer) error {
	if r.reader == nil {
		if r.text != "" {
			_, err := io.WriteString(w, r.text)
			return err
		}
		if len(r.body) == 0 {
			return nil
		}
		_, err := w.Write(r.body)
		return err
	}
	_, err := io.Copy(w, r.reader)
	if c, ok := r.reader.(io.Closer); ok {
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

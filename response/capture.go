package response

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/gowebob/gowebob/request"
)

// FromHTTP returns the Response res describes: its status (with WebOb's
// reason phrase), its headers and its body, read whole and closed. It is
// WebOb's Response.from_file for a message net/http has already parsed,
// as a client or a test gets one. http.Header does not keep the order of
// names, so the fields come sorted by canonical name, each name's values
// in order.
func FromHTTP(res *http.Response) (*Response, error) {
	r := &Response{}
	if err := r.SetStatusCode(res.StatusCode); err != nil {
		r.status = strconv.Itoa(res.StatusCode) + " " + http.StatusText(res.StatusCode)
	}
	r.addSorted(res.Header)
	if res.Body != nil {
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return nil, err
		}
		r.body = b
	}
	return r, nil
}

// addSorted adds the fields of h sorted by name.
func (r *Response) addSorted(h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			r.header.Add(k, v)
		}
	}
}

// Capture calls h with hr and returns what h wrote as a Response, without
// a network round trip: the status (200 when h wrote none), the headers
// h set, sorted by name as in FromHTTP, and the body. Unlike
// httptest.ResponseRecorder it is meant for production use (a handler
// calling another, as WebOb's req.get_response(app) does), and does not
// add a Content-Type the handler did not set.
func Capture(h http.Handler, hr *http.Request) *Response {
	w := &captureWriter{header: make(http.Header)}
	h.ServeHTTP(w, hr)
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	r := &Response{}
	if err := r.SetStatusCode(w.code); err != nil {
		r.status = strconv.Itoa(w.code) + " " + http.StatusText(w.code)
	}
	r.addSorted(w.sent)
	r.body = w.body.Bytes()
	return r
}

// Send runs h on req and returns its Response, as WebOb's
// req.get_response(app) and req.send(app) do. h sees the *http.Request
// that req.HTTPRequest returns, so that a handler that makes its Request
// with request.FromHTTP (webob.Handle, a page) gets req's environ exactly
// as it is: SCRIPT_NAME, PATH_INFO and every custom key, with no key
// dropped and nothing re-derived; req's context comes along too.
//
// Where WebOb's get_response with no app sends the request over the
// network, Send needs a handler: make the request with net/http's client
// and pass its answer to FromHTTP.
func Send(req *request.Request, h http.Handler) (*Response, error) {
	hr, err := req.HTTPRequest()
	if err != nil {
		return nil, err
	}
	return Capture(h, hr), nil
}

// captureWriter is the http.ResponseWriter of Capture.
type captureWriter struct {
	header http.Header
	sent   http.Header // the header as it was at WriteHeader
	code   int
	wrote  bool
	body   bytes.Buffer
}

var _ http.Flusher = (*captureWriter)(nil)

func (w *captureWriter) Header() http.Header { return w.header }

func (w *captureWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		return // an informational answer: the real one follows
	}
	w.wrote, w.code = true, code
	w.sent = w.header.Clone()
}

func (w *captureWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.body.Write(p)
}

// Flush does nothing: the whole answer is kept until the handler returns.
func (w *captureWriter) Flush() {}

// Fetch sends req over the network with client (http.DefaultClient when
// nil) and returns the answer as a Response, as WebOb's
// req.get_response() without an app does (webob.client): to the URL of
// the request's environ, with its method, headers and body, and the
// Request's context (a deadline there bounds the whole exchange). The
// body is read whole.
//
// Where WebOb turns a connection failure into a 502 or 504 response,
// Fetch returns the error (a *url.Error): the caller chooses what to
// answer; exc.FromError renders it as a 500.
func Fetch(client *http.Client, req *request.Request) (*Response, error) {
	hr, err := req.HTTPRequest()
	if err != nil {
		return nil, err
	}
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(hr)
	if err != nil {
		return nil, err
	}
	return FromHTTP(res)
}

package response

import "net/http"

// MergeCookiesHandler returns h wrapped so that r's Set-Cookie header
// fields are added after h's own when h writes its header, as WebOb's
// merge_cookies does when given a WSGI application rather than a Response.
// The cookies are those r holds when MergeCookiesHandler is called; when r
// has none, h is returned as it is (WebOb returns the app unchanged too).
//
// The fields are added on h's first WriteHeader with a final status, Write
// or Flush, or when h returns having written nothing (net/http then sends
// the header itself). An informational (1xx) WriteHeader does not carry
// them.
func (r *Response) MergeCookiesHandler(h http.Handler) http.Handler {
	var cookies []string
	for _, f := range r.header.fields {
		if equalFold(f.Name, "Set-Cookie") {
			cookies = append(cookies, f.Value)
		}
	}
	if len(cookies) == 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		cw := &cookieWriter{ResponseWriter: w, cookies: cookies}
		h.ServeHTTP(cw, req)
		cw.add()
	})
}

// cookieWriter adds its cookies to the header just before it is written.
type cookieWriter struct {
	http.ResponseWriter
	cookies []string
	done    bool
}

var _ http.Flusher = (*cookieWriter)(nil)

// add adds the cookies once.
func (w *cookieWriter) add() {
	if w.done {
		return
	}
	w.done = true
	hdr := w.ResponseWriter.Header()
	for _, c := range w.cookies {
		hdr.Add("Set-Cookie", c)
	}
}

// WriteHeader adds the cookies unless code is informational.
func (w *cookieWriter) WriteHeader(code int) {
	if code >= 200 || code == http.StatusSwitchingProtocols {
		w.add()
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write adds the cookies, then writes b.
func (w *cookieWriter) Write(b []byte) (int, error) {
	w.add()
	return w.ResponseWriter.Write(b)
}

// Flush adds the cookies and flushes the underlying writer when it can.
func (w *cookieWriter) Flush() {
	w.add()
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap returns the underlying ResponseWriter, for http.ResponseController.
func (w *cookieWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

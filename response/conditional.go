package response

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/textproto"
	"strconv"
	"time"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

// ForRequest returns the response as it is sent for req: what WebOb's
// req.get_response(resp) returns. The header list is a copy with every
// Location made absolute against the request URL (see SetLocation), a HEAD
// request gets the headers and an empty body, and with ConditionalResponse
// set, GET and HEAD requests get WebOb's conditional_response_app answers:
//
//   - 304 Not Modified, with no body and without Content-Type and
//     Content-Length, when If-None-Match lists the ETag (weak comparison;
//     "If-None-Match: *" is ignored, as in WebOb), or, when either header is
//     missing, when Last-Modified is not after If-Modified-Since;
//   - 206 Partial Content with Content-Range and Content-Length for the
//     first range of a satisfiable Range header, when If-Range matches, the
//     status is 200, Content-Length is known and there is no Content-Range;
//   - 416 Requested Range Not Satisfiable, with the text/plain body
//     "Requested range not satisfiable: <range>" and
//     "Content-Range: bytes */<length>", for an unsatisfiable one.
//
// r is not modified. The result shares r's body; a streaming body is
// consumed when either of them is read or written.
func (r *Response) ForRequest(req *request.Request) *Response {
	env := req.Environ
	out := &Response{status: r.Status(), body: r.body, text: r.text, reader: r.reader}
	out.header.fields = r.absoluteFields(func() string { return requestURI(env) })
	if !r.ConditionalResponse {
		if env["REQUEST_METHOD"] == "HEAD" {
			out.emptyBody()
		}
		return out
	}
	method := req.Method()
	if method != "GET" && method != "HEAD" {
		return out
	}

	etag, strong, hasETag := r.ETag()
	lastModified, hasLM := r.LastModified()
	status304 := false
	if inm := req.IfNoneMatch(); inm.IsList() && hasETag && etag != "" {
		status304 = inm.Contains(etag)
	} else if ims, ok := req.IfModifiedSince(); ok && hasLM {
		status304 = !lastModified.After(ims)
	}
	if status304 {
		out.status = "304 Not Modified"
		out.header.fields = filterFields(out.header.fields, true)
		out.emptyBody()
		return out
	}

	rng, ok := req.Range()
	if !ok || r.StatusCode() != 200 || r.hasContentRange() {
		return out.headIf(method)
	}
	length, ok := r.ContentLength()
	if !ok {
		return out.headIf(method)
	}
	var lm time.Time
	if hasLM {
		lm = lastModified
	}
	if !req.IfRange().MatchResponse(etag, hasETag && strong, lm) {
		return out.headIf(method)
	}
	if r.MultipartRanges && out.reader == nil {
		if done, served := out.multipartRanges(req, length, method); done {
			return served
		}
	}
	start, stop, ok := rng.RangeForLength(length)
	if !ok {
		body := []byte("Requested range not satisfiable: " + rng.String())
		fields := make([]Field, 0, len(out.header.fields)+3)
		fields = append(fields,
			Field{"Content-Length", strconv.Itoa(len(body))},
			Field{"Content-Range", "bytes */" + strconv.FormatInt(length, 10)},
			Field{"Content-Type", "text/plain"},
		)
		out.header.fields = append(fields, filterFields(out.header.fields, true)...)
		out.status = "416 Requested Range Not Satisfiable"
		out.closeBody()
		out.body, out.text, out.reader = body, "", nil
		return out.headIf(method)
	}
	fields := make([]Field, 0, len(out.header.fields)+2)
	fields = append(fields,
		Field{"Content-Length", strconv.FormatInt(stop-start, 10)},
		Field{"Content-Range", "bytes " + strconv.FormatInt(start, 10) + "-" +
			strconv.FormatInt(stop-1, 10) + "/" + strconv.FormatInt(length, 10)},
	)
	out.header.fields = append(fields, filterFields(out.header.fields, false)...)
	out.status = "206 Partial Content"
	if out.reader != nil {
		out.reader = &rangeReader{r: out.reader, skip: start, n: stop - start}
	} else if t := out.text; t != "" {
		out.text = t[min(start, int64(len(t))):min(stop, int64(len(t)))]
	} else {
		b := out.body
		out.body = b[min(start, int64(len(b))):min(stop, int64(len(b)))]
	}
	return out.headIf(method)
}

// multipartRanges answers a Range header of several ranges with a
// multipart/byteranges body, for an in-memory body of length bytes. It
// reports false, leaving r unchanged, when the header has one range or
// does not parse as several (the single-range code then answers as WebOb
// does), or when the ranges add up to more than the body (the whole body
// is then served: a 200, as RFC 9110 allows).
func (r *Response) multipartRanges(req *request.Request, length int64, method string) (bool, *Response) {
	rs, ok := header.ParseRanges(req.Environ["HTTP_RANGE"])
	if !ok || len(rs) < 2 {
		return false, nil
	}
	type span struct{ start, stop int64 }
	var spans []span
	var total int64
	for _, rg := range rs {
		if start, stop, ok := rg.RangeForLength(length); ok {
			spans = append(spans, span{start, stop})
			total += stop - start
		}
	}
	if len(spans) == 0 {
		return false, nil // the single-range code gives the 416
	}
	if total > length {
		return true, r.headIf(method)
	}
	body := r.body
	if r.text != "" {
		body = []byte(r.text)
	}
	ctype, _ := r.header.first("Content-Type")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, sp := range spans {
		h := textproto.MIMEHeader{}
		if ctype != "" {
			h.Set("Content-Type", ctype)
		}
		h.Set("Content-Range", "bytes "+strconv.FormatInt(sp.start, 10)+"-"+strconv.FormatInt(sp.stop-1, 10)+"/"+strconv.FormatInt(length, 10))
		pw, _ := mw.CreatePart(h) // writes to a bytes.Buffer: no error
		pw.Write(body[min(sp.start, int64(len(body))):min(sp.stop, int64(len(body)))])
	}
	mw.Close()
	fields := make([]Field, 0, len(r.header.fields)+2)
	fields = append(fields,
		Field{"Content-Length", strconv.Itoa(buf.Len())},
		Field{"Content-Type", "multipart/byteranges; boundary=" + mw.Boundary()},
	)
	r.header.fields = append(fields, filterFields(r.header.fields, true)...)
	r.status = "206 Partial Content"
	r.body, r.text = buf.Bytes(), ""
	return true, r.headIf(method)
}

// headIf empties the body when method is HEAD, and returns r.
func (r *Response) headIf(method string) *Response {
	if method == "HEAD" {
		r.emptyBody()
	}
	return r
}

// emptyBody drops the body but keeps the headers, as WebOb's
// EmptyResponse; a streaming body is still closed when the response is
// written.
func (r *Response) emptyBody() {
	if c, ok := r.reader.(io.Closer); ok {
		r.reader = closeOnly{c}
	} else {
		r.reader = nil
	}
	r.body, r.text = nil, ""
}

// closeBody closes a streaming body that will not be sent.
func (r *Response) closeBody() {
	if c, ok := r.reader.(io.Closer); ok {
		c.Close()
	}
}

// closeOnly is an empty body that closes the body it replaces.
type closeOnly struct{ c io.Closer }

// Read reports the end of the (empty) body.
func (closeOnly) Read([]byte) (int, error) { return 0, io.EOF }

// Close closes the replaced body.
func (e closeOnly) Close() error { return e.c.Close() }

// filterFields is WebOb's filter_headers: fields without Content-Length
// and, when alsoType, Content-Type.
func filterFields(fields []Field, alsoType bool) []Field {
	out := make([]Field, 0, len(fields))
	for _, f := range fields {
		if equalFold(f.Name, "Content-Length") || alsoType && equalFold(f.Name, "Content-Type") {
			continue
		}
		out = append(out, f)
	}
	return out
}

// absoluteFields returns a copy of the fields with every Location made
// absolute against the request URI that base returns.
func (r *Response) absoluteFields(base func() string) []Field {
	fields := r.header.Fields()
	uri := ""
	for i, f := range fields {
		if equalFold(f.Name, "Location") {
			if uri == "" {
				uri = base()
			}
			fields[i].Value = absoluteLocation(uri, f.Value)
		}
	}
	return fields
}

// hasContentRange reports whether the response has a Content-Range that
// WebOb's content_range property parses, which blocks serving a Range.
func (r *Response) hasContentRange() bool {
	v, ok := r.header.first("Content-Range")
	if !ok {
		return false
	}
	_, ok = header.ParseContentRange(v)
	return ok
}

// rangeReader serves bytes [skip, skip+n) of r, seeking when r can.
type rangeReader struct {
	r       io.Reader
	skip, n int64
}

// Read skips to the start of the range on first use, then reads at most
// the rest of the range.
func (rr *rangeReader) Read(p []byte) (int, error) {
	if rr.skip > 0 {
		skip := rr.skip
		rr.skip = 0
		if s, ok := rr.r.(io.Seeker); ok {
			if _, err := s.Seek(skip, io.SeekCurrent); err != nil {
				return 0, err
			}
		} else if _, err := io.CopyN(io.Discard, rr.r, skip); err != nil {
			if err == io.EOF {
				rr.n = 0
				return 0, io.EOF
			}
			return 0, err
		}
	}
	if rr.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > rr.n {
		p = p[:rr.n]
	}
	n, err := rr.r.Read(p)
	rr.n -= int64(n)
	return n, err
}

// Close closes the underlying body if it is an io.Closer.
func (rr *rangeReader) Close() error {
	if c, ok := rr.r.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

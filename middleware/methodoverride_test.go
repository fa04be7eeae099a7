package middleware_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/middleware"
)

func multipartBody(t testing.TB, fields map[string]string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, _ := mw.CreateFormFile("upload", "a.txt")
	_, _ = fw.Write([]byte("file content"))
	_ = mw.Close()
	return b.String(), mw.FormDataContentType()
}

func TestMethodOverride(t *testing.T) {
	t.Parallel()
	mpBody, mpType := multipartBody(t, map[string]string{"_method": "patch", "title": "x"})
	tests := []struct {
		name       string
		method     string
		header     string
		ctype      string
		body       string
		wantMethod string
		wantCode   int
	}{
		{name: "header PUT", method: "POST", header: "PUT", wantMethod: "PUT"},
		{name: "header lower case", method: "POST", header: "delete", wantMethod: "DELETE"},
		{name: "header GET refused", method: "POST", header: "GET", wantMethod: "POST"},
		{name: "header CONNECT refused", method: "POST", header: "CONNECT", wantMethod: "POST"},
		{name: "form DELETE", method: "POST", ctype: "application/x-www-form-urlencoded", body: "a=1&_method=DELETE", wantMethod: "DELETE"},
		{name: "form without _method", method: "POST", ctype: "application/x-www-form-urlencoded", body: "a=1", wantMethod: "POST"},
		{name: "form TRACE refused", method: "POST", ctype: "application/x-www-form-urlencoded", body: "_method=TRACE", wantMethod: "POST"},
		{name: "multipart PATCH", method: "POST", ctype: mpType, body: mpBody, wantMethod: "PATCH"},
		{name: "header wins over form", method: "POST", header: "PUT", ctype: "application/x-www-form-urlencoded", body: "_method=DELETE", wantMethod: "PUT"},
		{name: "GET is never overridden", method: "GET", header: "DELETE", wantMethod: "GET"},
		{name: "PUT form is never overridden", method: "PUT", ctype: "application/x-www-form-urlencoded", body: "_method=DELETE", wantMethod: "PUT"},
		{name: "JSON body not read", method: "POST", ctype: "application/json", body: `{"_method":"DELETE"}`, wantMethod: "POST"},
		{name: "malformed multipart", method: "POST", ctype: "multipart/form-data", body: "--x\r\n", wantCode: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var gotMethod, gotBody string
			h := middleware.MethodOverride(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotMethod = r.Method
				b, _ := io.ReadAll(r.Body)
				gotBody = string(b)
			}))
			r := httptest.NewRequest(tt.method, "/", strings.NewReader(tt.body))
			if tt.header != "" {
				r.Header.Set("X-HTTP-Method-Override", tt.header)
			}
			if tt.ctype != "" {
				r.Header.Set("Content-Type", tt.ctype)
			}
			w := serve(t, h, r)
			if tt.wantCode != 0 {
				if w.Code != tt.wantCode || gotMethod != "" {
					t.Errorf("MethodOverride: %d, handler saw %q; want %d and no call", w.Code, gotMethod, tt.wantCode)
				}
				return
			}
			if gotMethod != tt.wantMethod {
				t.Errorf("MethodOverride: method %q, want %q", gotMethod, tt.wantMethod)
			}
			if gotBody != tt.body {
				t.Errorf("MethodOverride: handler read body %q, want %q", gotBody, tt.body)
			}
			if r.Method != tt.method {
				t.Errorf("MethodOverride changed the caller's request to %q", r.Method)
			}
		})
	}
}

func TestMethodOverrideTooLarge(t *testing.T) {
	t.Parallel()
	reached := false
	h := middleware.MethodOverride(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = true }))
	r := httptest.NewRequest("POST", "/", strings.NewReader("a="+strings.Repeat("x", 11<<20)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := serve(t, h, r)
	if w.Code != http.StatusRequestEntityTooLarge || reached {
		t.Errorf("MethodOverride, 11 MiB form: %d, reached %v; want 413", w.Code, reached)
	}
}

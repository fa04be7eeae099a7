package pages_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// pageTest is one request to a page and the response it must get.
type pageTest struct {
	name   string
	method string            // "" is GET
	target string            // as given to httptest.NewRequest
	header map[string]string // request headers
	body   string

	wantStatus int
	wantHeader map[string]string // exact values; "" means absent
	wantBody   string
}

// request builds tt's request.
func (tt pageTest) request() *http.Request {
	method := tt.method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if tt.body != "" {
		body = strings.NewReader(tt.body)
	}
	r := httptest.NewRequest(method, tt.target, body)
	for k, v := range tt.header {
		r.Header.Set(k, v)
	}
	return r
}

// runPageTests serves each test's request with h and checks the response.
func runPageTests(t *testing.T, h http.Handler, tests []pageTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tt.request())
			checkResponse(t, tt, w.Result())
		})
	}
}

// checkResponse checks status, headers and body of resp against tt.
func checkResponse(tb testing.TB, tt pageTest, resp *http.Response) {
	tb.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: reading body: %v", tt.method, tt.target, err)
	}
	if resp.StatusCode != tt.wantStatus {
		tb.Errorf("%s %s: status = %d, want %d", tt.method, tt.target, resp.StatusCode, tt.wantStatus)
	}
	for k, want := range tt.wantHeader {
		if got := resp.Header.Get(k); got != want {
			tb.Errorf("%s %s: header %s = %q, want %q", tt.method, tt.target, k, got, want)
		}
	}
	if string(b) != tt.wantBody {
		tb.Errorf("%s %s: body =\n%s\nwant\n%s", tt.method, tt.target, b, tt.wantBody)
	}
}

package request_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/request"
)

func TestBodyStream(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 20<<20) // over the 10 MiB MaxBodyBytes
	tests := []struct {
		name    string
		env     request.Environ
		body    string
		want    string
		wantErr error
	}{
		{"length", request.Environ{"CONTENT_LENGTH": "5"}, "hello world", "hello", nil},
		{"over MaxBodyBytes", request.Environ{"CONTENT_LENGTH": "20971520"}, big, big, nil},
		{"short", request.Environ{"CONTENT_LENGTH": "10"}, "abc", "abc", io.ErrUnexpectedEOF},
		{"terminated", request.Environ{"wsgi.input_terminated": "1"}, "chunked", "chunked", nil},
		{"not readable", request.Environ{}, "ignored", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := request.New(tt.env, &onceReader{s: tt.body})
			rd, err := req.BodyStream()
			require.NoError(t, err)
			got, err := io.ReadAll(rd)
			if tt.wantErr != nil {
				var be *request.BodyError
				require.ErrorAs(t, err, &be)
				assert.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, len(tt.want), len(got))
			assert.True(t, string(got) == tt.want)
			_, err = req.Body()
			assert.ErrorIs(t, err, request.ErrBodyStreamed, "Body after BodyStream")
			_, err = req.BodyStream()
			assert.ErrorIs(t, err, request.ErrBodyStreamed, "a second BodyStream")
		})
	}
}

func TestBodyStreamAfterBody(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest("POST", "/", strings.NewReader("a=1"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req := request.FromHTTP(r, "")
	post, err := req.POST()
	require.NoError(t, err)
	assert.Equal(t, "1", post.Get("a"))
	for range 2 {
		rd, err := req.BodyStream()
		require.NoError(t, err)
		b, _ := io.ReadAll(rd)
		assert.Equal(t, "a=1", string(b), "the buffered copy, each time")
	}
	assert.False(t, errors.Is(err, request.ErrBodyStreamed))
}

// BodyStream reads an upload as it arrives, without keeping it and
// without the 10 MiB limit of Body: here it is hashed.
func ExampleRequest_BodyStream() {
	r := httptest.NewRequest("PUT", "/upload", strings.NewReader(strings.Repeat("data", 1000)))
	req := request.FromHTTP(r, "")
	body, err := req.BodyStream()
	if err != nil {
		fmt.Println(err)
		return
	}
	h := sha256.New()
	n, err := io.Copy(h, body)
	fmt.Println(n, err, hex.EncodeToString(h.Sum(nil))[:16])
	// Output: 4000 <nil> 970d49649ab9123a
}

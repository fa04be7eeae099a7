package page

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/pageproto"
)

// TestProxiedHandlerAnnouncesStart checks that the interim answer
// pageproto.StartedStatus leaves before the application runs, with no
// fields, and that none of it shows in the final answer.
func TestProxiedHandlerAnnouncesStart(t *testing.T) {
	started := make(chan struct{})
	ts := httptest.NewServer(ProxiedHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-started // the server read the interim answer first
		assert.Empty(t, r.Header.Get(pageproto.Header), "the route header is not the application's")
		w.Header().Set("X-Page", "1")
		io.WriteString(w, "path "+r.URL.Path)
	})))
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(conn)

	io.WriteString(conn, "GET /x HTTP/1.1\r\nHost: h\r\n"+pageproto.Header+": "+pageproto.EncodeRoute(&pageproto.Route{Path: "/x", Environ: map[string]string{"PATH_INFO": "/y"}})+"\r\n\r\n")
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	assert.Equal(t, pageproto.StartedStatus, resp.StatusCode)
	assert.Empty(t, resp.Header, "the interim answer has no fields")
	close(started)
	resp, err = http.ReadResponse(br, nil)
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "path /y", string(b))
	assert.Equal(t, "1", resp.Header.Get("X-Page"))

	// Without the route header the request is refused before the
	// application: no interim answer.
	io.WriteString(conn, "GET /x HTTP/1.1\r\nHost: h\r\n\r\n")
	resp, err = http.ReadResponse(br, nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 400, resp.StatusCode)
}

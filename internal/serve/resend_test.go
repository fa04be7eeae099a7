package serve

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/loadcheck"
	"github.com/gowebob/gowebob/internal/testutil"
)

func TestOutBody(t *testing.T) {
	for _, tt := range []struct {
		name    string
		size    int
		chunked bool
		kept    bool
	}{
		{"empty", 0, false, true},
		{"short", 10, false, true},
		{"at the bound", maxResendBody, false, true},
		{"over the bound", maxResendBody + 1, false, false},
		{"chunked empty", 0, true, true},
		{"chunked short", 10, true, true},
		{"chunked at the bound", maxResendBody, true, true},
		{"chunked over the bound", maxResendBody + 1, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.Repeat("x", tt.size)
			r := httptest.NewRequest("POST", "/", strings.NewReader(want))
			if tt.chunked {
				r.ContentLength = -1
				r.Body = io.NopCloser(r.Body) // a reader of unknown length
			}
			var b outBody
			require.NoError(t, b.read(r))
			for i := range 2 {
				require.True(t, b.resendable(), "send %d", i+1)
				n, body := b.send(r)
				got := ""
				if body != nil {
					buf, err := io.ReadAll(body)
					require.NoError(t, err)
					got = string(buf)
				}
				assert.Equal(t, want, got, "send %d", i+1)
				switch {
				case tt.kept:
					assert.EqualValues(t, tt.size, n, "a kept body goes with its length")
				case tt.chunked:
					assert.EqualValues(t, -1, n)
				default:
					assert.EqualValues(t, tt.size, n)
				}
				if !tt.kept {
					assert.False(t, b.resendable(), "a body not kept is sent once")
					break
				}
			}
		})
	}
}

func TestOutBodyClientError(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader("short"))
	r.ContentLength = 10 // the client went away before the rest
	var b outBody
	assert.ErrorIs(t, b.read(r), io.ErrUnexpectedEOF)
}

// TestProxiedNeverBegunSentAgain checks the proxied path's promise under
// load: a page program's death fails only the requests it began; the
// others go to the program that replaces it. The page (loadcheck's)
// exits on every Nth request, and records each request before anything
// else.
//
// A request the program began is one it announced (pageproto.StartedStatus)
// just before the page's code, which then records it: a program may die in
// between, more often than one would think on a busy machine (the
// announcement's write wakes the server, which may take the CPU). Such a
// request fails unrecorded, rightly: the server cannot know the page's code
// did not run. So the check is that every failure is a request the program
// announced, by the server's log, and that no request ran twice.
func TestProxiedNeverBegunSentAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("a load of a few seconds")
	}
	record := filepath.Join(t.TempDir(), "record")
	t.Setenv(loadcheck.RecordEnv, record)
	t.Setenv(loadcheck.ExitEveryEnv, strconv.Itoa(20))
	dir := docroot(t, map[string]string{"fault.go": loadcheck.PageSource})
	logs := &testutil.SyncBuffer{}
	_, ts, _ := startProxied(t, dir, func(s *Server) {
		s.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	code, _ := get(t, ts.URL+"/fault") // built and started before the load
	require.Equal(t, 200, code)

	res, err := loadcheck.Run(context.Background(), loadcheck.Config{
		URL:        ts.URL + "/fault",
		Conns:      8,
		Duration:   3 * time.Second,
		RecordPath: record,
		Timeout:    30 * time.Second,
		Settle:     200 * time.Millisecond,
	})
	require.NoError(t, err)
	log := logs.String()
	failed := strings.Count(log, `msg="page program did not answer"`)
	notBegun := strings.Count(log, `msg="page program did not answer" path=/fault error="serve: the page program did not begin the request`)
	resent := strings.Count(log, "sending it again")
	twice := strings.Count(log, "sending it again\" path=/fault attempt=2")
	t.Logf("\n%s\nsent again: %d, of them a second time: %d", res, resent, twice)
	defer func() {
		if t.Failed() {
			t.Log(log)
		}
	}()
	require.Positive(t, res.FailedExecuted, "the page died in requests it began")
	assert.Equal(t, res.Failed, res.ByStatus[502], "every failure is a 502")
	assert.Equal(t, res.Failed, failed, "every failure is a request the program did not answer")
	assert.Zero(t, notBegun, "no request fails that the program did not begin")
	assert.Zero(t, res.ExecutedTwice, "no request ran twice")
	assert.Zero(t, res.OKUnrecorded, "the record holds every request")
	assert.NotContains(t, log, "keeps crashing", "a program that began requests is no quick death")
}

package site

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

func TestParseFlags(t *testing.T) {
	o, pidFile, logOut, err := parseFlags([]string{"-addr", ":9000", "-request-timeout", "-1s", "-trusted-proxies", "127.0.0.1,10.0.0.0/8", "-pid-file", "/run/x.pid", "-access-log=false", "-log-flush", "1s"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, ":9000", o.Addr)
	assert.Equal(t, -time.Second, o.RequestTimeout)
	assert.Len(t, o.TrustedProxies, 2)
	assert.Equal(t, "/run/x.pid", pidFile)
	assert.True(t, o.NoAccessLog)
	assert.Equal(t, time.Second, logOut.Delay)
	assert.Equal(t, 10*time.Second, o.ReadHeaderTimeout)
	_, _, logOut, err = parseFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 100*time.Millisecond, logOut.Delay, "the default -log-flush")

	bad := []struct {
		args []string
		want string
	}{
		{[]string{"-log-format", "xml"}, `unknown -log-format "xml"`},
		{[]string{"-tls-cert", "c.pem"}, "-tls-cert and -tls-key go together"},
		{[]string{"extra"}, `unexpected arguments ["extra"]`},
		{[]string{"-trusted-proxies", "nginx"}, `site: trusted proxy "nginx"`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	}
	for _, tt := range bad {
		_, _, _, err := parseFlags(tt.args, io.Discard)
		if assert.Error(t, err, "parseFlags(%q)", tt.args) {
			assert.Contains(t, err.Error(), tt.want, "parseFlags(%q)", tt.args)
		}
	}
}

// TestRunMainFlushesLog: access log lines are kept (-log-flush), every
// other line is written at once, and the lines kept are written before
// the program returns.
func TestRunMainFlushesLog(t *testing.T) {
	var stderr testutil.SyncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	s := &Site{Pages: []Page{{File: "bare.go", App: bare}}}
	go func() {
		done <- runMain(ctx, s, []string{"-addr", "127.0.0.1:0", "-log-flush", "1h", "-shutdown-timeout", "1s"}, &stderr)
	}()
	var url string
	require.Eventually(t, func() bool {
		m := regexp.MustCompile(`msg=serving .*url=(http://\S+/)`).FindStringSubmatch(stderr.String())
		if m != nil {
			url = m[1]
		}
		return m != nil
	}, 10*time.Second, 5*time.Millisecond, "the serving line, at once")
	resp, err := http.Get(url + "bare")
	require.NoError(t, err)
	resp.Body.Close()
	time.Sleep(50 * time.Millisecond)
	assert.NotContains(t, stderr.String(), `msg="http request"`, "an access log line kept for an hour")
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("runMain did not return")
	}
	assert.Contains(t, stderr.String(), `msg="http request" method=GET path=/bare status=200`)
	assert.Contains(t, stderr.String(), `msg="shutting down"`)
}

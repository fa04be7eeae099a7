package site

import (
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFlags(t *testing.T) {
	o, pidFile, err := parseFlags([]string{"-addr", ":9000", "-request-timeout", "-1s", "-trusted-proxies", "127.0.0.1,10.0.0.0/8", "-pid-file", "/run/x.pid", "-access-log=false"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, ":9000", o.Addr)
	assert.Equal(t, -time.Second, o.RequestTimeout)
	assert.Len(t, o.TrustedProxies, 2)
	assert.Equal(t, "/run/x.pid", pidFile)
	assert.True(t, o.NoAccessLog)
	assert.Equal(t, 10*time.Second, o.ReadHeaderTimeout)

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
		_, _, err := parseFlags(tt.args, io.Discard)
		if assert.Error(t, err, "parseFlags(%q)", tt.args) {
			assert.Contains(t, err.Error(), tt.want, "parseFlags(%q)", tt.args)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeCacheFlags starts gowebob serve on caches with old programs:
// -cache-max-age and -cache-max-size say which go.
func TestServeCacheFlags(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	dir := filepath.Join(t.TempDir(), "site")
	require.NoError(t, run(context.Background(), []string{"init", dir}, io.Discard, io.Discard))
	type program struct {
		name string
		size int
		age  time.Duration
	}
	tests := []struct {
		name     string
		flags    []string
		programs []program
		gone     []string
		stay     []string
	}{
		{
			name:     "by age",
			flags:    []string{"-cache-max-age", "1h"},
			programs: []program{{"old", 10, 2 * time.Hour}, {"new", 10, time.Minute}},
			gone:     []string{"old"},
			stay:     []string{"new"},
		},
		{
			name:     "the default age",
			programs: []program{{"old", 10, 8 * 24 * time.Hour}, {"new", 10, 6 * 24 * time.Hour}},
			gone:     []string{"old"},
			stay:     []string{"new"},
		},
		{
			name:     "by size, with no age",
			flags:    []string{"-cache-max-age", "0", "-cache-max-size", "1KiB"},
			programs: []program{{"big", 900, 30 * 24 * time.Hour}, {"small", 200, 60 * 24 * time.Hour}, {"recent", 100, time.Minute}},
			gone:     []string{"small"},
			stay:     []string{"big", "recent"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := t.TempDir()
			bin := filepath.Join(cache, "bin")
			require.NoError(t, os.MkdirAll(bin, 0o700))
			for _, p := range tt.programs {
				f := filepath.Join(bin, p.name)
				require.NoError(t, os.WriteFile(f, make([]byte, p.size), 0o700))
				tm := time.Now().Add(-p.age)
				require.NoError(t, os.Chtimes(f, tm, tm))
			}
			serveInBackground(t, dir, append([]string{"-cache", cache}, tt.flags...)...)
			for _, name := range tt.gone {
				assert.Eventually(t, func() bool {
					_, err := os.Stat(filepath.Join(bin, name))
					return os.IsNotExist(err)
				}, 10*time.Second, 10*time.Millisecond, "%s removed", name)
			}
			for _, name := range tt.stay {
				assert.FileExists(t, filepath.Join(bin, name))
			}
		})
	}
}

func TestServeCacheSizeFlagSyntax(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"serve", "-cache-max-size", "2G", "."}, &out, &out)
	assert.ErrorContains(t, err, "bytesize: invalid size")
}

// TestServePageMemoryFlag: -page-memory reaches the page program as its
// GOMEMLIMIT (90% of it); 0 turns the limit off.
func TestServePageMemoryFlag(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	dir := filepath.Join(t.TempDir(), "site")
	require.NoError(t, run(context.Background(), []string{"init", dir}, io.Discard, io.Discard))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "limit.go"), []byte(`package main

import (
	"net/http"
	"os"
)

func Application(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("GOMEMLIMIT=" + os.Getenv("GOMEMLIMIT")))
}
`), 0o644))
	tests := []struct {
		flags []string
		want  string
	}{
		{[]string{"-page-memory", "300MiB"}, "GOMEMLIMIT=283115520"},
		{[]string{"-page-memory", "0"}, "GOMEMLIMIT="},
	}
	for _, tt := range tests {
		t.Run(tt.flags[1], func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", "") // the server's own does not reach the page
			url, stop := serveInBackground(t, dir, tt.flags...)
			code, body := httpGet(t, url+"/limit")
			assert.Equal(t, 200, code)
			assert.Equal(t, tt.want, body)
			require.NoError(t, stop())
		})
	}
}

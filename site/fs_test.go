package site

import (
	"io"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewFS(t *testing.T) {
	content := fstest.MapFS{"a/b.txt": {Data: []byte("0123456789")}}
	const mod = 1700000000123456789
	fsys := NewFS(content, []File{
		{Name: "a/b.txt", Mode: 0o644, Size: 10, ModTime: mod},
		{Name: "helper.go", Mode: 0o644, Size: 14},
		{Name: "run.sh", Mode: 0o755, Size: 9},
	})

	fi, err := fs.Stat(fsys, "a/b.txt")
	require.NoError(t, err)
	assert.Equal(t, "b.txt", fi.Name())
	assert.Equal(t, int64(10), fi.Size())
	assert.Equal(t, time.Unix(0, mod), fi.ModTime())
	assert.True(t, fi.Mode().IsRegular())

	for _, dir := range []string{".", "a"} {
		fi, err := fs.Stat(fsys, dir)
		require.NoError(t, err, dir)
		assert.True(t, fi.IsDir(), dir)
	}
	_, err = fs.Stat(fsys, "nope")
	assert.ErrorIs(t, err, fs.ErrNotExist)

	f, err := fsys.Open("a/b.txt")
	require.NoError(t, err)
	fi, err = f.Stat()
	require.NoError(t, err)
	assert.Equal(t, time.Unix(0, mod), fi.ModTime(), "an open file states as its File")
	s, ok := f.(io.ReadSeeker)
	require.True(t, ok, "http.ServeContent needs Seek")
	_, err = s.Seek(5, io.SeekStart)
	require.NoError(t, err)
	rest, err := io.ReadAll(s)
	require.NoError(t, err)
	assert.Equal(t, "56789", string(rest))
	require.NoError(t, f.Close())

	// A file without content is there for the URL mapping, never opened.
	fi, err = fs.Stat(fsys, "helper.go")
	require.NoError(t, err)
	assert.True(t, fi.Mode().IsRegular())
	_, err = fsys.Open("helper.go")
	assert.ErrorIs(t, err, fs.ErrNotExist)

	entries, err := fs.ReadDir(fsys, ".")
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"a", "helper.go", "run.sh"}, names)
}

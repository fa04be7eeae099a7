package staticfiles

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEmbeddable(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt":       true,
		"dir/é b.txt": true,
		"a:b":         false,
		"dir/a*b":     false,
		"q\"uote":     false,
		"tab\there":   false,
		"del\x7f":     false,
		`back\slash`:  false,
	} {
		assert.Equal(t, want, Embeddable(name), name)
	}
}

// TestUnder walks a folder with every kind of entry a docroot may hold.
func TestUnder(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"top.txt":            "x", // not under "d"
		"d/a.txt":            "x",
		"d/page.go":          "package main\n",
		"d/.hidden":          "x",
		"d/_draft.go":        "x",
		"d/testdata/t.txt":   "x",
		"d/sub/b.css":        "x",
		"d/sub/.git/config":  "x",
		"d/sub/deeper/c.txt": "x",
		"d/a:b.txt":          "x",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d", "run.sh"), []byte("#!/bin/sh\n"), 0o755))
	require.NoError(t, os.Symlink("../top.txt", filepath.Join(dir, "d", "in.txt")))
	require.NoError(t, os.Symlink("/etc/hostname", filepath.Join(dir, "d", "out.txt")))
	require.NoError(t, os.Symlink("sub", filepath.Join(dir, "d", "linked")))
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()

	files, dirs := Under(root, "d", 100)
	assert.Equal(t, []string{"a.txt", "in.txt", "sub/b.css", "sub/deeper/c.txt"}, files,
		"static files only: no Go source, hidden name, executable, name go:embed refuses, symlink out, symlinked folder")
	assert.Equal(t, []string{"d", "d/sub", "d/sub/deeper"}, dirs)

	files, _ = Under(root, "d", 2)
	assert.Equal(t, []string{"a.txt", "in.txt"}, files, "at most max")

	files, dirs = Under(root, ".", 100)
	assert.Contains(t, files, "top.txt")
	assert.Contains(t, files, "d/sub/b.css", "relative to the folder walked")
	assert.Equal(t, ".", dirs[0])

	files, dirs = Under(root, "missing", 100)
	assert.Empty(t, files)
	assert.Empty(t, dirs)
}

// TestWalk: folders once read, before what they hold, in name order; an
// error of fn ends the walk and is Walk's; a folder that cannot be read
// is reported to fn.
func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b/y.txt", "a.txt", "b/x/z.txt", "c.txt", ".hidden/h.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, nil, 0o644))
	}
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()

	var seen []string
	require.NoError(t, Walk(root, ".", func(name string, fi fs.FileInfo, err error) error {
		require.NoError(t, err)
		seen = append(seen, name)
		return nil
	}))
	assert.Equal(t, []string{".", "a.txt", "b", "b/x", "b/x/z.txt", "b/y.txt", "c.txt"}, seen)

	stop := errors.New("stop")
	seen = nil
	err = Walk(root, ".", func(name string, fi fs.FileInfo, err error) error {
		seen = append(seen, name)
		if name == "b/x" {
			return stop
		}
		return nil
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, []string{".", "a.txt", "b", "b/x"}, seen)

	err = Walk(root, "missing", func(name string, fi fs.FileInfo, err error) error {
		assert.Equal(t, "missing", name)
		assert.Nil(t, fi)
		return err
	})
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

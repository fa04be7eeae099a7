package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/loadcheck"
)

func TestMakeDocroot(t *testing.T) {
	t.Parallel()
	root, err := repoRoot()
	require.NoError(t, err)
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	require.NoError(t, err)
	assert.Equal(t, modulePath, moduleOf(mod))

	dst := filepath.Join(t.TempDir(), "www")
	require.NoError(t, makeDocroot(filepath.Join(root, "examples", "www"), dst, root))
	gomod, err := os.ReadFile(filepath.Join(dst, "go.mod"))
	require.NoError(t, err)
	assert.Contains(t, string(gomod), "\nreplace "+modulePath+" => "+root+"\n")
	assert.Equal(t, "site", moduleOf(gomod))
	fault, err := os.ReadFile(filepath.Join(dst, "fault.go"))
	require.NoError(t, err)
	assert.Equal(t, loadcheck.PageSource, string(fault))
	assert.FileExists(t, filepath.Join(dst, "lib", "greet", "greet.go"))
}

func TestPageEnv(t *testing.T) {
	t.Parallel()
	env := []string{"HOME=/root", loadcheck.ExitEveryEnv + "=7", loadcheck.RecordEnv + "=/elsewhere"}
	tests := []struct {
		mode string
		want []string
	}{
		{"exit", []string{"HOME=/root", loadcheck.RecordEnv + "=/r", loadcheck.ExitEveryEnv + "=50"}},
		{"kill", []string{"HOME=/root", loadcheck.RecordEnv + "=/r"}},
		{"none", []string{"HOME=/root", loadcheck.RecordEnv + "=/r"}},
	}
	for _, tt := range tests {
		got := pageEnv(env, "/r", options{mode: tt.mode, exitEvery: 50})
		assert.Equal(t, tt.want, got, "pageEnv with -mode %s", tt.mode)
	}
}

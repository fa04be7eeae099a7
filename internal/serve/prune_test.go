package serve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cacheFile is a program or work directory of a test cache: its name under
// the cache, its size and how long ago it was last used.
type cacheFile struct {
	name string // bin/KEY, or work/KEY for a directory
	size int
	age  time.Duration
}

// makeCache writes files into a new cache directory as of now.
func makeCache(t *testing.T, now time.Time, files []cacheFile) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if strings.HasPrefix(f.name, "work/") {
			require.NoError(t, os.MkdirAll(filepath.Join(p, "sub"), 0o700))
			require.NoError(t, os.WriteFile(filepath.Join(p, "page.go"), []byte("package main"), 0o600))
		} else {
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
			require.NoError(t, os.WriteFile(p, make([]byte, f.size), 0o700))
		}
		tm := now.Add(-f.age)
		require.NoError(t, os.Chtimes(p, tm, tm))
	}
	return dir
}

// cacheNames lists what is left in a cache.
func cacheNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, sub := range []string{"bin", "work"} {
		entries, _ := os.ReadDir(filepath.Join(dir, sub))
		for _, e := range entries {
			names = append(names, sub+"/"+e.Name())
		}
	}
	slices.Sort(names)
	return names
}

func TestPruneCache(t *testing.T) {
	t.Parallel()
	const day = 24 * time.Hour
	tests := []struct {
		name    string
		files   []cacheFile
		pol     cachePolicy
		keep    []string
		want    []string
		wantRes pruneResult
	}{
		{
			name:    "unused for longer than the age",
			files:   []cacheFile{{"bin/old", 10, 8 * day}, {"bin/new", 10, 6 * day}},
			pol:     cachePolicy{maxAge: 7 * day, maxBytes: 1 << 30},
			want:    []string{"bin/new"},
			wantRes: pruneResult{programs: 1, bytes: 10},
		},
		{
			name:  "no age",
			files: []cacheFile{{"bin/old", 10, 800 * day}},
			pol:   cachePolicy{maxAge: -1, maxBytes: 1 << 30},
			want:  []string{"bin/old"},
		},
		{
			name:    "beyond the size, least recently used first",
			files:   []cacheFile{{"bin/a", 100, 3 * day}, {"bin/b", 100, 2 * day}, {"bin/c", 100, 4 * day}, {"bin/d", 100, 1 * day}},
			pol:     cachePolicy{maxAge: 7 * day, maxBytes: 250},
			want:    []string{"bin/b", "bin/d"},
			wantRes: pruneResult{programs: 2, bytes: 200},
		},
		{
			name:  "no size bound",
			files: []cacheFile{{"bin/a", 100, 3 * day}, {"bin/b", 100, 2 * day}},
			pol:   cachePolicy{maxAge: 7 * day, maxBytes: -1},
			want:  []string{"bin/a", "bin/b"},
		},
		{
			name:    "recently used programs stay beyond the size",
			files:   []cacheFile{{"bin/a", 100, 3 * day}, {"bin/b", 100, time.Minute}, {"bin/c", 100, 30 * time.Minute}},
			pol:     cachePolicy{maxAge: 7 * day, maxBytes: 150},
			want:    []string{"bin/b", "bin/c"},
			wantRes: pruneResult{programs: 1, bytes: 100},
		},
		{
			name:    "programs a server refers to stay, and count in the size",
			files:   []cacheFile{{"bin/running", 100, 30 * day}, {"bin/a", 100, 3 * day}, {"bin/b", 100, 2 * day}},
			pol:     cachePolicy{maxAge: 7 * day, maxBytes: 200},
			keep:    []string{"bin/running"},
			want:    []string{"bin/b", "bin/running"},
			wantRes: pruneResult{programs: 1, bytes: 100},
		},
		{
			name:    "stale work directories",
			files:   []cacheFile{{"work/stale", 0, 25 * time.Hour}, {"work/building", 0, time.Minute}},
			pol:     cachePolicy{maxAge: 7 * day, maxBytes: 1 << 30},
			want:    []string{"work/building"},
			wantRes: pruneResult{work: 1},
		},
		{
			name: "an empty cache",
			pol:  cachePolicy{maxAge: 7 * day, maxBytes: 1 << 30},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			now := time.Now()
			dir := makeCache(t, now, tt.files)
			keep := make(map[string]bool)
			for _, k := range tt.keep {
				keep[filepath.Join(dir, filepath.FromSlash(k))] = true
			}
			res, err := pruneCache(dir, tt.pol, now, keep)
			require.NoError(t, err)
			assert.Equal(t, tt.wantRes, res, "pruneCache result")
			assert.Equal(t, tt.want, cacheNames(t, dir), "left in the cache")
		})
	}
}

func TestPruneCacheMissingDir(t *testing.T) {
	t.Parallel()
	res, err := pruneCache(filepath.Join(t.TempDir(), "none"), cachePolicy{maxAge: time.Hour, maxBytes: 1}, time.Now(), nil)
	assert.NoError(t, err, "a cache not made yet is not an error")
	assert.Equal(t, pruneResult{}, res)
}

func TestRemoveUnusedSkipsATouchedProgram(t *testing.T) {
	t.Parallel()
	now := time.Now()
	dir := makeCache(t, now, []cacheFile{{"bin/a", 10, 30 * 24 * time.Hour}})
	progs, err := listPrograms(filepath.Join(dir, "bin"))
	require.NoError(t, err)
	require.Len(t, progs, 1)
	markUsed(progs[0].path) // a build found it between the listing and the removal
	assert.False(t, removeUnused(progs[0]), "removeUnused of a program used since its listing")
	assert.FileExists(t, progs[0].path)
}

func TestPruneStateDue(t *testing.T) {
	t.Parallel()
	t0 := time.Now()
	var p pruneState
	steps := []struct {
		at   time.Duration
		done bool // the running prune finishes before the call
		want bool
	}{
		{0, false, true},               // at Open
		{time.Hour, false, false},      // running
		{time.Hour, true, false},       // done, but not a day yet
		{pruneEvery, false, true},      // a day later
		{2 * pruneEvery, false, false}, // the one before still runs
		{2 * pruneEvery, true, true},
	}
	for i, st := range steps {
		if st.done {
			p.done()
		}
		assert.Equal(t, st.want, p.due(t0.Add(st.at)), "step %d: due(+%v)", i, st.at)
	}
}

func TestCachePolicyDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		maxAge   time.Duration
		maxBytes int64
		want     cachePolicy
	}{
		{0, 0, cachePolicy{maxAge: 7 * 24 * time.Hour, maxBytes: 2 << 30}},
		{time.Hour, 512 << 20, cachePolicy{maxAge: time.Hour, maxBytes: 512 << 20}},
		{-1, -1, cachePolicy{maxAge: -1, maxBytes: -1}},
	}
	for _, tt := range tests {
		s := &Server{CacheMaxAge: tt.maxAge, CacheMaxBytes: tt.maxBytes}
		assert.Equal(t, tt.want, s.cachePolicy(), "cachePolicy of %v, %v", tt.maxAge, tt.maxBytes)
	}
}

// TestServePrunesCache opens a Server on a cache with an old program and a
// stale work directory: Open removes them in the background. The program of
// a page served is marked used when it starts, and one the cache lost is
// built again.
func TestServePrunesCache(t *testing.T) {
	now := time.Now()
	cache := makeCache(t, now, []cacheFile{{"bin/0123old", 1000, 8 * 24 * time.Hour}, {"work/0123stale", 0, 2 * 24 * time.Hour}})
	dir := docroot(t, map[string]string{"raw.go": rawPage})
	s, ts, logs := start(t, dir, func(s *Server) { s.CacheDir, s.Idle = cache, 200*time.Millisecond })
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), `msg="pruned the build cache"`) },
		5*time.Second, 10*time.Millisecond)
	assert.Contains(t, logs.String(), "programs=1 bytes=1000 work_dirs=1")
	assert.NoFileExists(t, filepath.Join(cache, "bin", "0123old"))
	assert.NoDirExists(t, filepath.Join(cache, "work", "0123stale"))

	code, _ := get(t, ts.URL+"/raw")
	require.Equal(t, 200, code)
	p := s.page("raw.go")
	p.mu.Lock()
	bin := p.bin
	p.mu.Unlock()
	require.NotEmpty(t, bin)

	// Stopped when idle, started again: the start marks the program used.
	old := now.Add(-3 * 24 * time.Hour)
	require.NoError(t, os.Chtimes(bin, old, old))
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "stopped idle page program") },
		5*time.Second, 20*time.Millisecond)
	code, _ = get(t, ts.URL+"/raw/again")
	require.Equal(t, 200, code)
	info, err := os.Stat(bin)
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), info.ModTime(), time.Minute, "the start marks the program used")

	// The cache loses the program while the page is stopped: the next
	// request builds it again.
	logs0 := strings.Count(logs.String(), `msg="built page"`)
	idle := strings.Count(logs.String(), "stopped idle page program")
	require.Eventually(t, func() bool { return strings.Count(logs.String(), "stopped idle page program") > idle },
		5*time.Second, 20*time.Millisecond)
	require.NoError(t, os.Remove(bin))
	code, body := get(t, ts.URL+"/raw/rebuilt")
	assert.Equal(t, 200, code)
	assert.Equal(t, "raw /rebuilt", body)
	assert.Equal(t, logs0+1, strings.Count(logs.String(), `msg="built page"`), "built again")
	assert.FileExists(t, bin)
}

// TestServeMarksCachedProgramUsed opens a second Server on a cache where a
// first one built a page: finding the program marks it used.
func TestServeMarksCachedProgramUsed(t *testing.T) {
	cache := t.TempDir()
	dir := docroot(t, map[string]string{"raw.go": rawPage})
	s1, ts1, _ := start(t, dir, func(s *Server) { s.CacheDir = cache })
	code, _ := get(t, ts1.URL+"/raw")
	require.Equal(t, 200, code)
	p := s1.page("raw.go")
	p.mu.Lock()
	bin := p.bin
	p.mu.Unlock()
	ts1.Close()
	require.NoError(t, s1.Close())

	old := time.Now().Add(-3 * 24 * time.Hour)
	require.NoError(t, os.Chtimes(bin, old, old))
	_, ts2, logs2 := start(t, dir, func(s *Server) { s.CacheDir = cache })
	code, _ = get(t, ts2.URL+"/raw")
	require.Equal(t, 200, code)
	assert.NotContains(t, logs2.String(), `msg="built page"`, "the cached program is reused")
	info, err := os.Stat(bin)
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), info.ModTime(), time.Minute, "reusing the program marks it used")
}

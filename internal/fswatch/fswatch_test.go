package fswatch_test

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gowebob/gowebob/internal/fswatch"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const wait = 10 * time.Second

func needLinux(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("inotify only: on", runtime.GOOS, "every Generation is new")
	}
}

// newWatcher returns a new Watcher, closed at the end of the test,
// checking that it has inotify.
func newWatcher(t *testing.T) *fswatch.Watcher {
	t.Helper()
	w := fswatch.New()
	t.Cleanup(func() { w.Close() })
	require.Equal(t, w.Generation(), w.Generation(), "New returned a Watcher without inotify")
	return w
}

func TestRecreatedFolder(t *testing.T) {
	needLinux(t)
	site := filepath.Join(t.TempDir(), "site")
	require.NoError(t, os.Mkdir(site, 0o755))
	page := filepath.Join(site, "page.go")
	writeFile(t, page, "v1")
	w := newWatcher(t)
	w.Add(page)
	g := stable(t, w)
	require.NoError(t, os.RemoveAll(site))
	require.NoError(t, os.Mkdir(site, 0o755))
	writeFile(t, page, "v2")
	require.NotEqual(t, g, w.Generation())
	w.Add(page)
	g = stable(t, w)
	writeFile(t, page, "v3")
	assert.NotEqual(t, g, w.Generation(), "the new folder is watched")
}

func TestClose(t *testing.T) {
	w := fswatch.New()
	require.NoError(t, w.Close())
	assert.NotEqual(t, w.Generation(), w.Generation(), "a closed Watcher reports a change at every call")
	require.NoError(t, w.Close())
}

// stable returns the watcher's generation after checking that it does not
// move when nothing changes.
func stable(t *testing.T, w *fswatch.Watcher) uint64 {
	t.Helper()
	g := w.Generation()
	for range 3 {
		require.Equal(t, g, w.Generation(), "the generation moved with no change")
	}
	return g
}

// moved waits for the generation to move on from g (the system reports
// changes as they happen; the wait is only a safety margin), then checks it
// is stable again once the reports are read.
func moved(t *testing.T, w *fswatch.Watcher, g uint64, what string) {
	t.Helper()
	require.Eventually(t, func() bool { return w.Generation() != g }, wait, time.Millisecond,
		"the generation did not move after %s", what)
	stable(t, w)
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
}

// setup returns a temporary folder with a file in it, which w (a new
// Watcher if nil) watches.
func setup(t *testing.T, w *fswatch.Watcher) (_ *fswatch.Watcher, dir, file string) {
	t.Helper()
	dir = t.TempDir()
	file = filepath.Join(dir, "page.py")
	writeFile(t, file, "v1")
	if w == nil {
		w = newWatcher(t)
	}
	w.Add(file)
	return w, dir, file
}

func TestGenerationStable(t *testing.T) {
	needLinux(t)
	w := newWatcher(t)
	stable(t, w)
	w, _, file := setup(t, nil)
	g := stable(t, w)
	// Adding again, and reading or stating the file, change nothing.
	w.Add(file)
	_, err := os.ReadFile(file)
	require.NoError(t, err)
	_, err = os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, g, stable(t, w))
}

func TestGenerationMoves(t *testing.T) {
	needLinux(t)
	// One Watcher for all the cases: each starts with its own folder,
	// and from a stable generation.
	shared := newWatcher(t)
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, dir, file string)
	}{
		{"write", func(t *testing.T, dir, file string) { writeFile(t, file, "v2") }},
		{"write same content", func(t *testing.T, dir, file string) { writeFile(t, file, "v1") }},
		{"append", func(t *testing.T, dir, file string) {
			f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
			require.NoError(t, err)
			_, err = f.WriteString("more")
			require.NoError(t, err)
			require.NoError(t, f.Close())
		}},
		{"chtimes", func(t *testing.T, dir, file string) {
			mtime := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
			require.NoError(t, os.Chtimes(file, mtime, mtime))
		}},
		{"chmod", func(t *testing.T, dir, file string) { require.NoError(t, os.Chmod(file, 0o600)) }},
		{"sibling created", func(t *testing.T, dir, file string) { writeFile(t, filepath.Join(dir, "other.py"), "") }},
		{"sibling folder created", func(t *testing.T, dir, file string) { require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755)) }},
		{"removed", func(t *testing.T, dir, file string) { require.NoError(t, os.Remove(file)) }},
		{"renamed away", func(t *testing.T, dir, file string) { require.NoError(t, os.Rename(file, file+".old")) }},
		{"replaced by rename", func(t *testing.T, dir, file string) {
			tmp := filepath.Join(dir, ".page.py.tmp")
			writeFile(t, tmp, "v2")
			require.NoError(t, os.Rename(tmp, file))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, dir, file := setup(t, shared)
			g := stable(t, w)
			tc.change(t, dir, file)
			moved(t, w, g, tc.name)
		})
	}
}

func TestGenerationMovesAgain(t *testing.T) {
	// Every change moves the generation, not only the first.
	needLinux(t)
	w, _, file := setup(t, nil)
	seen := map[uint64]bool{}
	for i := range 5 {
		g := stable(t, w)
		assert.False(t, seen[g], "generation %d seen before", g)
		seen[g] = true
		writeFile(t, file, string(rune('a'+i)))
		moved(t, w, g, "write")
	}
}

func TestGenerationMissingPath(t *testing.T) {
	needLinux(t)
	t.Run("file", func(t *testing.T) {
		dir := t.TempDir()
		missing := filepath.Join(dir, "later.py")
		w := newWatcher(t)
		w.Add(missing)
		g := stable(t, w)
		writeFile(t, missing, "now")
		moved(t, w, g, "creating the missing file")
	})
	t.Run("nearest existing ancestor", func(t *testing.T) {
		dir := t.TempDir()
		missing := filepath.Join(dir, "a", "b", "c.py")
		w := newWatcher(t)
		w.Add(missing)
		g := stable(t, w)
		require.NoError(t, os.MkdirAll(filepath.Dir(missing), 0o755))
		writeFile(t, missing, "now")
		moved(t, w, g, "creating the missing folders and file")
	})
	t.Run("only the ancestor's changes", func(t *testing.T) {
		// The ancestor is watched, not the folders the path goes through
		// once they exist: the caller is to Add again after a move.
		dir := t.TempDir()
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "a"), 0o755))
		missing := filepath.Join(dir, "a", "b", "c.py")
		w := newWatcher(t)
		w.Add(missing)
		g := stable(t, w)
		require.NoError(t, os.Mkdir(filepath.Join(dir, "a", "b"), 0o755))
		moved(t, w, g, "creating the missing folder")
		g = stable(t, w)
		w.Add(missing)
		writeFile(t, missing, "now")
		moved(t, w, g, "creating the file in the new folder")
	})
}

func TestGenerationDir(t *testing.T) {
	needLinux(t)
	w := newWatcher(t)
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, sub string)
	}{
		{"file created inside", func(t *testing.T, sub string) { writeFile(t, filepath.Join(sub, "index.py"), "") }},
		{"folder created inside", func(t *testing.T, sub string) { require.NoError(t, os.Mkdir(filepath.Join(sub, "deeper"), 0o755)) }},
		{"file inside removed", func(t *testing.T, sub string) { require.NoError(t, os.Remove(filepath.Join(sub, "existing"))) }},
		{"file inside written", func(t *testing.T, sub string) { writeFile(t, filepath.Join(sub, "existing"), "changed") }},
		{"folder removed", func(t *testing.T, sub string) { require.NoError(t, os.RemoveAll(sub)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sub := filepath.Join(dir, "sub")
			require.NoError(t, os.Mkdir(sub, 0o755))
			writeFile(t, filepath.Join(sub, "existing"), "x")
			w.Add(sub)
			g := stable(t, w)
			tc.change(t, sub)
			moved(t, w, g, tc.name)
		})
	}
}

func TestGenerationSymlink(t *testing.T) {
	needLinux(t)
	targetDir := t.TempDir()
	linkDir := t.TempDir()
	target := filepath.Join(targetDir, "real.py")
	writeFile(t, target, "v1")
	link := filepath.Join(linkDir, "page.py")
	require.NoError(t, os.Symlink(target, link))

	w := newWatcher(t)
	w.Add(link)
	g := stable(t, w)
	writeFile(t, target, "v2")
	moved(t, w, g, "writing the link's target")

	g = stable(t, w)
	writeFile(t, filepath.Join(targetDir, "sibling"), "")
	moved(t, w, g, "a change in the target's folder")

	g = stable(t, w)
	require.NoError(t, os.Remove(link))
	moved(t, w, g, "removing the link")
}

func TestGenerationSymlinkToDir(t *testing.T) {
	needLinux(t)
	targetDir := t.TempDir()
	linkDir := t.TempDir()
	real := filepath.Join(targetDir, "real")
	require.NoError(t, os.Mkdir(real, 0o755))
	link := filepath.Join(linkDir, "site")
	require.NoError(t, os.Symlink(real, link))

	w := newWatcher(t)
	w.Add(link)
	g := stable(t, w)
	writeFile(t, filepath.Join(real, "index.py"), "")
	moved(t, w, g, "creating a file in the linked folder")
}

func TestGenerationUnrelatedChanges(t *testing.T) {
	needLinux(t)
	other := t.TempDir()
	w, _, _ := setup(t, nil)
	g := stable(t, w)
	writeFile(t, filepath.Join(other, "elsewhere"), "x")
	require.NoError(t, os.Remove(filepath.Join(other, "elsewhere")))
	assert.Equal(t, g, stable(t, w), "a change in a folder nobody watches")
}

func TestConcurrentUse(t *testing.T) {
	dir := t.TempDir()
	w := newWatcher(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 20 {
				p := filepath.Join(dir, string(rune('a'+i)), string(rune('a'+j)))
				w.Add(p)
				_ = w.Generation()
			}
		})
	}
	wg.Go(func() {
		for j := range 20 {
			assert.NoError(t, os.WriteFile(filepath.Join(dir, string(rune('a'+j))+".txt"), nil, 0o644))
		}
	})
	wg.Wait()
	g := w.Generation()
	writeFile(t, filepath.Join(dir, "last"), "x")
	require.Eventually(t, func() bool { return w.Generation() != g }, wait, time.Millisecond)
}

func TestGenerationOtherSystems(t *testing.T) {
	if runtime.GOOS == "linux" {
		t.Skip("Linux has change reports")
	}
	w := fswatch.New()
	w.Add(t.TempDir())
	g := w.Generation()
	for range 5 {
		next := w.Generation()
		assert.NotEqual(t, g, next, "every call is a change")
		g = next
	}
}

// TestAddAgainAfterChange: Add skips a path added before with nothing
// changed since, but a change makes the next Add look again: a path that
// became a folder is then watched as one.
func TestAddAgainAfterChange(t *testing.T) {
	needLinux(t)
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	w := newWatcher(t)
	w.Add(sub) // missing: its folder is watched
	w.Add(sub) // nothing changed: skipped
	g := stable(t, w)
	require.NoError(t, os.Mkdir(sub, 0o755))
	moved(t, w, g, "the folder made")
	w.Add(sub)
	g = stable(t, w)
	writeFile(t, filepath.Join(sub, "index.go"), "")
	moved(t, w, g, "a file made in the new folder")
}

// GenerationSince sees every change made before its ticket was taken, and
// shares a read of the queue that began after it.
func TestGenerationSince(t *testing.T) {
	needLinux(t)
	w, _, file := setup(t, nil)
	g := stable(t, w)
	writeFile(t, file, "v2")
	seen := w.GenerationSince(w.Ticket())
	assert.NotEqual(t, g, seen, "a change made before the ticket")

	ticket := w.Ticket()
	later := w.Generation() // a read that began after the ticket
	writeFile(t, file, "v3")
	assert.Equal(t, later, w.GenerationSince(ticket), "the read that began after the ticket is shared")
	assert.NotEqual(t, later, w.GenerationSince(w.Ticket()), "a new ticket reads again")
}

// Add of several paths watches each, as one Add each would.
func TestAddSeveral(t *testing.T) {
	needLinux(t)
	w := newWatcher(t)
	a, b := filepath.Join(t.TempDir(), "a.go"), filepath.Join(t.TempDir(), "b.go")
	w.Add(a, b)
	g := stable(t, w)
	writeFile(t, b, "v1")
	assert.NotEqual(t, g, w.Generation(), "the second path's folder is watched")
	g = stable(t, w)
	writeFile(t, a, "v1")
	assert.NotEqual(t, g, w.Generation(), "the first path's folder is watched")
}

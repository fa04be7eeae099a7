package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/fswatch"
	"github.com/gowebob/gowebob/internal/pageproto"
)

// A page's inputs are stat'ed again only when the watcher saw a change,
// and a change made before the request is seen by it.
func TestInputsHold(t *testing.T) {
	s := &Server{watcher: fswatch.New()}
	t.Cleanup(func() { s.watcher.Close() })
	file := filepath.Join(t.TempDir(), "page.go")
	require.NoError(t, os.WriteFile(file, []byte("package main\n"), 0o644))
	p := &page{stats: []pageproto.Check{pageproto.StatCheck(file)}}
	s.watcher.Add(file)

	assert.True(t, s.inputsHoldLocked(p, s.watcher.Ticket()), "as they were stat'ed")
	assert.NotZero(t, p.statsGen, "held at the watcher's generation")
	assert.True(t, s.inputsHoldLocked(p, s.watcher.Ticket()))

	require.NoError(t, os.WriteFile(file, []byte("package main // v2\n"), 0o644))
	assert.False(t, s.inputsHoldLocked(p, s.watcher.Ticket()), "a change made before the request")
	assert.False(t, s.inputsHoldLocked(p, s.watcher.Ticket()), "and still, until the stats are taken again")
}

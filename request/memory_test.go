package request_test

import (
	"bytes"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

// TestUploadsLeaveNothingBehind sends 1,000 requests with a 1 MiB upload
// each and checks that the heap and the temporary folder are back at their
// baseline after Close.
func TestUploadsLeaveNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 uploads of 1 MiB")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	upload := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	proto := webobtest.NewRequest("/", &request.BlankOptions{
		POST:  []request.Item{{Key: "title", Value: "x"}},
		Files: []request.Item{request.NewFile("file", "big.bin", "application/octet-stream", upload)},
	})
	body, err := proto.Body()
	require.NoError(t, err)
	env := proto.Environ.Clone()

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < 1000; i++ {
		r := request.New(env.Clone(), bytes.NewReader(body))
		post, err := r.POST()
		require.NoError(t, err)
		f := post.File("file")
		require.NotNil(t, f)
		require.Equal(t, int64(len(upload)), f.Size)
		require.NoError(t, r.Close())
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	entries, err := os.ReadDir(tmp)
	require.NoError(t, err)
	assert.Empty(t, entries, "every temporary file is removed")
	growth := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	assert.Less(t, growth, int64(4<<20), "heap grew by %d bytes over 1,000 uploads", growth)
}

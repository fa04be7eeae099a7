package request

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A multipart body in memory is parsed in place and one in a temporary file
// through a bufio.Reader. These tests hold the two ways to the same items,
// files and errors.

// spillBodyToFile moves the buffered body of r to a temporary file, as
// bufferBody does with a body over Limits.MaxMemoryBytes.
func spillBodyToFile(t testing.TB, r *Request) {
	t.Helper()
	buf := &r.parts().buf
	f, err := os.CreateTemp(t.TempDir(), "body-*")
	require.NoError(t, err)
	_, err = f.Write(buf.mem)
	require.NoError(t, err)
	buf.mem, buf.file = nil, f
}

// multipartBothWays parses body as a multipart form with boundary B and the
// given memory limit, once in memory and once from a file, and checks that
// both give the same result.
func multipartBothWays(t *testing.T, body []byte, maxMemory int64) {
	t.Helper()
	parse := func(inFile bool) ([]Item, error) {
		r := New(Environ{"REQUEST_METHOD": "POST", "CONTENT_TYPE": "multipart/form-data; boundary=B"}, nil)
		t.Cleanup(func() { r.Close() })
		r.SetBody(append([]byte(nil), body...))
		if inFile {
			spillBodyToFile(t, r)
		}
		r.Limits.MaxMemoryBytes = maxMemory
		md, err := r.POST()
		if err != nil {
			return nil, err
		}
		return md.Items(), nil
	}
	memItems, memErr := parse(false)
	fileItems, fileErr := parse(true)
	if fileErr != nil || memErr != nil {
		require.Error(t, memErr, "in memory, where from a file: %v", fileErr)
		require.Error(t, fileErr, "from a file, where in memory: %v", memErr)
		assert.Equal(t, fileErr.Error(), memErr.Error())
		assert.IsType(t, fileErr, memErr)
		return
	}
	require.Len(t, memItems, len(fileItems))
	for i, want := range fileItems {
		got := memItems[i]
		assert.Equal(t, want.Key, got.Key, "item %d", i)
		assert.Equal(t, want.Value, got.Value, "item %d", i)
		require.Equal(t, want.File == nil, got.File == nil, "item %d is a file", i)
		if want.File == nil {
			continue
		}
		assert.Equal(t, want.File.Name, got.File.Name)
		assert.Equal(t, want.File.Filename, got.File.Filename)
		assert.Equal(t, want.File.ContentType, got.File.ContentType)
		assert.Equal(t, want.File.Header, got.File.Header)
		assert.Equal(t, want.File.Size, got.File.Size)
		assert.Equal(t, want.File.path != "", got.File.path != "", "file %q spilled to disk", want.File.Filename)
		wb, err := want.File.Bytes()
		require.NoError(t, err)
		gb, err := got.File.Bytes()
		require.NoError(t, err)
		assert.Equal(t, string(wb), string(gb), "file %q", want.File.Filename)
	}
}

func TestMultipartInMemory(t *testing.T) {
	t.Parallel()
	long := make([]byte, 3*maxMultipartLine+5)
	for i := range long {
		long[i] = 'a' + byte(i%26)
	}
	tests := []struct {
		name      string
		body      string
		maxMemory int64
	}{
		{"crlf", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--\r\n", 1 << 20},
		{"lf and no closing boundary", "--B\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\n\nabc\n--B", 1 << 20},
		{"cr line ends", "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\na\rb\r\r\n--B--", 1 << 20},
		{"cr before the boundary", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r--B\r\n--B--", 1 << 20},
		{"empty content", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--B--", 1 << 20},
		{"ends in the content", "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\nabc\r\n", 1 << 20},
		{"preamble and epilogue", "junk\r\n--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--\r\nmore", 1 << 20},
		{"file over the memory limit", "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n0123456789\r\n--B--", 4},
		{"file at the memory limit", "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n0123\r\n--B--", 4},
		{"second file over what is left", "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n0123\r\n" +
			"--B\r\nContent-Disposition: form-data; name=\"g\"; filename=\"y\"\r\n\r\n45\r\n--B--", 5},
		{"field over the memory limit", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n0123456789\r\n--B--", 4},
		{"lines longer than a read", "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" + string(long) + "\r\n--B--", 1 << 20},
		{"base64 field", "--B\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\naGk=\r\n--B--", 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			multipartBothWays(t, []byte(tt.body), tt.maxMemory)
		})
	}
}

// FuzzMultipartInMemory checks that parsing a body in place gives what
// parsing it from a file gives, for any body and memory limit.
func FuzzMultipartInMemory(f *testing.F) {
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--\r\n"), int64(1<<20))
	f.Add([]byte("--B\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\n\nab\rc\n--B"), int64(2))
	f.Add([]byte("x\r\n--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\na\r\r\n--B  \r\n"), int64(0))
	f.Fuzz(func(t *testing.T, body []byte, maxMemory int64) {
		if maxMemory < 0 {
			maxMemory = -1
		}
		multipartBothWays(t, body, maxMemory)
	})
}

func BenchmarkMultipartUpload(b *testing.B) {
	file := make([]byte, 64<<10)
	for i := range file {
		file[i] = byte(i)
	}
	body := "--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nreport\r\n" +
		"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.bin\"\r\n\r\n" + string(file) + "\r\n--B--\r\n"
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r := New(Environ{"REQUEST_METHOD": "POST", "CONTENT_TYPE": "multipart/form-data; boundary=B",
			"CONTENT_LENGTH": strconv.Itoa(len(body))}, strings.NewReader(body))
		if _, err := r.POST(); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}

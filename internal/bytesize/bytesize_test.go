package bytesize_test

import (
	"errors"
	"flag"
	"io"
	"math"
	"testing"

	"github.com/gowebob/gowebob/internal/bytesize"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bytesize.Size
		err  error
	}{
		{"0", 0, nil},
		{"4096", 4096, nil},
		{"4096B", 4096, nil},
		{"512MiB", 512 << 20, nil},
		{"2GiB", 2 << 30, nil},
		{"2gib", 2 << 30, nil},
		{"1KiB", 1024, nil},
		{"3TiB", 3 << 40, nil},
		{"10MB", 10e6, nil},
		{"10mb", 10e6, nil},
		{"1KB", 1000, nil},
		{"2GB", 2e9, nil},
		{"1TB", 1e12, nil},
		{"007MiB", 7 << 20, nil},
		{"9223372036854775807", math.MaxInt64, nil},
		{"8388607TiB", 8388607 << 40, nil},
		{"", 0, bytesize.ErrSyntax},
		{"MiB", 0, bytesize.ErrSyntax},
		{"B", 0, bytesize.ErrSyntax},
		{"-1", 0, bytesize.ErrSyntax},
		{"+1", 0, bytesize.ErrSyntax},
		{"1.5GiB", 0, bytesize.ErrSyntax},
		{"2G", 0, bytesize.ErrSyntax},
		{"2 GiB", 0, bytesize.ErrSyntax},
		{" 2GiB", 0, bytesize.ErrSyntax},
		{"2GiB ", 0, bytesize.ErrSyntax},
		{"2iB", 0, bytesize.ErrSyntax},
		{"0x10", 0, bytesize.ErrSyntax},
		{"１MiB", 0, bytesize.ErrSyntax}, // a fullwidth digit
		{"9223372036854775808", 0, bytesize.ErrRange},
		{"8388608TiB", 0, bytesize.ErrRange},
		{"99999999999999999999GiB", 0, bytesize.ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := bytesize.Parse(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err, "Parse(%q)", tt.in)
				return
			}
			require.NoError(t, err, "Parse(%q)", tt.in)
			assert.Equal(t, tt.want, got, "Parse(%q)", tt.in)
		})
	}
}

func TestString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   bytesize.Size
		want string
	}{
		{0, "0B"},
		{1, "1B"},
		{1000, "1000B"},
		{1024, "1KiB"},
		{1536 << 10, "1536KiB"},
		{512 << 20, "512MiB"},
		{2 << 30, "2GiB"},
		{5 << 40, "5TiB"},
		{1 << 50, "1024TiB"},
		{math.MaxInt64, "9223372036854775807B"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.in.String(), "Size(%d).String()", int64(tt.in))
	}
}

func TestFlag(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	size := 2 * bytesize.GiB
	fs.Var(&size, "size", "a size")
	require.NoError(t, fs.Parse([]string{"-size", "512MiB"}))
	assert.Equal(t, 512*bytesize.MiB, size)
	err := fs.Parse([]string{"-size", "lots"})
	assert.ErrorContains(t, err, "bytesize: invalid size", "flag set Parse(-size lots)") // flag wraps with %v
	assert.Equal(t, 512*bytesize.MiB, size, "a bad value leaves the size")
}

// FuzzParse checks that what Parse accepts is a size that String writes
// back in a form Parse reads as the same size, and that String's form is
// stable.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "4096", "512MiB", "2GiB", "10MB", "1.5GiB", "2G", "-1", "9223372036854775807", "8388608TiB", "kib"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := bytesize.Parse(s)
		if err != nil {
			if !errors.Is(err, bytesize.ErrSyntax) && !errors.Is(err, bytesize.ErrRange) {
				t.Fatalf("Parse(%q) error %v, want ErrSyntax or ErrRange", s, err)
			}
			return
		}
		if v < 0 {
			t.Fatalf("Parse(%q) = %d, negative", s, v)
		}
		str := v.String()
		back, err := bytesize.Parse(str)
		if err != nil || back != v {
			t.Fatalf("Parse(%q) = %d; Parse(String() = %q) = %d, %v", s, v, str, back, err)
		}
		if again := back.String(); again != str {
			t.Fatalf("String() of %d: %q, then %q", v, str, again)
		}
	})
}

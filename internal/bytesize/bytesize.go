// Package bytesize reads and writes sizes in bytes as people type them on
// a command line: 512MiB, 2GiB, 1500000, 10MB. A Size is a flag.Value.
//
// The syntax is GOMEMLIMIT's, a whole number with an optional unit, plus
// the decimal units: B, KiB, MiB, GiB and TiB are powers of 1024; KB, MB,
// GB and TB powers of 1000. Units are matched without regard to case and
// follow the number without a space. The package does not read fractions
// (1.5GiB), signs, or single-letter units such as 2G, whose base is
// ambiguous.
package bytesize

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Size is a number of bytes.
type Size int64

// Common sizes.
const (
	B   Size = 1
	KiB Size = 1 << (10 * iota)
	MiB
	GiB
	TiB
)

// ErrSyntax is returned by Parse for a string that is not a size; it
// matches via errors.Is.
var ErrSyntax = errors.New("bytesize: invalid size")

// ErrRange is returned by Parse for a size that does not fit in a Size;
// it matches via errors.Is.
var ErrRange = errors.New("bytesize: size out of range")

// units are the suffixes Parse reads, longest first so that "B" is tried
// after the units that end in it.
var units = []struct {
	name string
	size Size
}{
	{"KiB", KiB}, {"MiB", MiB}, {"GiB", GiB}, {"TiB", TiB},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"B", B},
}

// Parse reads a size such as "512MiB", "2GiB" or "4096".
func Parse(s string) (Size, error) {
	digits := s
	unit := B
	for _, u := range units {
		if len(s) >= len(u.name) && strings.EqualFold(s[len(s)-len(u.name):], u.name) {
			digits, unit = s[:len(s)-len(u.name)], u.size
			break
		}
	}
	if digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		return 0, fmt.Errorf("%w %q: want a whole number of bytes with an optional unit (B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)", ErrSyntax, s)
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > math.MaxInt64/int64(unit) {
		return 0, fmt.Errorf("%w: %q", ErrRange, s)
	}
	return Size(n) * unit, nil
}

// String returns the size in the largest power-of-1024 unit that holds it
// whole, such as "2GiB", "1536KiB" or "1000B": Parse reads it back as the
// same size (a negative one excepted, which Parse never returns).
func (s Size) String() string {
	if s != 0 {
		for i := 3; i >= 0; i-- { // units[3] is TiB … units[0] KiB
			if u := units[i]; s%u.size == 0 {
				return strconv.FormatInt(int64(s/u.size), 10) + u.name
			}
		}
	}
	return strconv.FormatInt(int64(s), 10) + "B"
}

// Set implements flag.Value: it parses s into *z.
func (z *Size) Set(s string) error {
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*z = v
	return nil
}

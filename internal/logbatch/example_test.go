package logbatch_test

import (
	"fmt"
	"os"

	"github.com/gowebob/gowebob/internal/logbatch"
)

func Example() {
	// Lines written while another goroutine writes to stdout are written
	// together after it; a line written alone is written at once.
	out := &logbatch.Writer{W: os.Stdout}
	fmt.Fprintln(out, "alone")

	// A batch: written in one call at the Release.
	out.Hold()
	fmt.Fprintln(out, "one")
	fmt.Fprintln(out, "two")
	out.Release()
	// Output:
	// alone
	// one
	// two
}

package bytesize_test

import (
	"flag"
	"fmt"

	"github.com/gowebob/gowebob/internal/bytesize"
)

func ExampleParse() {
	for _, s := range []string{"512MiB", "2gib", "10MB", "2G"} {
		n, err := bytesize.Parse(s)
		fmt.Println(int64(n), n, err)
	}
	// Output:
	// 536870912 512MiB <nil>
	// 2147483648 2GiB <nil>
	// 10000000 10000000B <nil>
	// 0 0B bytesize: invalid size "2G": want a whole number of bytes with an optional unit (B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)
}

func ExampleSize_Set() {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	limit := 2 * bytesize.GiB
	fs.Var(&limit, "cache-max-size", "bound of the cache")
	fs.Parse([]string{"-cache-max-size", "512MiB"})
	fmt.Println(limit)
	// Output: 512MiB
}

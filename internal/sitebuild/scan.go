package sitebuild

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/gowebob/gowebob/internal/serve"
	"github.com/gowebob/gowebob/internal/staticfiles"
	"github.com/gowebob/gowebob/site"
)

// maxPageBytes bounds the source read to decide whether a file is a page,
// as gowebob serve does.
const maxPageBytes = 4 << 20

// tree is what a docroot holds, as gowebob serve would see it.
type tree struct {
	pages   []string    // page files, slash-separated, sorted
	files   []site.File // everything else that the URL mapping sees
	static  []string    // regular files whose content is embedded
	skipped []string    // static files go:embed cannot hold (their name)
}

// scan walks the docroot through root as staticfiles.Walk does: hidden
// names, which the mapping never reaches, symlinks that leave the docroot
// and symlinks to folders are left out.
func scan(root *os.Root) (*tree, error) {
	t := &tree{}
	err := staticfiles.Walk(root, ".", func(name string, fi fs.FileInfo, err error) error {
		switch {
		case err != nil:
			return err
		case name == ".":
		case fi.IsDir():
			t.files = append(t.files, fileOf(name, fi))
		case !fi.Mode().IsRegular():
		case strings.HasSuffix(name, ".go"):
			src, err := readLimited(root, name)
			if err != nil {
				return err
			}
			if fi.Size() <= maxPageBytes && serve.IsPageSource(src) {
				t.pages = append(t.pages, name)
			} else {
				t.files = append(t.files, fileOf(name, fi))
			}
		default:
			t.files = append(t.files, fileOf(name, fi))
			switch {
			case staticfiles.Held(name, fi):
				t.static = append(t.static, name)
			case fi.Mode().Perm()&0o111 == 0:
				t.skipped = append(t.skipped, name)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

func fileOf(name string, fi fs.FileInfo) site.File {
	mode := fi.Mode() & (fs.ModeDir | fs.ModePerm)
	return site.File{Name: name, Mode: mode, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
}

func readLimited(root *os.Root, name string) ([]byte, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxPageBytes))
}

// collisions returns an error for pages that would answer the same URL:
// NAME.go and NAME/index.go both claim /NAME.
func collisions(pages []string) error {
	set := make(map[string]bool, len(pages))
	for _, p := range pages {
		set[p] = true
	}
	var errs []string
	for _, p := range pages {
		if path.Base(p) == "index.go" {
			continue
		}
		index := strings.TrimSuffix(p, ".go") + "/index.go"
		if set[index] {
			url := "/" + strings.TrimSuffix(p, ".go")
			errs = append(errs, fmt.Sprintf("%s and %s both answer %s", p, index, url))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("build: pages that would map to the same URL (rename or remove one of each):\n\t%s", strings.Join(errs, "\n\t"))
	}
	return nil
}

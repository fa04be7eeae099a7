package serve

import (
	"path/filepath"
	"regexp"
	"strings"
)

// generatedMainName is how build output names the main function gowebob
// generates for a page (a page that declares main collides with it).
const generatedMainName = "gowebob_main.go (generated)"

// buildPaths names the files of a page build, so that the output of a
// failed build can name the files the user edits instead of the overlay's
// and the cache's.
//
// The go command rewrites the paths in the compiler's output before it
// prints them: a prefix that is the package's directory or one of its
// ancestors becomes a path relative to the go command's working directory
// when that is shorter, without looking where a path element ends (with
// the module in /home/u/site and the cache in /home/u/.cache, the
// program's source /home/u/.cache/gowebob/work/KEY/page.go comes out as
// ../.cache/gowebob/work/KEY/page.go; with the module in /tmp/site and the
// cache in /tmp/sitecache, as ./cache/...). What survives every such
// rewrite is the end of the path: the build key and the file's name,
// which is what mapBuildOutput looks for.
type buildPaths struct {
	key     string   // the build key: the last element of the virtual package's directory and of the work directory
	pkgPath string   // the virtual package's import path, such as site/.gowebob/build/KEY
	dirs    []string // absolute directories holding the build's files: the virtual package's and the work directory
	// names maps the base name of a file of the build (in the virtual
	// package or in the work directory) to the name to print for it.
	names map[string]string
	page  string // the page's path relative to the docroot, printed for the package itself
}

// mapBuildOutput rewrites the paths of the page's build in the go command's
// output out to the names in p, and drops the "# site/.gowebob/build/KEY"
// line the go command puts before the compiler's errors: the errors are
// shown as the page's already. The header of another package (a helper
// package of the module that does not compile) stays, since it says which
// package the errors after it are in.
func mapBuildOutput(out string, p buildPaths) string {
	// The absolute forms first: a directory may hold spaces, which the
	// pattern below does not cross.
	var pairs []string
	for _, dir := range p.dirs {
		for from, to := range p.names {
			pairs = append(pairs, filepath.Join(dir, from), to)
		}
	}
	out = strings.NewReplacer(pairs...).Replace(out)

	names := make([]string, 0, len(p.names))
	for n := range p.names {
		names = append(names, regexp.QuoteMeta(n))
	}
	// Whatever prefix the go command left, up to a space or a quote, then
	// the key, then maybe one of the build's files.
	re := regexp.MustCompile(`[^\s"'(\[]*` + regexp.QuoteMeta(p.key) + `(?:[/\\](` + strings.Join(names, "|") + `))?`)

	lines := strings.SplitAfter(out, "\n")
	var b strings.Builder
	b.Grow(len(out))
	for _, line := range lines {
		if strings.TrimRight(line, "\r\n") == "# "+p.pkgPath {
			continue
		}
		b.WriteString(re.ReplaceAllStringFunc(line, func(m string) string {
			sub := re.FindStringSubmatch(m)
			if sub[1] != "" {
				return p.names[sub[1]]
			}
			return p.page
		}))
	}
	return b.String()
}

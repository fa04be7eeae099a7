package serve

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gowebob/gowebob/internal/pageproto"
)

// The fast path of a page build runs the compiler and the linker itself,
// as go build would run them, instead of the go command: the go command's
// own work on every build (loading the ~200 packages a page program links
// and hashing their sources to find them up to date) is a third to a half
// of a rebuild after an edit (see BENCHMARKS.md, issue 16).
//
// What the tools need besides the page, the export data of every package
// the program links and the flags, comes from a go build of a page with
// the same imports and the go list -export -deps run after it; it is kept
// per set of imports (a fastConfig), and used while every local file it
// depends on stays as it was. Whatever the fast path does not know to be
// right (a page with build constraints, go:embed or go:debug lines, cgo
// in a dependency, build flags or environment the go command would turn
// into other tool flags, a configuration that is stale, a link that
// fails) is left to go build, so the program is never built in a way go
// build would not build it.

// maxFastConfigs bounds the import configurations kept: a docroot's pages
// share a few import sets, and an edit changes one now and then.
const maxFastConfigs = 64

// fastConfig is what compiling and linking a page with a given set of
// imports needs, learned from go list.
type fastConfig struct {
	compileCfg []byte // the compiler's -importcfg: the page's imports and runtime
	linkCfg    []byte // the linker's -importcfg without modinfo: every package linked
	// info is the build information go build wrote into the program the
	// configuration was learned from; a program of another build key
	// differs from it in its path only.
	info    *buildinfo.BuildInfo
	lang    string // the compiler's -lang, from the module's go version
	godebug string // the main package's default GODEBUG, for the linker
	checks  []pageproto.Check
	exports []string // the export data files named in the configurations
	used    time.Time
}

// fresh reports whether c still describes the build: every local file
// (those outside the module cache and GOROOT, which do not change) and
// tool it was learned from is as it was, and the export data it names is
// still in the go build cache.
func (c *fastConfig) fresh() bool {
	if !unchanged(c.checks) {
		return false
	}
	for _, f := range c.exports {
		if _, err := os.Stat(f); err != nil {
			return false
		}
	}
	return true
}

// fastEntry is the configuration of one set of imports, while go list
// learns it (ready open) and after (cfg nil when it could not be learned).
type fastEntry struct {
	ready chan struct{}
	cfg   *fastConfig
	// notFast, for a set the fast path cannot build (see errNotFast), are
	// the inputs it was tried with: it is tried again when they change.
	notFast []pageproto.Check
}

// errNotFast is a set of imports that the fast path cannot build while
// the page's inputs stay as they are (cgo in a dependency, say); other
// failures to learn a configuration are tried again after the next go
// build.
var errNotFast = errors.New("not for the fast path")

// fastState is a Server's fast path: the tools, and the configurations by
// set of imports.
type fastState struct {
	once  sync.Once
	tools *fastTools // nil when the environment rules the fast path out

	mu      sync.Mutex
	entries map[string]*fastEntry
}

// fastTools is what the fast path needs from the go command's environment.
type fastTools struct {
	compile, link string
	goroot        string
	goversion     string   // the compiler's -goversion
	cc            string   // the linker's -extld
	env           []string // GOOS, GOARCH and the architecture's variable, as the go command gives the tools
	modcache      string
	checks        []pageproto.Check // the tools themselves
}

// archEnv names the variable that tunes code generation for GOARCH, which
// the go command passes to the tools (see cmd/go's cfg.GetArchEnv).
var archEnv = map[string]string{
	"386": "GO386", "amd64": "GOAMD64", "arm": "GOARM", "arm64": "GOARM64",
	"mips": "GOMIPS", "mipsle": "GOMIPS", "mips64": "GOMIPS64", "mips64le": "GOMIPS64",
	"ppc64": "GOPPC64", "ppc64le": "GOPPC64", "riscv64": "GORISCV64", "wasm": "GOWASM",
}

// neutralEnv are the go command settings that may differ from their
// defaults without changing how a package is compiled or linked: they
// decide where modules and the cache are, which go list resolves.
var neutralEnv = map[string]bool{
	"GOFLAGS": true, // checked flag by flag in neutralGoFlags
	"GOPROXY": true, "GOSUMDB": true, "GOPRIVATE": true, "GONOPROXY": true, "GONOSUMDB": true,
	"GOINSECURE": true, "GOVCS": true, "GOAUTH": true, "GOPATH": true, "GOMODCACHE": true,
	"GOCACHE": true, "GOENV": true, "GOTELEMETRY": true, "GOTELEMETRYDIR": true, "GOTOOLCHAIN": true,
	"CGO_ENABLED": true, // which files of the standard library are built: in the export data
}

// neutralGoFlags reports whether the GOFLAGS value flags holds only flags
// that change what go list resolves (and so the export data it names), not
// the flags the go command gives the compiler and the linker.
func neutralGoFlags(flags string) bool {
	for _, f := range strings.Fields(flags) {
		name, _, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		switch name {
		case "buildvcs", "mod", "modcacherw", "tags", "p", "x", "v":
		default:
			return false
		}
	}
	return true
}

// lookupTools asks the go command where its tools are and whether its
// environment allows the fast path; nil when it does not.
func (s *Server) lookupTools(ctx context.Context) *fastTools {
	env := func(args ...string) (map[string]string, error) {
		cmd := exec.CommandContext(ctx, s.goCmd(), append([]string{"env", "-json"}, args...)...)
		cmd.Dir = s.root.Name()
		cmd.Env = append(os.Environ(), "GOWORK=off")
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("serve: go env: %w", err)
		}
		var m map[string]string
		if err := json.Unmarshal(out, &m); err != nil {
			return nil, fmt.Errorf("serve: go env: %w", err)
		}
		return m, nil
	}
	changed, err := env("-changed")
	if err != nil {
		return nil
	}
	for k, v := range changed {
		if !neutralEnv[k] || k == "GOFLAGS" && !neutralGoFlags(v) {
			s.logger().Info("page builds use go build: the go environment sets "+k, "value", v)
			return nil
		}
	}
	vars := []string{"GOROOT", "GOTOOLDIR", "GOVERSION", "CC", "GOOS", "GOARCH", "GOMODCACHE"}
	all, err := env(vars...)
	if err != nil {
		return nil
	}
	arch := archEnv[all["GOARCH"]]
	var archVal string
	if arch != "" {
		m, err := env(arch)
		if err != nil {
			return nil
		}
		archVal = m[arch]
	}
	cc := all["CC"]
	// The go command quotes a CC with spaces or quotes (cmd/internal/quoted):
	// not worth copying.
	if cc == "" || strings.ContainsAny(cc, " \t\"'") {
		return nil
	}
	t := &fastTools{
		compile:   filepath.Join(all["GOTOOLDIR"], "compile"),
		link:      filepath.Join(all["GOTOOLDIR"], "link"),
		goroot:    all["GOROOT"],
		goversion: all["GOVERSION"],
		cc:        cc,
		env:       []string{"GOOS=" + all["GOOS"], "GOARCH=" + all["GOARCH"]},
		modcache:  all["GOMODCACHE"],
	}
	if runtime.GOOS == "windows" {
		t.compile += ".exe"
		t.link += ".exe"
	}
	if arch != "" {
		t.env = append(t.env, arch+"="+archVal)
	}
	for _, p := range []string{t.compile, t.link} {
		c := pageproto.StatCheck(p)
		if !c.Exists || t.goroot == "" || t.modcache == "" {
			return nil
		}
		t.checks = append(t.checks, c)
	}
	return t
}

// fastEligible reports whether the page's source leaves nothing to the go
// command that the fast path does not do: no build constraints (which may
// leave the page out, or set its language version), no go:embed (an embed
// configuration) or go:debug (a GODEBUG the key below does not hold)
// directives, no cgo. It returns the page's set of imports, the key of its
// configuration.
func fastEligible(src []byte) (string, bool) {
	for _, d := range []string{"//go:build", "// +build", "//go:embed", "//go:debug"} {
		if bytes.Contains(src, []byte(d)) {
			return "", false
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return "", false
	}
	imports := []string{"github.com/gowebob/gowebob/page"} // generatedMain's
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || p == "C" || p == "embed" {
			return "", false
		}
		imports = append(imports, p)
	}
	slices.Sort(imports)
	return strings.Join(slices.Compact(imports), "\n"), true
}

// fastConfigFor returns the configuration of the import set, waiting for
// go list when it is learning it, or nil.
func (s *Server) fastConfigFor(ctx context.Context, set string) *fastConfig {
	s.fast.mu.Lock()
	e := s.fast.entries[set]
	s.fast.mu.Unlock()
	if e == nil {
		return nil
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil
	}
	s.fast.mu.Lock()
	defer s.fast.mu.Unlock()
	if e.cfg == nil {
		return nil
	}
	if !e.cfg.fresh() {
		if s.fast.entries[set] == e {
			delete(s.fast.entries, set)
		}
		return nil
	}
	e.cfg.used = time.Now()
	return e.cfg
}

// dropFastConfig forgets the configuration cfg of set, which failed.
func (s *Server) dropFastConfig(set string, cfg *fastConfig) {
	s.fast.mu.Lock()
	defer s.fast.mu.Unlock()
	if e := s.fast.entries[set]; e != nil && e.cfg == cfg {
		delete(s.fast.entries, set)
	}
}

// learnFast starts learning the configuration of set in the background
// from bin, which go build just built from the page's source src with
// build key key from the inputs in stats, unless one is learned or being
// learned. The next build of a page with these imports waits for it
// rather than run go build.
func (s *Server) learnFast(set, key, pageRel string, src []byte, bin string, stats []pageproto.Check) {
	s.fast.mu.Lock()
	if e := s.fast.entries[set]; e != nil {
		select {
		case <-e.ready:
			if e.cfg != nil && e.cfg.fresh() || e.notFast != nil && unchanged(e.notFast) {
				s.fast.mu.Unlock()
				return
			}
		default:
			s.fast.mu.Unlock()
			return
		}
	}
	s.mu.Lock()
	// Close waits for the builds that started; none starts after it.
	closed := s.closed
	if !closed {
		s.builds.Add(1)
	}
	s.mu.Unlock()
	if closed {
		s.fast.mu.Unlock()
		return
	}
	if s.fast.entries == nil {
		s.fast.entries = make(map[string]*fastEntry)
	}
	if len(s.fast.entries) >= maxFastConfigs {
		s.evictFastLocked()
	}
	e := &fastEntry{ready: make(chan struct{})}
	s.fast.entries[set] = e
	s.fast.mu.Unlock()
	go func() {
		defer s.builds.Done()
		// The page's own file is no input of the configuration: it is the
		// part that changes.
		page := s.abs(pageRel)
		inputs := slices.DeleteFunc(slices.Clone(stats), func(c pageproto.Check) bool { return c.Path == page })
		cfg, err := s.learnFastConfig(key, pageRel, src, bin, inputs)
		if err != nil && s.ctx.Err() == nil {
			s.logger().Info("page builds use go build for this set of imports", "page", pageRel, "reason", err)
		}
		s.fast.mu.Lock()
		e.cfg = cfg
		if cfg != nil {
			cfg.used = time.Now()
		}
		if errors.Is(err, errNotFast) {
			e.notFast = inputs
		}
		close(e.ready)
		s.fast.mu.Unlock()
	}()
}

// evictFastLocked forgets the configuration used least recently.
func (s *Server) evictFastLocked() {
	var oldest string
	var at time.Time
	for set, e := range s.fast.entries {
		select {
		case <-e.ready:
		default:
			continue
		}
		if e.cfg == nil {
			delete(s.fast.entries, set) // a failure: the cheapest to forget
			return
		}
		if oldest == "" || e.cfg.used.Before(at) {
			oldest, at = set, e.cfg.used
		}
	}
	if oldest != "" {
		delete(s.fast.entries, oldest)
	}
}

// listedPackage is what go list -json tells of a package.
type listedPackage struct {
	ImportPath     string
	Dir            string
	Export         string
	Standard       bool
	DefaultGODEBUG string
	Imports        []string
	ImportMap      map[string]string
	GoFiles        []string
	CgoFiles       []string
	CFiles         []string
	CXXFiles       []string
	MFiles         []string
	FFiles         []string
	SwigFiles      []string
	SwigCXXFiles   []string
	SysoFiles      []string
	EmbedFiles     []string
	Module         *struct {
		Path      string
		Main      bool
		GoMod     string
		GoVersion string
	}
	Error *struct{ Err string }
}

// learnFastConfig runs go list -export -deps on the package go build built
// bin from, and makes the configuration of its imports; inputs are the
// page's build inputs but the page.
func (s *Server) learnFastConfig(key, pageRel string, src []byte, bin string, inputs []pageproto.Check) (*fastConfig, error) {
	s.fast.once.Do(func() { s.fast.tools = s.lookupTools(s.ctx) })
	t := s.fast.tools
	if t == nil {
		return nil, fmt.Errorf("%w: the go environment is not one it knows", errNotFast)
	}
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		return nil, fmt.Errorf("reading the build information of the program: %w", err)
	}
	work := filepath.Join(s.cacheDir, "work", key+"-list")
	b, err := s.prepareWork(work, key, pageRel, src)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	if bi.Path != b.pkgPath {
		return nil, fmt.Errorf("the program's path is %s, not %s", bi.Path, b.pkgPath)
	}
	if bi.GoVersion != t.goversion {
		return nil, fmt.Errorf("%w: go build used %s, the tools are %s's", errNotFast, bi.GoVersion, t.goversion)
	}
	for _, st := range bi.Settings {
		// Version control information changes with the repository,
		// which the checks do not follow.
		if strings.HasPrefix(st.Key, "vcs") {
			return nil, fmt.Errorf("%w: the program records version control information", errNotFast)
		}
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.buildTimeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, s.goCmd(), "list", "-export", "-deps",
		"-json=ImportPath,Dir,Export,Standard,DefaultGODEBUG,Imports,ImportMap,GoFiles,CgoFiles,CFiles,CXXFiles,MFiles,FFiles,SwigFiles,SwigCXXFiles,SysoFiles,EmbedFiles,Module,Error",
		"-overlay", b.overlay, b.pkgArg)
	cmd.Dir = s.root.Name()
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	listed := time.Now()
	if err := startNiced(cmd); err != nil {
		return nil, err
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("go list: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	var pkgs []listedPackage
	for dec := json.NewDecoder(&out); ; {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return s.fastConfigOf(t, b, pkgs, bi, inputs, listed)
}

// fastConfigOf makes the configuration from go list's packages, the main
// package last (-deps lists a package after its dependencies), and bi,
// the build information of the program go build made.
//
// The configuration holds while the local files it was made from do not
// change. Those of the docroot's module, which a developer edits, are
// checked as inputs shows them from before go build ran (every file of
// the packages the page imports from the module, and go.mod and go.sum):
// a file changed since, even while go list ran, makes the configuration
// stale at once. Those of a module replaced with a folder are checked as
// they are after go list ran, and one changed less than a second before
// it started (a coarse clock) leaves the configuration unmade.
func (s *Server) fastConfigOf(t *fastTools, b *buildFiles, pkgs []listedPackage, bi *buildinfo.BuildInfo, inputs []pageproto.Check, listed time.Time) (*fastConfig, error) {
	if len(pkgs) == 0 || pkgs[len(pkgs)-1].ImportPath != b.pkgPath {
		return nil, errors.New("go list did not list the page's package last")
	}
	main := pkgs[len(pkgs)-1]
	if main.Error != nil {
		return nil, fmt.Errorf("go list: %s", main.Error.Err)
	}
	wantFiles := []string{filepath.Base(b.virtualPage), "gowebob_main.go"}
	slices.Sort(wantFiles)
	if !slices.Equal(main.GoFiles, wantFiles) || main.Module == nil {
		return nil, fmt.Errorf("%w: the page's package has files %q", errNotFast, main.GoFiles)
	}
	lang, ok := langVersion(main.Module.GoVersion)
	if !ok {
		return nil, fmt.Errorf("%w: no language version in go version %q", errNotFast, main.Module.GoVersion)
	}
	cfg := &fastConfig{info: bi, lang: lang, godebug: main.DefaultGODEBUG}
	cfg.checks = append(cfg.checks, t.checks...)
	cfg.checks = append(cfg.checks, inputs...)
	inputDirs := make(map[string]bool)
	for _, c := range inputs {
		if c.Dir {
			inputDirs[c.Path] = true
		}
	}
	var later []pageproto.Check // those checked after go list
	mods := map[string]bool{filepath.Join(s.mod.dir, "go.mod"): true}
	addModule := func(gomod string) {
		if gomod == "" || mods[gomod] {
			return
		}
		mods[gomod] = true
		dir := filepath.Dir(gomod)
		for _, name := range []string{"go.mod", "go.sum"} {
			later = append(later, pageproto.StatCheck(filepath.Join(dir, name)))
		}
	}
	later = append(later, pageproto.StatCheck(filepath.Join(s.mod.dir, "vendor", "modules.txt")))
	export := make(map[string]string, len(pkgs))
	var link bytes.Buffer
	link.WriteString("# import config\n")
	for _, p := range pkgs[:len(pkgs)-1] {
		if p.Error != nil {
			return nil, fmt.Errorf("go list: %s: %s", p.ImportPath, p.Error.Err)
		}
		if p.ImportPath == "unsafe" {
			continue // the compiler's own: no export data, nothing to link
		}
		if p.Export == "" {
			return nil, fmt.Errorf("go list: no export data for %s", p.ImportPath)
		}
		if !p.Standard {
			// Whatever is not Go alone may make go build give the
			// linker other flags (cmd/go's gcToolchain.ld).
			if n := len(p.CgoFiles) + len(p.CFiles) + len(p.CXXFiles) + len(p.MFiles) + len(p.FFiles) +
				len(p.SwigFiles) + len(p.SwigCXXFiles) + len(p.SysoFiles); n > 0 {
				return nil, fmt.Errorf("%w: %s is not Go alone (cgo)", errNotFast, p.ImportPath)
			}
			switch {
			case inDir(p.Dir, t.modcache):
				// Modules in the cache do not change.
			case len(p.EmbedFiles) > 0:
				// Neither inputs nor the checks below see them.
				return nil, fmt.Errorf("%w: %s embeds files", errNotFast, p.ImportPath)
			case inputDirs[p.Dir]:
				// A package of the docroot's module, checked in inputs.
			default:
				// A package of a module replaced with a folder,
				// vendored, or of the docroot's module if that is
				// gowebob's.
				if err := addDirChecks(&later, p.Dir); err != nil {
					return nil, err
				}
				if p.Module != nil {
					addModule(p.Module.GoMod)
				}
			}
		}
		export[p.ImportPath] = p.Export
		cfg.exports = append(cfg.exports, p.Export)
		fmt.Fprintf(&link, "packagefile %s=%s\n", p.ImportPath, p.Export)
	}
	// As go build writes the compiler's (cmd/go's Builder.build): the
	// imports as the source names them mapped to the packages, then the
	// file of each package the page's package imports, and runtime's.
	var comp bytes.Buffer
	comp.WriteString("# import config\n")
	for from, to := range main.ImportMap {
		fmt.Fprintf(&comp, "importmap %s=%s\n", from, to)
	}
	imports := main.Imports
	if !slices.Contains(imports, "runtime") {
		imports = append(slices.Clip(imports), "runtime")
	}
	for _, imp := range imports {
		f, ok := export[imp]
		if !ok {
			return nil, fmt.Errorf("go list: no export data for %s", imp)
		}
		fmt.Fprintf(&comp, "packagefile %s=%s\n", imp, f)
	}
	for _, c := range later {
		if c.Exists && time.Unix(0, c.ModTime).After(listed.Add(-time.Second)) {
			return nil, fmt.Errorf("%s changed while go list ran", c.Path)
		}
	}
	cfg.checks = append(cfg.checks, later...)
	cfg.compileCfg, cfg.linkCfg = comp.Bytes(), link.Bytes()
	return cfg, nil
}

// addDirChecks adds the states of dir and of the files in it to checks: a
// file added, removed or changed there is seen.
func addDirChecks(checks *[]pageproto.Check, dir string) error {
	*checks = append(*checks, pageproto.StatCheck(dir))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() {
			*checks = append(*checks, pageproto.StatCheck(filepath.Join(dir, e.Name())))
		}
	}
	return nil
}

// inDir reports whether path is dir or inside it.
func inDir(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// langVersion returns the compiler's -lang for a go.mod's go version, as
// the go command does: its language version, or go1.16 for none.
func langVersion(v string) (string, bool) {
	if v == "" {
		v = "1.16"
	}
	major, rest, _ := strings.Cut(v, ".")
	minor := rest
	if i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minor = rest[:i]
	}
	if major != "1" || minor == "" {
		return "", false
	}
	return "go" + major + "." + minor, true
}

// errFastUnsure is a fast build that failed where go build might not: the
// build is left to go build.
var errFastUnsure = errors.New("serve: the fast path failed")

// buildFast compiles and links the page with cfg into tmp, and returns how
// long the compile took (the log tells the two steps apart). An error that
// is the page's own (its source does not compile) is a *BuildError; any
// other wraps errFastUnsure.
func (s *Server) buildFast(ctx context.Context, cfg *fastConfig, b *buildFiles, key, pageRel, tmp string) (time.Duration, error) {
	t := s.fast.tools
	compileCfg := filepath.Join(b.work, "importcfg")
	linkCfg := filepath.Join(b.work, "importcfg.link")
	info := *cfg.info
	info.Path = b.pkgPath
	// The go command writes the information without the go version,
	// which the runtime adds (cmd/go's modload.ModInfoData).
	info.GoVersion = ""
	modinfo := fmt.Sprintf("modinfo %q\n", modInfoStart+info.String()+modInfoEnd)
	if err := os.WriteFile(compileCfg, cfg.compileCfg, 0o600); err != nil {
		return 0, err
	}
	if err := os.WriteFile(linkCfg, append(slices.Clip(cfg.linkCfg), modinfo...), 0o600); err != nil {
		return 0, err
	}
	// Both files in the order go build gives them (sorted by name), for
	// the same order of initialization and of errors.
	files := []struct{ virtual, actual string }{
		{b.virtualPage, b.pageFile},
		{b.virtualMain, b.mainFile},
	}
	slices.SortFunc(files, func(x, y struct{ virtual, actual string }) int {
		return strings.Compare(filepath.Base(x.virtual), filepath.Base(y.virtual))
	})
	// The flags cmd/go's gcToolchain.gc gives: the files named by their
	// paths in the overlay (so that errors and stacks name the page's
	// virtual package, as with go build), the package's language version,
	// -complete (Go files alone), and a build ID; ours is the build key,
	// not go build's content hashes, which only the go command reads.
	pkgArchive := filepath.Join(b.work, "page.a")
	args := []string{"-o", pkgArchive,
		"-trimpath", files[0].actual + "=>" + files[0].virtual + ";" + files[1].actual + "=>" + files[1].virtual,
		"-p", "main", "-lang=" + cfg.lang, "-complete", "-buildid", key + "/" + key,
	}
	if strings.HasPrefix(t.goversion, "go1") { // as go build: not for a development toolchain
		args = append(args, "-goversion", t.goversion)
	}
	// The backend's concurrency, as go build chooses it for a single
	// compile; it does not change the output.
	if c := min(runtime.GOMAXPROCS(0), 4); c > 1 {
		args = append(args, fmt.Sprintf("-c=%d", c))
	}
	args = append(args, "-nolocalimports", "-importcfg", compileCfg, "-pack", files[0].actual, files[1].actual)
	start := time.Now()
	out, err := s.runTool(ctx, t.compile, args, nil)
	compiled := time.Since(start)
	if err != nil {
		if s.ctx.Err() != nil {
			return compiled, err
		}
		msg := s.mapOutput(string(out), b.pkgRel, pageRel, b.work)
		if ctx.Err() == nil && pageErrorsOnly(msg, pageRel) {
			return compiled, &BuildError{Page: pageRel, Output: msg, key: key}
		}
		return compiled, fmt.Errorf("%w: compile: %w: %s", errFastUnsure, err, bytes.TrimSpace(out))
	}
	// cmd/go's gcToolchain.ld: -s -w as our go build asks, the default
	// GODEBUG, the C compiler for an external link, and GOROOT, which
	// the linker records as the program's default.
	args = []string{"-o", tmp, "-importcfg", linkCfg, "-buildmode=exe", "-buildid=" + key + "/" + key + "/" + key + "/" + key, "-s", "-w"}
	if cfg.godebug != "" {
		args = append(args, "-X=runtime.godebugDefault="+cfg.godebug)
	}
	args = append(args, "-extld="+t.cc, pkgArchive)
	if out, err := s.runTool(ctx, t.link, args, []string{"GOROOT=" + t.goroot}); err != nil {
		if s.ctx.Err() != nil {
			return compiled, err
		}
		return compiled, fmt.Errorf("%w: link: %w: %s", errFastUnsure, err, bytes.TrimSpace(out))
	}
	return compiled, nil
}

// The marks around the build information in a program (cmd/go's
// modload.ModInfoData); the linker looks for neither, the runtime and
// debug/buildinfo for both.
const (
	modInfoStart = "0w\xaf\f\x92t\b\x02A\xe1\xc1\a\xe6\xd6\x18\xe6"
	modInfoEnd   = "\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2"
)

// runTool runs a compiler or linker at the builds' priority, in the
// docroot as go build would, and returns its output.
func (s *Server) runTool(ctx context.Context, tool string, args, env []string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Dir = s.root.Name()
	cmd.Env = append(append(os.Environ(), s.fast.tools.env...), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := startNiced(cmd)
	if err == nil {
		err = cmd.Wait()
	}
	return out.Bytes(), err
}

// pageErrorsOnly reports whether the compiler's output, mapped, has errors
// in the page alone, none of them about an import: then they are the
// page's, and go build would print the same. Anything else (an import the
// export data does not satisfy, an error in a file of ours) may be the
// configuration's fault.
func pageErrorsOnly(out, pageRel string) bool {
	found := false
	for line := range strings.Lines(out) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
		case strings.HasPrefix(line, "\t"): // a continuation
		case strings.HasPrefix(line, pageRel+":"):
			for _, cause := range []string{"could not import", "export data", "importcfg", "object file"} {
				if strings.Contains(line, cause) {
					return false
				}
			}
			found = true
		case line == "too many errors":
		default:
			return false
		}
	}
	return found
}

package serve

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// addressHeadroom is the address space a page program may map beyond its
// memory limit under RLIMIT_AS. A Go program reserves address space that
// it does not use. Measured with go1.26 on linux/amd64 (2 CPUs, glibc,
// MALLOC_ARENA_MAX=2), a page that answers with its pid maps 1426 MiB
// once started (VmPeak) while it uses 11 MB (VmRSS), and up to 1490 MiB
// after 300 requests at once; with RLIMIT_AS at 1400 MiB it cannot start
// (mapping the connection table fails), at 1450 MiB it starts and takes
// the 300 requests. What it maps: about 1.1 GiB that the runtime reserves
// (the page allocator's summaries, the heap arena index), 64 MiB for the
// connection table, the binary and its libraries, 8 MiB of stack per
// thread (a program built with cgo, as the net package is wherever a C
// compiler is installed, makes its threads with pthread), and glibc's
// malloc arenas, 64 MiB each, up to 8 per CPU, which MALLOC_ARENA_MAX=2
// bounds (without it the same page maps 1.74 GiB). The headroom is that
// with some to spare, and 32 MiB per CPU for the threads of a busy
// program: a program that keeps more threads than that blocked in system
// calls runs out of address space before it runs out of memory.
func addressHeadroom() int64 { return 1792<<20 + int64(runtime.NumCPU())<<25 }

// mallocArenas bounds glibc's malloc arenas under RLIMIT_AS (see
// addressHeadroom); a page's environment may say otherwise.
const mallocArenas = "MALLOC_ARENA_MAX=2"

// physicalMemory returns the machine's memory in bytes (MemTotal), 0 if
// unknown.
func physicalMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// start starts cmd in a cgroup of its own named name, under the cgroup
// cgroupParent returns, with memory.max set; else (no such cgroup, or the
// start in it failed) it starts cmd and sets its RLIMIT_AS.
func (m *memLimit) start(cmd *exec.Cmd, name string) (*exec.Cmd, error) {
	if parent := cgroupParent(); parent != "" {
		if dir, fd, err := makeCgroup(parent, name, m.bytes); err == nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{UseCgroupFD: true, CgroupFD: int(fd.Fd())}
			err := cmd.Start()
			fd.Close()
			if err == nil {
				m.cgroup = dir
				return cmd, nil
			}
			// clone3 into a cgroup needs Linux 5.7: try without.
			os.Remove(dir)
			cmd = copyCmd(cmd)
		}
	}
	if !slices.ContainsFunc(cmd.Env, func(kv string) bool { return strings.HasPrefix(kv, "MALLOC_ARENA_MAX=") }) {
		cmd.Env = append(cmd.Env, mallocArenas)
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if err := limitAddressSpace(cmd.Process.Pid, m.bytes+addressHeadroom()); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("serve: limiting a page program's memory: %w", err)
	}
	return cmd, nil
}

// release removes the program's cgroup, once it has exited, and reports
// whether the kernel killed it for its memory.
func (m *memLimit) release() (exceeded bool) {
	if m == nil || m.cgroup == "" {
		return false
	}
	if events, err := os.ReadFile(filepath.Join(m.cgroup, "memory.events")); err == nil {
		exceeded = cgroupOOMKills(string(events)) > 0
	}
	// The cgroup is empty once the program is reaped; the kernel may take
	// a moment to see it.
	for range 50 {
		if err := os.Remove(m.cgroup); err == nil || errors.Is(err, os.ErrNotExist) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return exceeded
}

// limitAddressSpace sets the RLIMIT_AS of process pid to n bytes, or
// leaves it lower if it is.
func limitAddressSpace(pid int, n int64) error {
	// syscall has no Prlimit; prlimit64 takes two 64-bit numbers on every
	// architecture.
	type rlimit64 struct{ cur, max uint64 }
	var old rlimit64
	if _, _, e := syscall.RawSyscall6(syscall.SYS_PRLIMIT64, uintptr(pid), syscall.RLIMIT_AS, 0, uintptr(unsafe.Pointer(&old)), 0, 0); e != 0 {
		return os.NewSyscallError("prlimit64", e)
	}
	lim := rlimit64{min(uint64(n), old.max), min(uint64(n), old.max)}
	if _, _, e := syscall.RawSyscall6(syscall.SYS_PRLIMIT64, uintptr(pid), syscall.RLIMIT_AS, uintptr(unsafe.Pointer(&lim)), 0, 0, 0); e != 0 {
		return os.NewSyscallError("prlimit64", e)
	}
	return nil
}

// cgroupParent returns the cgroup v2 directory under which the server
// makes a cgroup per page program: its own, when the memory controller is
// enabled for its children or can be (it cannot for a cgroup that holds
// processes, the server's own included, unless it is the root). "" when
// there is none: no cgroup v2, or its memory controller is not there (it
// is on cgroup v1, or not delegated to the server).
var cgroupParent = sync.OnceValue(func() string {
	self, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return ""
	}
	mounts, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return ""
	}
	dir := cgroupDir(string(self), string(mounts))
	if dir == "" {
		return ""
	}
	if hasWord(dir, "cgroup.subtree_control", "memory") {
		return dir
	}
	if !hasWord(dir, "cgroup.controllers", "memory") {
		return ""
	}
	if os.WriteFile(filepath.Join(dir, "cgroup.subtree_control"), []byte("+memory"), 0) != nil {
		return ""
	}
	return dir
})

// hasWord reports whether the file name of dir lists word.
func hasWord(dir, name, word string) bool {
	b, err := os.ReadFile(filepath.Join(dir, name))
	return err == nil && slices.Contains(strings.Fields(string(b)), word)
}

// cgroupDir returns the directory of the process's cgroup v2 given the
// contents of /proc/self/cgroup and /proc/self/mountinfo, "" if it is not
// mounted (or the process is in none).
func cgroupDir(cgroup, mountinfo string) string {
	path := ""
	for line := range strings.Lines(cgroup) {
		if rest, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "0::"); ok {
			path = rest
		}
	}
	if !strings.HasPrefix(path, "/") {
		return ""
	}
	for line := range strings.Lines(mountinfo) {
		// id parent major:minor root mount-point options... - type source options
		f := strings.Fields(line)
		sep := slices.Index(f, "-")
		if sep < 5 || sep+1 >= len(f) || f[sep+1] != "cgroup2" {
			continue
		}
		root, point := unescapeMount(f[3]), unescapeMount(f[4])
		rel, ok := strings.CutPrefix(path, root)
		if !ok || root != "/" && rel != "" && !strings.HasPrefix(rel, "/") {
			continue
		}
		return filepath.Join(point, filepath.FromSlash(rel))
	}
	return ""
}

// unescapeMount undoes mountinfo's octal escapes (\040 for a space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// makeCgroup makes the cgroup name under parent with memory.max set to
// limit, and without swap, and opens it for clone3.
func makeCgroup(parent, name string, limit int64) (string, *os.File, error) {
	dir := filepath.Join(parent, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", nil, err
	}
	err := os.WriteFile(filepath.Join(dir, "memory.max"), []byte(strconv.FormatInt(limit, 10)), 0)
	if err == nil {
		// Without swap accounting there is no such file: then the
		// program may swap, as the server may.
		os.WriteFile(filepath.Join(dir, "memory.swap.max"), []byte("0"), 0)
		// Kill the page's own child processes with it.
		os.WriteFile(filepath.Join(dir, "memory.oom.group"), []byte("1"), 0)
	}
	var fd *os.File
	if err == nil {
		fd, err = os.Open(dir)
	}
	if err != nil {
		os.Remove(dir)
		return "", nil, err
	}
	return dir, fd, nil
}

// cgroupOOMKills returns the oom_kill count of a memory.events file.
func cgroupOOMKills(events string) int {
	for line := range strings.Lines(events) {
		if rest, ok := strings.CutPrefix(line, "oom_kill "); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(rest))
			return n
		}
	}
	return 0
}

package serve

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"sync"

	"github.com/gowebob/gowebob/internal/bytesize"
)

// Page memory: each page program gets a memory limit, Server.PageMemory.
// Its Go runtime is told (GOMEMLIMIT, at goMemLimitPercent of it), so
// that it collects garbage harder as it nears it; and the system enforces
// it, so that a page that allocates without end dies alone instead of
// taking the machine's memory from the server and the other pages: a
// cgroup v2 of its own with memory.max where the server can make one (the
// kernel kills the program past it), else RLIMIT_AS (the program's
// allocations fail past it, and the Go runtime exits with "fatal error:
// runtime: out of memory"). Either way the program's running requests get
// a 502, as for any death, and the next request starts it again.
//
// RLIMIT_AS bounds address space, not memory, and a Go program reserves
// much more address space than it uses: see addressHeadroom.

// memLimit is the hard memory limit of one page program.
type memLimit struct {
	bytes  int64
	cgroup string // the program's cgroup directory; "" under RLIMIT_AS
}

// goMemLimitPercent is GOMEMLIMIT's share of the hard limit: the runtime
// needs room beyond its heap (stacks, its own structures), and a soft
// limit at the hard one would only be seen when it is too late.
const goMemLimitPercent = 90

// defaultPageMemoryMax bounds the default limit: a quarter of the machine,
// at most this much.
const defaultPageMemoryMax = 1 << 30

// DefaultPageMemory returns the memory limit of a page program when
// Server.PageMemory is zero: a quarter of the machine's physical memory,
// at most 1 GiB (1 GiB where the memory is unknown).
func DefaultPageMemory() int64 { return defaultPageMemory() }

var defaultPageMemory = sync.OnceValue(func() int64 {
	if total := physicalMemory(); total > 0 {
		return min(total/4, defaultPageMemoryMax)
	}
	return defaultPageMemoryMax
})

// pageMemory returns the memory limit of each page program, 0 for none.
func (s *Server) pageMemory() int64 {
	switch {
	case s.PageMemory > 0:
		return s.PageMemory
	case s.PageMemory < 0:
		return 0
	}
	return DefaultPageMemory()
}

// goMemLimit returns the GOMEMLIMIT environment variable for a program
// whose hard limit is limit bytes.
func goMemLimit(limit int64) string {
	return "GOMEMLIMIT=" + strconv.FormatInt(limit/100*goMemLimitPercent, 10)
}

// startLimited starts cmd, the program of a page, with its memory limited
// to limit bytes (0: no limit): it adds GOMEMLIMIT to cmd's environment,
// and applies the hard limit. It returns the command it started, which is
// a copy of cmd when the cgroup could not be used after all (an exec.Cmd
// cannot be started twice), and the limit, whose release must be called
// once the program has exited. name names the program's cgroup.
func startLimited(cmd *exec.Cmd, limit int64, name string) (*exec.Cmd, *memLimit, error) {
	if limit <= 0 {
		return cmd, nil, cmd.Start()
	}
	cmd.Env = append(cmd.Env, goMemLimit(limit))
	m := &memLimit{bytes: limit}
	started, err := m.start(cmd, name)
	if err != nil {
		m.release()
		return nil, nil, err
	}
	return started, m, nil
}

// copyCmd returns a command that runs what cmd runs, not started.
func copyCmd(cmd *exec.Cmd) *exec.Cmd {
	c := exec.Command(cmd.Path)
	c.Args, c.Env, c.Dir = cmd.Args, cmd.Env, cmd.Dir
	c.Stdin, c.Stdout, c.Stderr, c.ExtraFiles = cmd.Stdin, cmd.Stdout, cmd.Stderr, cmd.ExtraFiles
	return c
}

// exitError adds to err, the end of a page program, that it ran out of
// memory, when its limit says so (the kernel killed it) or its crash
// report does (crash is the report's first line: the Go runtime says
// "fatal error: out of memory" when the system refuses it memory).
func (m *memLimit) exitError(err error, exceeded bool, crash string) error {
	if m == nil || err == nil {
		return err
	}
	if exceeded || strings.HasPrefix(crash, "fatal error: ") && strings.Contains(crash, "out of memory") {
		return fmt.Errorf("%w: out of memory (page memory %s)", err, bytesize.Size(m.bytes))
	}
	return err
}

//go:build !linux

package serve

import "os/exec"

// physicalMemory returns 0: the machine's memory is read on Linux only.
func physicalMemory() int64 { return 0 }

// start starts cmd: outside Linux the limit is only the Go runtime's
// GOMEMLIMIT.
func (m *memLimit) start(cmd *exec.Cmd, name string) (*exec.Cmd, error) {
	return cmd, cmd.Start()
}

// release reports false: nothing enforces the limit.
func (m *memLimit) release() bool { return false }

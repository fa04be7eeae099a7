//go:build unix && !linux

package serve

import (
	"os/exec"
	"syscall"
)

// startNiced starts cmd at a lower CPU priority than the server's (buildNice
// more, as nice(1) does), so that page builds take the CPU the page
// programs and the server leave. Outside Linux the priority is the
// process's, set right after the start: the processes the go command
// started by then (none, or nearly) keep the server's.
func startNiced(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	if prio, err := syscall.Getpriority(syscall.PRIO_PROCESS, cmd.Process.Pid); err == nil {
		syscall.Setpriority(syscall.PRIO_PROCESS, cmd.Process.Pid, min(prio+buildNice, 20))
	}
	return nil
}

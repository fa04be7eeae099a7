package serve

import (
	"os/exec"
	"runtime"
	"syscall"
)

// startNiced starts cmd at a lower CPU priority than the server's (buildNice
// more, as nice(1) does), and with it every process cmd starts: the
// compiler and the linker under go build. Page builds then take the CPU
// the page programs and the server leave, and a rebuild does not slow the
// serving of the page's last good program much.
//
// Linux keeps the priority per thread, and a new process inherits the one
// of the thread that forks it: setting the go command's priority after it
// started would miss the threads it made already, and whatever they
// start. So cmd is started from a thread of ours whose priority is lowered
// first; the thread is never used again (raising the priority back takes
// a privilege), as it ends with the goroutine that stays locked to it.
func startNiced(cmd *exec.Cmd) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // and never unlocked: the thread ends with the goroutine
		tid := syscall.Gettid()
		// The raw system call returns 20 - nice.
		if prio, err := syscall.Getpriority(syscall.PRIO_PROCESS, tid); err == nil {
			// Best effort: at worst the build runs at the server's priority.
			syscall.Setpriority(syscall.PRIO_PROCESS, tid, min(20-prio+buildNice, 19))
		}
		errc <- cmd.Start()
	}()
	return <-errc
}

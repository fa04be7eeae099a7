package handoff

import (
	"encoding/binary"
	"net"
	"syscall"
	"unsafe"
)

// streamCounts returns how many bytes have been written to the TCP
// connection c since it opened, and how many read from it, by any process
// holding it. It reports false when the system cannot tell (not TCP,
// closed).
func streamCounts(c net.Conn) (written, read int64, ok bool) {
	sc, isSys := c.(syscall.Conn)
	if !isSys {
		return 0, 0, false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, 0, false
	}
	raw.Control(func(fd uintptr) { written, read, ok = fdCounts(int(fd)) })
	return written, read, ok
}

// fdCounts is streamCounts of the TCP socket fd.
func fdCounts(fd int) (written, read int64, ok bool) {
	// struct tcp_info: tcpi_bytes_acked and tcpi_bytes_received are the
	// uint64s at offsets 120 and 128 (Linux 4.1 and later); a shorter
	// answer is an older kernel.
	var info [232]byte
	size := uint32(len(info))
	_, _, e := syscall.Syscall6(syscall.SYS_GETSOCKOPT, uintptr(fd), syscall.IPPROTO_TCP, syscall.TCP_INFO,
		uintptr(unsafe.Pointer(&info[0])), uintptr(unsafe.Pointer(&size)), 0)
	if e != 0 || size < 136 {
		return 0, 0, false
	}
	acked := int64(binary.NativeEndian.Uint64(info[120:]))
	received := int64(binary.NativeEndian.Uint64(info[128:]))
	// SIOCOUTQ: written and not yet acknowledged; SIOCINQ: received and
	// not yet read.
	var outq, inq int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TIOCOUTQ, uintptr(unsafe.Pointer(&outq))); e != 0 {
		return 0, 0, false
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TIOCINQ, uintptr(unsafe.Pointer(&inq))); e != 0 {
		return 0, 0, false
	}
	return acked + int64(outq), received - int64(inq), true
}

// dupCloexec returns a new descriptor of fd's socket, closed on exec (the
// page programs the server starts must not inherit it), or -1.
func dupCloexec(fd int) int {
	nfd, _, e := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_DUPFD_CLOEXEC, 0)
	if e != 0 {
		return -1
	}
	return int(nfd)
}

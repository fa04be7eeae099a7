package loadcheck

// Names of the environment variables PageSource reads. gowebob serve
// passes its own environment on to the page programs it starts, so they
// are set on the server.
const (
	// RecordEnv names the record file the page appends every request's
	// id to. The page writes its pid to the same name plus ".pid".
	RecordEnv = "LOADCHECK_RECORD"
	// ExitEveryEnv, when it is a number N > 0, makes the page exit on
	// every Nth request it handles.
	ExitEveryEnv = "LOADCHECK_EXIT_EVERY"
)

// IDHeader is the request header that carries a request's id.
const IDHeader = "X-Load-Id"

// PageSource is the Go source of the page Run loads: a file for a gowebob
// docroot with func Application(http.ResponseWriter, *http.Request).
//
// On every request it first appends the request's X-Load-Id and a newline
// to the file $LOADCHECK_RECORD, in one write system call on a descriptor
// opened once with O_APPEND, so that what it recorded survives the process
// dying by os.Exit or SIGKILL. Then, when LOADCHECK_EXIT_EVERY is N > 0, it
// calls os.Exit(1) on every Nth request it has handled; otherwise it
// answers 200 with "ok ID\n" to a GET and "posted V\n" to a POST, V being
// the form value "id". Its init writes the process's pid to
// $LOADCHECK_RECORD.pid (through a rename, so a reader never sees half a
// number), for a killer to find the current page process.
const PageSource = `// fault.go is the page of the fault load (internal/loadcheck in the gowebob
// repository): it records the id of every request before it does anything
// else with it, and dies on every Nth request when LOADCHECK_EXIT_EVERY=N.
package main

import (
	"io"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"unsafe"
)

var (
	record    []byte // the record file, mapped; nil without LOADCHECK_RECORD
	exitEvery int64
	handled   atomic.Int64
)

// recordSize is the size of the record file: an 8-byte offset of the end
// of the ids written (shared by every process of the page), then the ids.
const recordSize = 64 << 20

func init() {
	exitEvery, _ = strconv.ParseInt(os.Getenv("LOADCHECK_EXIT_EVERY"), 10, 64)
	path := os.Getenv("LOADCHECK_RECORD")
	if path == "" {
		return
	}
	// A page that cannot record would make every failure look never
	// executed: better not to start.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		panic(err)
	}
	if err := f.Truncate(recordSize); err != nil { // the same size for every process: harmless
		panic(err)
	}
	record, err = syscall.Mmap(int(f.Fd()), 0, recordSize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		panic(err)
	}
	f.Close()
	end := (*atomic.Int64)(unsafe.Pointer(&record[0]))
	end.CompareAndSwap(0, 8)
	// Written aside and renamed, so that a killer reading the pid file
	// finds the previous pid or this one, never a part of one.
	pid := strconv.Itoa(os.Getpid())
	tmp := path + ".pid." + pid
	if err := os.WriteFile(tmp, []byte(pid+"\n"), 0o644); err != nil {
		panic(err)
	}
	if err := os.Rename(tmp, path+".pid"); err != nil {
		panic(err)
	}
}

// Application records the request's id, then dies or answers.
func Application(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Load-Id")
	if record != nil {
		// Memory shared with the file, not a write: a store to it cannot
		// be lost or cut short by the process dying (a write system call
		// can: one under way when another goroutine calls os.Exit may
		// return having written nothing), and nothing stands between the
		// start of the page and its record but a few instructions.
		end := (*atomic.Int64)(unsafe.Pointer(&record[0]))
		n := int64(len(id) + 1)
		if off := end.Add(n) - n; off+n <= recordSize {
			// The newline first: a process that dies between the
			// two stores leaves a terminated part of an id, never
			// an unterminated one that would run into the next.
			record[off+n-1] = '\n'
			copy(record[off:], id)
		}
	}
	if exitEvery > 0 && handled.Add(1)%exitEvery == 0 {
		os.Exit(1)
	}
	body := "ok " + id + "\n"
	if r.Method == http.MethodPost {
		body = "posted " + r.PostFormValue("id") + "\n"
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	io.WriteString(w, body)
}
`

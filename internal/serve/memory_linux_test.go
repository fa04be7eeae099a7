package serve

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCgroupDir(t *testing.T) {
	const v2 = "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"
	const hybrid = "35 25 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n" +
		"36 25 0:31 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
	tests := []struct {
		name, cgroup, mountinfo, want string
	}{
		{"v2", "0::/system.slice/site.service\n", v2, "/sys/fs/cgroup/system.slice/site.service"},
		{"v2 root", "0::/\n", v2, "/sys/fs/cgroup"},
		{"hybrid", "4:memory:/x\n1:cpu:/\n0::/\n", hybrid, "/sys/fs/cgroup/unified"},
		{"v1 only", "4:memory:/x\n1:cpu:/\n", "35 25 0:30 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n", ""},
		{"not mounted", "0::/a\n", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n", ""},
		{"bind-mounted subtree", "0::/docker/abc/sub\n",
			"40 30 0:26 /docker/abc /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", "/sys/fs/cgroup/sub"},
		{"outside the mounted subtree", "0::/docker/abcdef\n",
			"40 30 0:26 /docker/abc /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", ""},
		{"escaped mount point", "0::/a\n", "40 30 0:26 / /mnt/my\\040cgroups rw - cgroup2 none rw\n", "/mnt/my cgroups/a"},
		{"optional fields", "0::/a\n", "40 30 0:26 / /c rw shared:1 master:2 - cgroup2 none rw\n", "/c/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, cgroupDir(tt.cgroup, tt.mountinfo), "cgroupDir(%q, %q)", tt.cgroup, tt.mountinfo)
		})
	}
}

func TestCgroupOOMKills(t *testing.T) {
	assert.Equal(t, 0, cgroupOOMKills("low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n"))
	assert.Equal(t, 2, cgroupOOMKills("low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 1\n"))
	assert.Equal(t, 0, cgroupOOMKills(""))
}

func TestDefaultPageMemory(t *testing.T) {
	total := physicalMemory()
	require.Positive(t, total, "MemTotal of /proc/meminfo")
	assert.Equal(t, min(total/4, 1<<30), DefaultPageMemory())
	assert.Equal(t, "GOMEMLIMIT=241591860", goMemLimit(256<<20))
	assert.Equal(t, int64(0), (&Server{PageMemory: -1}).pageMemory(), "negative: no bound")
	assert.Equal(t, int64(5<<20), (&Server{PageMemory: 5 << 20}).pageMemory())
	assert.Equal(t, DefaultPageMemory(), (&Server{}).pageMemory())
}

// hogPage allocates, and touches, 10 GiB on /hog, and tells its limits
// on /limits.
const hogPage = `package main

import (
	"fmt"
	"net/http"
	"os"
	"syscall"
	"time"
)

func Application(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/hog":
		var keep [][]byte
		for range 10 << 10 / 8 {
			b := make([]byte, 8<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			keep = append(keep, b)
			time.Sleep(5 * time.Millisecond)
		}
		fmt.Fprintf(w, "kept %d", len(keep))
		return
	case "/limits":
		var as syscall.Rlimit
		syscall.Getrlimit(syscall.RLIMIT_AS, &as)
		fmt.Fprintf(w, "%s %d %s", os.Getenv("GOMEMLIMIT"), as.Cur, os.Getenv("MALLOC_ARENA_MAX"))
		return
	}
	fmt.Fprintf(w, "pid %d", os.Getpid())
}
`

func TestPageMemory(t *testing.T) {
	dir := docroot(t, map[string]string{"hog.go": hogPage, "other.go": netsPage})
	const limit = 256 << 20
	_, ts, logs := start(t, dir, func(s *Server) { s.PageMemory = limit })
	logsOnFailure(t, logs)

	code, limits := get(t, ts.URL+"/hog/limits")
	require.Equal(t, 200, code)
	if cgroupParent() == "" {
		assert.Equal(t, fmt.Sprintf("241591860 %d 2", limit+addressHeadroom()), limits,
			"GOMEMLIMIT, RLIMIT_AS and MALLOC_ARENA_MAX")
	} else {
		assert.True(t, strings.HasPrefix(limits, "241591860 "), "GOMEMLIMIT: %q", limits)
	}
	first := pid(t, ts.URL+"/hog")
	other := pid(t, ts.URL+"/other")

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	// Another page answers while the hog grows, and after it died.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var meanwhile []string
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			code, body, _, _, err := fetch(t, ts.URL+"/other")
			if err != nil {
				body = err.Error()
			}
			meanwhile = append(meanwhile, fmt.Sprint(code, " ", body))
		}
	}()
	code, body, _, _, err := fetch(t, ts.URL+"/hog/hog")
	close(stop)
	wg.Wait()
	require.NoError(t, err)
	assert.Equal(t, 502, code, "the request that ran the program out of memory: %q", body)
	assert.NotEmpty(t, meanwhile)
	for i, got := range meanwhile {
		assert.Equal(t, "200 "+other, got, "another page, meanwhile (request %d)", i)
	}

	assert.NotEqual(t, first, pid(t, ts.URL+"/hog"), "the page starts again")
	assert.Equal(t, other, pid(t, ts.URL+"/other"), "the other page's program is the same")

	log := logs.String()
	assert.Equal(t, 1, strings.Count(log, `msg="page program exited"`), "the death is logged once")
	assert.Contains(t, log, "out of memory (page memory 256MiB)")

	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	assert.Less(t, int64(after.HeapAlloc)-int64(before.HeapAlloc), int64(32<<20), "the server's memory did not grow")
}

func TestMemoryExitError(t *testing.T) {
	exit := errors.New("exit status 2")
	m := &memLimit{bytes: 256 << 20}
	tests := []struct {
		name     string
		m        *memLimit
		err      error
		exceeded bool
		crash    string
		want     string
	}{
		{"killed by the kernel", m, errors.New("signal: killed"), true, "", "signal: killed: out of memory (page memory 256MiB)"},
		{"refused by the system", m, exit, false, "fatal error: out of memory", "exit status 2: out of memory (page memory 256MiB)"},
		{"older runtimes", m, exit, false, "fatal error: runtime: out of memory", "exit status 2: out of memory (page memory 256MiB)"},
		{"a panic that says so", m, exit, false, "panic: out of memory in my cache", "exit status 2"},
		{"another crash", m, exit, false, "fatal error: concurrent map writes", "exit status 2"},
		{"no limit", nil, exit, false, "fatal error: out of memory", "exit status 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.m.exitError(tt.err, tt.exceeded, tt.crash)
			assert.Equal(t, tt.want, got.Error())
			assert.ErrorIs(t, got, tt.err)
		})
	}
	assert.NoError(t, m.exitError(nil, false, ""), "a clean exit")
}

package serve

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/handoff"
	"github.com/gowebob/gowebob/internal/pageproto"
)

// fakePageEnv makes the test binary play a page program (see TestMain):
// "hello=N" says hello with version N and waits; "exit" exits at once.
const fakePageEnv = "GOWEBOB_TEST_FAKE_PAGE"

func TestMain(m *testing.M) {
	switch v := os.Getenv(fakePageEnv); {
	case v == "exit":
		os.Exit(3)
	case len(v) > 6 && v[:6] == "hello=":
		ctl, err := handoff.Open(os.NewFile(pageproto.HandoffFD, "handoff"))
		if err != nil {
			os.Exit(4)
		}
		version := 0
		for _, c := range v[6:] {
			version = version*10 + int(c-'0')
		}
		handoff.Send(ctl, pageproto.AppendIndex([]byte{pageproto.MsgHello}, version), nil)
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestStartChildChecksTheProtocol starts programs that are not what this
// server speaks: the version check at start refuses them, never a silent
// mismatch.
func TestStartChildChecksTheProtocol(t *testing.T) {
	for _, tc := range []struct {
		fake string
		want error
	}{
		{"hello=99", errProtocol},
		{"hello=1", errProtocol},
		{"exit", errChildStart},
	} {
		t.Run(tc.fake, func(t *testing.T) {
			dir := t.TempDir()
			exited := make(chan struct{})
			_, err := startChild(context.Background(), childSpec{
				bin: os.Args[0], key: "k", sock: filepath.Join(dir, "s.sock"), page: "p.go", dir: dir,
				env: append(os.Environ(), fakePageEnv+"="+tc.fake), log: slog.New(slog.DiscardHandler),
				sockDir: dir,
				back:    func(*handoff.Conn) {}, recycle: func(*child, string) {},
				exit: func(*child, handoff.Reclaimed, error) { close(exited) },
			})
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				t.Fatal("the refused program is still running")
			}
		})
	}
}

package handoff

import (
	"net"
	"sync"
	"time"
)

// Listener is a net.Listener whose Accept returns the connections of an
// inner listener (if any) and the ones handed over with Inject. Closing it
// closes the inner listener; connections injected after that go to Reject.
type Listener struct {
	inner  net.Listener
	reject func(net.Conn)
	conns  chan net.Conn
	done   chan struct{}

	startOnce sync.Once
	accepted  chan acceptResult
	closeOnce sync.Once

	mu       sync.Mutex
	entered  int64 // Accept calls begun
	returned int64 // Accept calls ended
}

type acceptResult struct {
	c   net.Conn
	err error
}

// NewListener returns a Listener over inner (nil for one that only takes
// injected connections). reject receives each connection injected once the
// listener is closed; nil closes them.
func NewListener(inner net.Listener, reject func(net.Conn)) *Listener {
	if reject == nil {
		reject = func(c net.Conn) { c.Close() }
	}
	return &Listener{inner: inner, reject: reject, conns: make(chan net.Conn), done: make(chan struct{}),
		accepted: make(chan acceptResult)}
}

// Inject hands c to the next Accept, waiting for it; after Close it gives
// c to the reject function instead.
func (l *Listener) Inject(c net.Conn) {
	select {
	case <-l.done:
		l.reject(c)
		return
	default:
	}
	select {
	case l.conns <- c:
	case <-l.done:
		l.reject(c)
	}
}

// Accept returns the next connection, injected or from the inner listener.
func (l *Listener) Accept() (net.Conn, error) {
	if l.inner != nil {
		l.startOnce.Do(func() { go l.acceptInner() })
	}
	l.mu.Lock()
	l.entered++
	l.mu.Unlock()
	var c net.Conn
	var err error
	select {
	case c = <-l.conns:
	case r := <-l.accepted:
		c, err = r.c, r.err
	case <-l.done:
		err = net.ErrClosed
	}
	l.mu.Lock()
	l.returned++
	l.mu.Unlock()
	return c, err
}

// acceptInner passes on the inner listener's connections and errors until
// it fails for good.
func (l *Listener) acceptInner() {
	for {
		c, err := l.inner.Accept()
		select {
		case l.accepted <- acceptResult{c, err}:
		case <-l.done:
			if c != nil {
				c.Close()
			}
			return
		}
		if err != nil {
			if ne, ok := err.(interface{ Temporary() bool }); !ok || !ne.Temporary() {
				return
			}
		}
	}
}

// Settle waits (at most a second) until every connection Accept returned
// has been taken up by its server: net/http registers a connection before
// it calls Accept again, so a Shutdown after Settle waits for it.
func (l *Listener) Settle() {
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		l.mu.Lock()
		settled := l.entered > l.returned
		l.mu.Unlock()
		if settled {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// Close stops the listener.
func (l *Listener) Close() error {
	var err error
	l.closeOnce.Do(func() {
		close(l.done)
		if l.inner != nil {
			err = l.inner.Close()
		}
	})
	return err
}

// Addr returns the inner listener's address, or a unix one.
func (l *Listener) Addr() net.Addr {
	if l.inner != nil {
		return l.inner.Addr()
	}
	return &net.UnixAddr{Name: "handoff", Net: "unix"}
}

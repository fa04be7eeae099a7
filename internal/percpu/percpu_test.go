package percpu

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/internal/testutil"
)

func TestNewIndex(t *testing.T) {
	assert.Equal(t, runtime.GOMAXPROCS(0), NewIndex(0).N(), "GOMAXPROCS by default")
	assert.Equal(t, 3, NewIndex(3).N())
	assert.Equal(t, runtime.GOMAXPROCS(0), NewIndex(-1).N())
}

// TestIndexGet: every index is in range, from any number of goroutines,
// and adds made at them sum to the number made.
func TestIndexGet(t *testing.T) {
	for _, n := range []int{1, 2, 5} {
		x := NewIndex(n)
		counts := make([]atomic.Int64, n)
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() {
				for range 1000 {
					i := x.Get()
					if i < 0 || i >= n {
						t.Errorf("Get() = %d, not in [0, %d)", i, n)
						return
					}
					counts[i].Add(1)
				}
			})
		}
		wg.Wait()
		var sum int64
		for i := range counts {
			sum += counts[i].Load()
		}
		assert.Equal(t, int64(16*1000), sum, "n=%d", n)
	}
}

// TestIndexSameP: on one P, Get returns one index nearly every time,
// however many goroutines take turns on it (a goroutine preempted between
// the pool's Get and Put makes the next one take another).
func TestIndexSameP(t *testing.T) {
	if testutil.Race {
		t.Skip("the race detector makes sync.Pool drop what it is given")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	x := NewIndex(4)
	var wg sync.WaitGroup
	seen := make(chan int, 4000)
	for range 4 {
		wg.Go(func() {
			for range 1000 {
				seen <- x.Get()
			}
		})
	}
	wg.Wait()
	close(seen)
	counts := map[int]int{}
	for i := range seen {
		counts[i]++
	}
	most := 0
	for _, c := range counts {
		most = max(most, c)
	}
	assert.GreaterOrEqual(t, most, 3900, "the same index; got %v", counts)
}

// TestIndexGetAllocs: once the Ps have their index, Get allocates nothing.
func TestIndexGetAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	x := NewIndex(0)
	x.Get()
	assert.Zero(t, testing.AllocsPerRun(1000, func() { x.Get() }))
}

// BenchmarkAdd is the case for the package: every goroutine adds to one
// counter shared by all processors, or to its processor's own. Run it with
// -cpu 1,2,4: the shared counter's cost grows with the processors.
func BenchmarkAdd(b *testing.B) {
	b.Run("shared", func(b *testing.B) {
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				n.Add(1)
			}
		})
	})
	b.Run("per processor", func(b *testing.B) {
		x := NewIndex(0)
		cells := make([]struct {
			n atomic.Int64
			_ [CacheLinePad - 8]byte
		}, x.N())
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				cells[x.Get()].n.Add(1)
			}
		})
	})
}

// Package parallel runs the iterations of a loop on several goroutines.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0), …, f(n-1), up to workers of them at once, and returns
// when all have returned. The calls take the indexes in order, but may
// end in any order.
func For(n, workers int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, max(workers, 1)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// OnCPUs is For with one worker per CPU (GOMAXPROCS): for loops that
// compute rather than wait.
func OnCPUs(n int, f func(i int)) { For(n, runtime.GOMAXPROCS(0), f) }

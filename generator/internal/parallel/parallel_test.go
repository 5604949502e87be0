package parallel

import (
	"sync/atomic"
	"testing"
)

// TestFor checks that every index is called once, with no more calls at
// once than workers.
func TestFor(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {7, 1}, {100, 3}, {5, 0}} {
		counts := make([]atomic.Int32, tc.n)
		var running, most atomic.Int32
		For(tc.n, tc.workers, func(i int) {
			r := running.Add(1)
			for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
			}
			counts[i].Add(1)
			running.Add(-1)
		})
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("n=%d workers=%d: f(%d) called %d times", tc.n, tc.workers, i, c)
			}
		}
		if m := most.Load(); m > int32(max(tc.workers, 1)) {
			t.Errorf("n=%d workers=%d: %d calls at once", tc.n, tc.workers, m)
		}
	}
}

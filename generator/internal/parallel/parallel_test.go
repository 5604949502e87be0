package parallel

import (
	"strings"
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

// TestForRaisesPanicInCaller checks that a panic in a worker reaches the
// caller's goroutine, where it can be recovered, with its value and the
// code that panicked, and that the workers then stop (one worker takes
// no index after the one that panicked).
func TestForRaisesPanicInCaller(t *testing.T) {
	for _, workers := range []int{1, 4} {
		var calls atomic.Int32
		got := func() (p *Panic) {
			defer func() {
				v := recover()
				p, _ = v.(*Panic)
				if p == nil {
					t.Fatalf("workers=%d: recovered %#v, want a *Panic", workers, v)
				}
			}()
			For(1000, workers, func(i int) {
				calls.Add(1)
				if i == 3 {
					var m map[string]int
					m["x"] = i // a runtime error, as a parser bug would raise
				}
			})
			return nil
		}()
		if !strings.Contains(got.Error(), "assignment to entry in nil map") ||
			!strings.Contains(got.Where, "parallel.TestForRaisesPanicInCaller") ||
			!strings.Contains(got.Where, "generator/internal/parallel/parallel_test.go:") {
			t.Errorf("workers=%d: panic %q at %q", workers, got.Error(), got.Where)
		}
		if c := calls.Load(); workers == 1 && c != 4 {
			t.Errorf("workers=%d: %d calls after a panic at the 4th", workers, c)
		}
	}
}

// TestCaughtKeepsValue checks that a value raised again keeps where it
// was first raised, and that a plain panic value is described.
func TestCaughtKeepsValue(t *testing.T) {
	p := &Panic{Value: "boom", Where: "f x.go:1"}
	if Caught(p) != p {
		t.Error("Caught wrapped a *Panic again")
	}
	if got := p.Error(); got != "boom (at f x.go:1)" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&Panic{Value: 7}).Error(); got != "7" {
		t.Errorf("Error() without Where = %q", got)
	}
}

// Package parallel runs the iterations of a loop on several goroutines.
package parallel

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// For calls f(0), …, f(n-1), up to workers of them at once, and returns
// when all have returned. The calls take the indexes in order, but may
// end in any order.
//
// A panic in a worker goroutine would end the process, out of reach of
// any recover: if a call panics, the workers take no more indexes and,
// once they have all returned, For panics in the caller's goroutine with
// a *Panic (the first one), which the caller may recover.
func For(n, workers int, f func(i int)) {
	var next atomic.Int64
	var stop atomic.Bool
	var first atomic.Pointer[Panic]
	var wg sync.WaitGroup
	for range min(n, max(workers, 1)) {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					stop.Store(true)
					first.CompareAndSwap(nil, Caught(v))
				}
			}()
			for i := int(next.Add(1) - 1); i < n && !stop.Load(); i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
	if p := first.Load(); p != nil {
		panic(p)
	}
}

// OnCPUs is For with one worker per CPU (GOMAXPROCS): for loops that
// compute rather than wait.
func OnCPUs(n int, f func(i int)) { For(n, runtime.GOMAXPROCS(0), f) }

// Panic is a recovered panic: its value, and where it was raised.
type Panic struct {
	Value any
	// Where is the function and the file:line that panicked, or "" if
	// unknown.
	Where string
}

// Error describes the panic: "value (at function file:line)".
func (p *Panic) Error() string {
	if p.Where == "" {
		return fmt.Sprint(p.Value)
	}
	return fmt.Sprintf("%v (at %s)", p.Value, p.Where)
}

// Caught makes a Panic of v, the value of a recover. It must be called by
// the deferred function that recovered, for Where to find the code that
// panicked on the stack; a v that is a *Panic already is returned as it
// is.
func Caught(v any) *Panic {
	if p, ok := v.(*Panic); ok {
		return p
	}
	return &Panic{Value: v, Where: panicSite()}
}

// panicSite is the first frame below the runtime's panic on the stack of
// a deferred function that recovered: the code that panicked.
func panicSite() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	seenPanic := false
	for {
		fr, more := frames.Next()
		switch {
		case fr.Function == "runtime.gopanic" || fr.Function == "runtime.panicmem" || strings.HasPrefix(fr.Function, "runtime.panic"):
			seenPanic = true
		case seenPanic && !strings.HasPrefix(fr.Function, "runtime."):
			return fmt.Sprintf("%s %s:%d", fr.Function, trimPath(fr.File), fr.Line)
		}
		if !more {
			return ""
		}
	}
}

// trimPath keeps the part of a source file's path from the module's
// generator/ directory on, which is the same on every machine.
func trimPath(file string) string {
	if i := strings.LastIndex(file, "/generator/"); i >= 0 {
		return file[i+1:]
	}
	return file
}

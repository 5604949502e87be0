// Package heaptest measures the peak heap of a function, for the memory
// tests and benchmarks of the readers (bytes in → peak heap). Tests only.
package heaptest

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// PeakHeap runs f and returns the most heap its objects took meanwhile
// above what they took before, sampled every 50 µs. The garbage collector
// runs with GOGC=10 meanwhile, so that dead objects add at most about 10%
// to the live peak.
func PeakHeap(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	base := heapObjects()
	var peak atomic.Uint64
	peak.Store(base)
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if h := heapObjects(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Microsecond):
			}
		}
	}()
	f()
	if h := heapObjects(); h > peak.Load() {
		peak.Store(h)
	}
	close(done)
	<-sampled
	return peak.Load() - base
}

// heapObjects is the heap memory taken by objects, live or not yet swept.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

package build

import (
	"os"
	"runtime/debug"
)

// The soft limit a build puts on the Go heap, unless GOMEMLIMIT sets
// one: a floor plus a multiple of the size of the content. A build's live
// data is about 3.5 times the content (the parsed documents, then the
// search index as it grows); by default the collector lets the heap grow
// to twice the live data, so a 10,000-report build peaked at 2 GB. With
// the limit the collector works harder instead, at little cost in time,
// and the peak stays near the limit (0.93 GB for those 10,000 reports).
// When the live data outgrows the limit, the collector's share of the CPU
// is capped and the build goes on, more slowly.
const (
	memoryFloor          = 256 << 20
	memoryPerContentByte = 4
)

// setMemoryLimit sets the heap's soft limit for contentBytes of content,
// unless the environment sets GOMEMLIMIT. It returns the limit in force.
func setMemoryLimit(contentBytes int64) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	limit := memoryFloor + memoryPerContentByte*contentBytes
	debug.SetMemoryLimit(limit)
	return limit
}

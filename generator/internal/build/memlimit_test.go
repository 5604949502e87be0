package build

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestSetMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOMEMLIMIT", "")
	debug.SetMemoryLimit(math.MaxInt64)
	if got, want := setMemoryLimit(100<<20), int64(memoryFloor+memoryPerContentByte*(100<<20)); got != want || debug.SetMemoryLimit(-1) != want {
		t.Errorf("limit for 100 MiB of content = %d, want %d", got, want)
	}
	// A limit the user set is left alone.
	t.Setenv("GOMEMLIMIT", "3GiB")
	debug.SetMemoryLimit(3 << 30)
	if got := setMemoryLimit(100 << 20); got != 3<<30 || debug.SetMemoryLimit(-1) != 3<<30 {
		t.Errorf("GOMEMLIMIT=3GiB: limit %d", got)
	}
}

package tomlpos

import (
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/heaptest"
)

// bombs are the texts of the attack on issue #14, at full size.
var bombs = []struct{ name, src string }{
	{"metadata", "title = \"鲁山县信访局2024年度报告\"\nagency = \"信访局\"\ncounty = \"鲁山县\"\nyear = 2024\n[metrics]\npetitions_total = 1927\n"},
	{"30000-keys", manyKeys(30_000)},
	{"inline-200000-deep", "x = " + strings.Repeat("{a=", 200_000) + "1" + strings.Repeat("}", 200_000) + "\n"},
	{"header-500000-deep", "[" + strings.Repeat("a.", 500_000) + "a]\n"},
	{"key-of-32-parts-of-30KB", strings.Repeat(strings.Repeat("k", 30_000)+".", 31) + "k = 1\n"},
}

func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	return b.String()
}

// TestNewIndexBounded checks that indexing a hostile text for positions
// (Problem, KeyPos: no limits given) takes memory in proportion to it.
func TestNewIndexBounded(t *testing.T) {
	for _, b := range bombs {
		peak := heaptest.PeakHeap(func() { KeyPos("f", []byte(b.src), toml.Key{"a"}) })
		if peak > 64*uint64(len(b.src))+1<<20 {
			t.Errorf("%s: %d bytes took %d bytes of heap", b.name, len(b.src), peak)
		}
	}
}

// BenchmarkScan scans the texts of the attack with the limits of metadata
// and without, reporting the bytes in and the peak heap.
func BenchmarkScan(b *testing.B) {
	for _, lim := range []struct {
		name string
		lim  Limits
	}{{"limits", limits}, {"index", Limits{Depth: 64, KeyDepth: 128}}} {
		for _, c := range bombs {
			b.Run(lim.name+"/"+c.name, func(b *testing.B) {
				var peak uint64
				for b.Loop() {
					peak = max(peak, heaptest.PeakHeap(func() { Scan("f", []byte(c.src), 0, lim.lim) }))
				}
				b.ReportMetric(float64(len(c.src))/1e3, "in-kB")
				b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			})
		}
	}
}

// BenchmarkUnknownKeys positions n unknown keys: time in proportion to n
// (it was in n², 204 s for 30,000).
func BenchmarkUnknownKeys(b *testing.B) {
	for _, n := range []int{1000, 10_000, 30_000} {
		src := manyKeys(n)
		var v struct{}
		md, _ := toml.Decode(src, &v)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				ix := NewIndex("f", []byte(src), 0)
				for _, k := range md.Undecoded() {
					ix.KeyPos(k)
				}
			}
			b.ReportMetric(float64(len(src))/1e3, "in-kB")
		})
	}
}

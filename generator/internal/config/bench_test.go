package config

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"portal/generator/internal/heaptest"
)

// BenchmarkParsePeakHeap reads config.toml, this repository's and hostile
// ones, reporting the bytes in and the peak heap.
func BenchmarkParsePeakHeap(b *testing.B) {
	repo, err := os.ReadFile("../../../config.toml")
	if err != nil {
		b.Fatal(err)
	}
	keys := func(n int) string {
		var s strings.Builder
		s.WriteString("title = \"t\"\n")
		for i := range n {
			fmt.Fprintf(&s, "k%d = 1\n", i)
		}
		return s.String()
	}
	for _, c := range []struct{ name, src string }{
		{"repository", string(repo)},
		{"9999-unknown-keys", keys(9_998)},
		{"30000-keys", keys(30_000)},
		{"inline-200000-deep", "title = \"t\"\nx = " + strings.Repeat("{a=", 200_000) + "1" + strings.Repeat("}", 200_000) + "\n"},
		{"header-500000-deep", "title = \"t\"\n[" + strings.Repeat("a.", 500_000) + "a]\n"},
		{"key-of-32-parts-of-30KB", "title = \"t\"\n" + strings.Repeat(strings.Repeat("k", 30_000)+".", 31) + "k = 1\n"},
		{"menu-of-350000-tables", "title = \"t\"\nmenu = [" + strings.Repeat("{},", 350_000) + "]\n"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				peak = max(peak, heaptest.PeakHeap(func() { Parse("c.toml", []byte(c.src)) }))
			}
			b.ReportMetric(float64(len(c.src))/1e3, "in-kB")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
}

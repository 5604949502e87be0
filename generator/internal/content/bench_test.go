package content

import (
	"fmt"
	"strings"
	"testing"

	"portal/generator/internal/heaptest"
)

// BenchmarkParseMetaPeakHeap reads metadata, plausible and hostile,
// reporting the bytes in and the peak heap: the attack's texts took
// 204 s, 22.7 GB and 15 GB before they were refused undecoded.
func BenchmarkParseMetaPeakHeap(b *testing.B) {
	keys := func(n int) string {
		var s strings.Builder
		for i := range n {
			fmt.Fprintf(&s, "k%d = 1\n", i)
		}
		return s.String()
	}
	// The costliest text within the limits: 60 keys of 31 parts, each
	// below 15 inline tables.
	var within strings.Builder
	within.WriteString(goodMeta)
	for i := range 60 {
		fmt.Fprintf(&within, "x%d = %s1%s\n", i, strings.Repeat("{a.b = ", 15), strings.Repeat("}", 15))
	}
	for _, c := range []struct{ name, src string }{
		{"plausible", goodMeta + "summary = \"" + strings.Repeat("本年度", 200) + "\"\n[metrics]\npetitions_total = 1927\nsatisfaction_rate = 98.5\n"},
		{"costliest-within-limits", within.String()},
		{"999-unknown-keys", goodMeta + keys(990)},
		{"30000-keys", goodMeta + keys(30_000)},
		{"inline-200000-deep", goodMeta + "x = " + strings.Repeat("{a=", 200_000) + "1" + strings.Repeat("}", 200_000) + "\n"},
		{"inline-20000-deep", goodMeta + "x = " + strings.Repeat("{a=", 20_000) + "1" + strings.Repeat("}", 20_000) + "\n"},
		{"header-500000-deep", goodMeta + "[" + strings.Repeat("a.", 500_000) + "a]\n"},
		{"header-30000-deep", goodMeta + "[" + strings.Repeat("a.", 30_000) + "a]\n"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				peak = max(peak, heaptest.PeakHeap(func() { parseMeta("m.toml", []byte(c.src), 0, 2026) }))
			}
			b.ReportMetric(float64(len(c.src))/1e3, "in-kB")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
}

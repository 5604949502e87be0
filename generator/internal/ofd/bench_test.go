package ofd

import (
	"os"
	"path/filepath"
	"testing"

	"portal/generator/internal/heaptest"
	"portal/generator/internal/layout"
)

// BenchmarkRead reads doc1File.ofd (11 pages) and lays it out, and
// reports pages a second and the peak heap of one read and layout
// (heaptest.PeakHeap):
//
//	go test ./generator/internal/ofd -run '^$' -bench Read
func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(samples, "doc1File.ofd"))
	if err != nil {
		b.Fatal(err)
	}
	read := func() int {
		pages, err := Read(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := layout.Lay(pages); err != nil {
			b.Fatal(err)
		}
		return len(pages)
	}
	pages := 0
	peak := heaptest.PeakHeap(func() { pages = read() })
	b.ReportAllocs()
	for b.Loop() {
		read()
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

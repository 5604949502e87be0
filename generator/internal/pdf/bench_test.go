package pdf

import (
	"path/filepath"
	"testing"

	"portal/generator/internal/heaptest"
)

// BenchmarkRead reads the five seed PDFs (17 pages) and reports pages a
// second and the peak heap of reading them, the engine's instance
// included (heaptest.PeakHeap):
//
//	go test ./generator/internal/pdf -run '^$' -bench 'Read|Startup' -benchtime 3x
func BenchmarkRead(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(testdata, "00*.pdf"))
	var docs [][]byte
	for _, f := range files {
		docs = append(docs, readFile(b, filepath.Base(f)))
	}
	if _, err := engine(); err != nil {
		b.Fatal(err)
	}
	pages := 0
	peak := heaptest.PeakHeap(func() {
		for _, d := range docs {
			p, err := Read(d)
			if err != nil {
				b.Fatal(err)
			}
			pages += len(p)
		}
	})
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Read(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

// BenchmarkStartup starts the engine, as the first PDF of a process does,
// and reports the peak heap of it.
func BenchmarkStartup(b *testing.B) {
	var peak uint64
	for b.Loop() {
		peak = max(peak, heaptest.PeakHeap(func() {
			pool, err := newEngine()
			if err != nil {
				b.Fatal(err)
			}
			pool.Close()
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

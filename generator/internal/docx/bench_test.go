package docx

import (
	"testing"

	"portal/generator/internal/docx/docxtest"

	"portal/generator/internal/heaptest"
)

// BenchmarkReadPeakHeap reads plausible reports of 100 and 300 pages
// and each hostile file, and reports the bytes in (the .docx) and the
// peak heap of one Read (heaptest.PeakHeap: sampled, with GOGC=10):
//
//	go test ./generator/internal/docx -run '^$' -bench ReadPeakHeap -benchtime 1x
func BenchmarkReadPeakHeap(b *testing.B) {
	cases := []hostileCase{
		{name: "report-100-pages", data: func() []byte { return docxtest.Document(docxtest.ReportBody(100)) }},
		{name: "report-300-pages", data: func() []byte { return docxtest.Document(docxtest.ReportBody(300)) }},
	}
	for _, c := range append(cases, hostileCases...) {
		b.Run(c.name, func(b *testing.B) {
			data := c.data()
			var peak uint64
			var err error
			for b.Loop() {
				peak = max(peak, heaptest.PeakHeap(func() { _, err = Read(data) }))
			}
			if (err == nil) != (c.want == nil) {
				b.Fatalf("got %v, want %v", err, c.want)
			}
			b.ReportMetric(float64(len(data))/1e3, "in-kB")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
}

// BenchmarkRead reads a plausible report of 300 pages (7 MB of XML).
func BenchmarkRead(b *testing.B) {
	data := docxtest.Document(docxtest.ReportBody(300))
	b.SetBytes(int64(len(docxtest.Body(docxtest.ReportBody(300)))))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
}

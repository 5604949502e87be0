package layout

import (
	"testing"

	"portal/generator/internal/heaptest"
)

// benchPages is a 20-page report: paragraphs across page breaks, page
// numbers, a running header.
func benchPages() []Page {
	ts := newTypeset()
	for len(ts.pages) < 20 {
		ts.para(long + long)
	}
	ts.footer("— # —")
	ts.header("鲁山县信访局2024年度法治政府建设情况报告")
	return ts.pages
}

// BenchmarkLay lays out a 20-page report and reports pages a second and
// the peak heap of one Lay (heaptest.PeakHeap):
//
//	go test ./generator/internal/layout -run '^$' -bench Lay
func BenchmarkLay(b *testing.B) {
	pages := benchPages()
	peak := heaptest.PeakHeap(func() {
		if _, err := Lay(pages); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Lay(pages); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

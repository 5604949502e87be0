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

// BenchmarkLayHostile lays out 100,000 one-glyph lines, each starting a
// little right of the one before, so that every half em holds almost a
// tenth of them: the column's margins must be found in time linear in the
// lines (a search from each line took 1e9 steps).
func BenchmarkLayHostile(b *testing.B) {
	var runs []Run
	for i := range 100_000 {
		runs = append(runs, Run{X: 50 + float64(i)*0.00051, Y: float64(i) * 12, W: 10, Size: 10, Text: "字"})
	}
	pages := []Page{{W: 1e6, H: 1.2e6, Runs: runs}}
	for b.Loop() {
		if _, err := Lay(pages); err != nil {
			b.Fatal(err)
		}
	}
}

package docx

import (
	"testing"

	"portal/generator/internal/docx/docxtest"
)

// BenchmarkReadPeakHeap reads a plausible report and hostile files and
// reports the bytes in (the .docx), the XML they expand to, and the peak
// heap of one Read.
func BenchmarkReadPeakHeap(b *testing.B) {
	cases := []struct {
		name string
		data []byte
		xml  int
	}{
		{"report-100-pages", docxtest.Document(docxtest.ReportBody(100)), len(docxtest.Body(docxtest.ReportBody(100)))},
		{"report-1000-pages", docxtest.Document(docxtest.ReportBody(1000)), len(docxtest.Body(docxtest.ReportBody(1000)))},
		{"tiny-paragraphs-45MB", docxtest.Repeated(docxtest.TinyParagraph, 45<<20), 45 << 20},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				peak = max(peak, docxtest.PeakHeap(func() { Read(c.data) }))
			}
			b.ReportMetric(float64(len(c.data))/1e3, "in-kB")
			b.ReportMetric(float64(c.xml)/1e6, "xml-MB")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
}

package document

import (
	"strings"
	"testing"

	"portal/generator/internal/docx/docxtest"

	"portal/generator/internal/heaptest"
)

// BenchmarkParseDocxPeakHeap parses .docx files, plausible and hostile,
// and renders their HTML, and reports the bytes in (the .docx), the
// blocks and the peak heap (heaptest.PeakHeap: sampled, with GOGC=10):
//
//	go test ./generator/internal/document -run '^$' -bench ParseDocxPeakHeap -benchtime 1x
func BenchmarkParseDocxPeakHeap(b *testing.B) {
	cases := []struct {
		name string
		data func() []byte
	}{
		{"report-100-pages", func() []byte { return docxtest.Document(docxtest.ReportBody(100)) }},
		{"report-300-pages", func() []byte { return docxtest.Document(docxtest.ReportBody(300)) }},
		{"49000-sentences", func() []byte { return storedDocx(strings.Repeat(docxPara("一。"), 49000)) }},
		{"49000-cut-paragraphs", func() []byte { return storedDocx(docxPara("字") + strings.Repeat(docxPara("”"), 49000)) }},
		{"49000-dashes", func() []byte { return storedDocx(strings.Repeat(docxPara("－"), 49000)) }},
		{"4500-paragraphs-joined", func() []byte { return storedDocx(strings.Repeat(docxPara(strings.Repeat("字", 300)), 4500)) }},
		{"headers-on-1000-rows", func() []byte { return storedDocx(headerTable(strings.Repeat("长", 1000), 1000)) }},
		{"headers-on-15000-rows", func() []byte { return storedDocx(headerTable(strings.Repeat("长", 100000), 15000)) }},
		{"tables-300000-deep", func() []byte { return storedDocx(docxtest.NestedTables(300000)) }},
		{"tiny-paragraphs-45MB", func() []byte { return docxtest.Repeated(docxtest.TinyParagraph, 45<<20) }},
		{"tiny-paragraphs-30MB", func() []byte {
			return docxtest.Stored(docxtest.RepeatedPart("word/document.xml", docxtest.TinyParagraph, 30<<20))
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			data := c.data()
			var peak uint64
			blocks := 0
			for b.Loop() {
				peak = max(peak, heaptest.PeakHeap(func() {
					d, _ := ParseDocx("x.docx", data)
					d.HTML()
					blocks = len(d.Blocks)
				}))
			}
			b.ReportMetric(float64(len(data))/1e3, "in-kB")
			b.ReportMetric(float64(blocks), "blocks")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
}

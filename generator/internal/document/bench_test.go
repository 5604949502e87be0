package document

import (
	"strings"
	"testing"
)

// BenchmarkParseTextHTML parses and renders the five seeds as one text.
func BenchmarkParseTextHTML(b *testing.B) {
	var all strings.Builder
	for _, s := range readSeeds(b) {
		all.WriteString(s.src)
		all.WriteString("\n")
	}
	src := all.String()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := ParseText("seeds.txt", src)
		if _, err := d.HTML(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseMarkdownHTML parses and renders the seeds as a Markdown body.
func BenchmarkParseMarkdownHTML(b *testing.B) {
	var all strings.Builder
	for _, s := range readSeeds(b) {
		all.WriteString(s.src)
		all.WriteString("\n\n")
	}
	src := []byte(all.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := ParseMarkdown("seeds.md", src, 0)
		if _, err := d.HTML(); err != nil {
			b.Fatal(err)
		}
	}
}

package metrics

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtract measures extraction throughput on synthetic reports
// (testdata/corpus), counting the bytes of passage text; the document
// parser's work is not timed.
func BenchmarkExtract(b *testing.B) {
	files, err := filepath.Glob("testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus: %v", err)
	}
	cat := loadCatalog(b)
	var reports [][]Passage
	var size int64
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		ps := seedPassages(b, f, string(src))
		for _, p := range ps {
			size += int64(len(p.Text))
		}
		reports = append(reports, ps)
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, ps := range reports {
			Extract(cat, ps)
		}
	}
}

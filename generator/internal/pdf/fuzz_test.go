package pdf

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead checks that Read, on any bytes, gives pages or one of its
// errors, and never ends the process.
func FuzzRead(f *testing.F) {
	f.Add(helloPDF(1, ""))
	f.Add(readFile(f, "scanned.pdf"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF"))
	// The engine starts before the first input, whose time the fuzzer
	// limits to 10 s, from code the first process compiled: otherwise
	// each worker would spend a short campaign compiling it.
	SetCacheDir(filepath.Join(os.TempDir(), "portal-pdf-fuzz-engine"))
	if _, err := engine(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := Read(data)
		if err != nil {
			for _, want := range []error{ErrNotPDF, ErrEncrypted, ErrCorrupt, ErrLimit} {
				if errors.Is(err, want) {
					return
				}
			}
			t.Fatalf("an error of no kind: %v", err)
		}
		if len(pages) == 0 || len(pages) > MaxPages {
			t.Fatalf("%d pages without an error", len(pages))
		}
	})
}

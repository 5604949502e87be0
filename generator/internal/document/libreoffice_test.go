package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLibreOfficeDocxGolden parses each document authored with LibreOffice
// (testdata/docx-lo) and compares its outline and HTML with the golden
// files: the page a reader gets from a real Word file.
func TestLibreOfficeDocxGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/docx-lo/*.docx")
	if len(files) < 2 {
		t.Fatalf("found %d LibreOffice documents, want 2 or more", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, probs := ParseDocx(filepath.Base(f), data)
			if probs.HasErrors() {
				t.Fatal(probs)
			}
			base := strings.TrimSuffix(f, ".docx")
			checkGolden(t, base+".outline.golden", outline(d)+"# problems\n"+probs.String())
			html, err := d.HTML()
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, base+".html.golden", string(html))
		})
	}
}

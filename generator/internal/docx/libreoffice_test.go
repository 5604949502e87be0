package docx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// loTestdata holds documents authored with LibreOffice: each .fodt source,
// the .docx LibreOffice made of it, and LibreOffice's own plain-text
// rendering of that .docx (.lo.txt); see its README.md.
const loTestdata = "../../testdata/docx-lo"

// loDocs returns the paths of the LibreOffice-made .docx test documents.
func loDocs(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(loTestdata, "*.docx"))
	if len(files) < 2 {
		t.Fatalf("found %d LibreOffice documents in %s, want 2 or more", len(files), loTestdata)
	}
	return files
}

// TestLibreOfficeGolden reads each document LibreOffice wrote and compares
// what the reader makes of it with its golden file: heading styles with
// outline numbering, list numbering and its restarts, bold leads by
// character style and direct formatting, tracked changes, a footnote and
// an endnote, text boxes, a table with header rows and merged cells.
func TestLibreOfficeGolden(t *testing.T) {
	for _, f := range loDocs(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			got := dumpWithTables(d)
			checkGolden(t, strings.TrimSuffix(f, ".docx")+".docx.golden", got)
		})
	}
}

// TestLibreOfficeNumbersAgree checks each automatic number the reader
// renders against LibreOffice's own rendering of the same .docx: the
// paragraph, number included, is a line of LibreOffice's text export
// (white space aside).
func TestLibreOfficeNumbersAgree(t *testing.T) {
	for _, f := range loDocs(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lo, err := os.ReadFile(strings.TrimSuffix(f, ".docx") + ".lo.txt")
		if err != nil {
			t.Fatal(err)
		}
		lines := map[string]bool{}
		for _, l := range strings.Split(string(lo), "\n") {
			lines[noSpace(l)] = true
		}
		d, err := Read(data)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, b := range d.Blocks {
			if b.Para == nil || b.Para.Number == "" {
				continue
			}
			n++
			if !lines[noSpace(b.Para.Text)] {
				t.Errorf("%s: %q is not as LibreOffice renders it", filepath.Base(f), b.Para.Text)
			}
		}
		if n < 5 {
			t.Errorf("%s: only %d numbered paragraphs", filepath.Base(f), n)
		}
	}
}

// noSpace drops white space and the byte-order mark.
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// seedDocx returns the .docx LibreOffice made of the seed whose text is
// src (testdata/seeds-docx), or nil if src is not a seed.
func seedDocx(t *testing.T, src []byte) []byte {
	t.Helper()
	seeds, _ := filepath.Glob("testdata/seeds/*.txt")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(b, src) {
			d, err := os.ReadFile(filepath.Join("testdata/seeds-docx", strings.TrimSuffix(filepath.Base(s), ".txt")+".docx"))
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
	}
	return nil
}

// docxContent copies the default content to a temporary directory with
// each seed report's .txt replaced by its .docx.
func docxContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, "../content", dir)
	txts, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.txt"))
	n := 0
	for _, f := range txts {
		src, _ := os.ReadFile(f)
		if d := seedDocx(t, src); d != nil {
			os.Remove(f)
			os.WriteFile(strings.TrimSuffix(f, ".txt")+".docx", d, 0o644)
			n++
		}
	}
	if n != 5 {
		t.Fatalf("replaced %d seed reports by their .docx, want 5", n)
	}
	return dir
}

// downloadRE matches the link to the original file, the one line of a
// report page that names the file's format.
var downloadRE = regexp.MustCompile(`<p class="download">.*</p>`)

// reportBody returns the report page from the title to the end of the
// document's body, with the download link masked.
func reportBody(t *testing.T, page string) string {
	t.Helper()
	start, end := strings.Index(page, "<h1"), strings.Index(page, "</main>")
	if start < 0 || end < start {
		t.Fatal("report page without <h1> or </main>")
	}
	return downloadRE.ReplaceAllString(page[start:end], "<download>")
}

// TestSeedDocxPagesMatchText builds the default content twice, from the
// seeds' plain text and from the .docx LibreOffice made of them, and checks
// that each report page reads the same: title, headings, table of
// contents, paragraphs, figures panel and signature; only the original
// file offered for download differs.
func TestSeedDocxPagesMatchText(t *testing.T) {
	textDest, textRes := buildSite(t, "../content")
	docxDest, docxRes := buildSite(t, docxContent(t))
	if len(textRes.Site.Reports) != len(docxRes.Site.Reports) {
		t.Fatalf("%d reports from text, %d from .docx", len(textRes.Site.Reports), len(docxRes.Site.Reports))
	}
	for i, r := range textRes.Site.Reports {
		d := docxRes.Site.Reports[i]
		if r.URL != d.URL || !strings.HasSuffix(d.DownloadURL, ".docx") {
			t.Fatalf("report %d: %s (%s) against %s (%s)", i, r.URL, r.DownloadURL, d.URL, d.DownloadURL)
		}
		want := reportBody(t, read(t, textDest, r.URL+"index.html"))
		got := reportBody(t, read(t, docxDest, d.URL+"index.html"))
		if got != want {
			t.Errorf("%s: the page from .docx differs from the page from text:\n%s", r.URL, lineDiff(want, got))
		}
	}
}

// lineDiff shows the first line where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, wl, gl)
		}
	}
	return ""
}

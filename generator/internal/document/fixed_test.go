package document

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedsPDF holds the seeds laid out as official documents and converted
// to PDF by LibreOffice (see its README.md).
const seedsPDF = "../../testdata/pdf"

// TestSeedPDFMatchesText parses each seed from its plain text and from the
// PDF LibreOffice made of it, and checks that the two give the same title
// block and signature, the same headings (level, number, text), the same
// body text (the same Chinese characters and visible characters, in
// order) and the same paragraphs, with one difference allowed and
// explained: Block.Line counts the PDF's paragraphs, not the text's lines
// (outlineNoLines leaves it out).
func TestSeedPDFMatchesText(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if len(files) != 5 {
		t.Fatalf("found %d seeds, want 5", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(seedsPDF, name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			fromText, _ := ParseText(name+".txt", strings.TrimPrefix(string(src), "\ufeff"))
			fromPDF, probs := ParsePDF(name+".pdf", data)
			if probs.HasErrors() {
				t.Fatal(probs)
			}
			compareFixed(t, fromText, fromPDF)
		})
	}
}

// compareFixed checks that the parse of a PDF or OFD matches the
// plain-text parse, but for the lines blocks start on.
func compareFixed(t *testing.T, fromText, fromFixed *Document) {
	t.Helper()
	if fromText.Header != fromFixed.Header {
		t.Errorf("title block: text %+v, fixed %+v", fromText.Header, fromFixed.Header)
	}
	ts, fs := fromText.Signature, fromFixed.Signature
	ts.Line, fs.Line = 0, 0
	if ts != fs {
		t.Errorf("signature: text %+v, fixed %+v", ts, fs)
	}
	th, fh := headingList(fromText), headingList(fromFixed)
	if len(th) == 0 || strings.Join(th, "\n") != strings.Join(fh, "\n") {
		t.Errorf("headings differ:\ntext:\n%s\nfixed:\n%s", strings.Join(th, "\n"), strings.Join(fh, "\n"))
	}
	tt, ft := readingText(fromText), readingText(fromFixed)
	if hanOnly(tt) != hanOnly(ft) {
		t.Errorf("the Chinese characters differ:\n%s", firstDiff(hanOnly(tt), hanOnly(ft)))
	}
	if visible(tt) != visible(ft) {
		t.Errorf("the visible characters differ:\n%s", firstDiff(visible(tt), visible(ft)))
	}
	if got, want := outlineNoLines(fromFixed), outlineNoLines(fromText); got != want {
		t.Errorf("paragraphs differ:\n%s", firstDiff(want, got))
	}
}

// outlineNoLines is outline without the source lines ("@12", "line:
// 17"), which count lines in a text and paragraphs in a PDF, and with the
// lengths and starts of paragraphs and leads counted in visible
// characters: a space next to a Chinese character in the text ("（1）
// 法治", "信访局 2023 年") leaves no trace in a PDF, which places the
// characters themselves.
func outlineNoLines(d *Document) string {
	var b strings.Builder
	h, s := d.Header, d.Signature
	fmt.Fprintf(&b, "# header\norgan: %s\ndocheader: %s\ndocnumber: %s\ntitle: %s\n", h.Organ, h.DocHeader, h.DocNumber, h.Title)
	fmt.Fprintf(&b, "# signature\norgan: %s\ndate: %s\ndatetext: %s\n", s.Organ, s.Date, s.DateText)
	b.WriteString("# headings\n")
	for _, x := range d.Headings() {
		fmt.Fprintf(&b, "%s L%d %s %s\n", x.Anchor, x.Level, x.Number, visible(x.Text))
	}
	b.WriteString("# paragraphs\n")
	for _, x := range d.Blocks {
		if x.Kind == Paragraph {
			text := visible(x.Text)
			fmt.Fprintf(&b, "%s [%s] lead=%q (%d) %s\n", x.Anchor, x.Number, visible(x.Lead), utf8.RuneCountInString(text), prefix(text, 16))
		}
	}
	return b.String()
}

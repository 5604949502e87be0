package document

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/diag"
	"unicode"
)

// seedsDocx holds the seeds converted to .docx by LibreOffice (see its
// README.md); seeds holds the plain text they were made from.
const (
	seeds     = "../../testdata/seeds"
	seedsDocx = "../../testdata/seeds-docx"
)

// visible returns the characters of s a reader sees, in order: every rune
// but white space.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// hanOnly returns the Chinese characters of s, in order.
func hanOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Han, r) {
			return r
		}
		return -1
	}, s)
}

// readingText is the whole text of a parsed document in reading order:
// title block, headings with their numbers, paragraphs, signature.
func readingText(d *Document) string {
	h, s := d.Header, d.Signature
	parts := []string{h.DocHeader, h.DocNumber, h.Organ, h.Title}
	for _, b := range d.Blocks {
		parts = append(parts, b.Number+b.Text)
		if b.Kind == Paragraph && b.Number != "" {
			parts[len(parts)-1] = b.Text // a paragraph's text has its number
		}
	}
	return strings.Join(append(parts, s.Organ, s.DateText), "\n")
}

// headingList lists the headings as "level number text".
func headingList(d *Document) []string {
	var hs []string
	for _, b := range d.Headings() {
		hs = append(hs, fmt.Sprintf("%d %s %s", b.Level, b.Number, b.Text))
	}
	return hs
}

// TestSeedDocxMatchesText parses each seed from its plain text and from the
// .docx LibreOffice made of it, and checks that the two give the same title
// block and signature, the same headings (level, number, text), and the
// same body text: the same Chinese characters and the same visible
// characters, in order. No difference is allowed: LibreOffice's text import
// makes one Word paragraph of each line, and ParseParagraphs joins the
// paragraphs a page break cut (seed 004) as ParseText joins the lines.
func TestSeedDocxMatchesText(t *testing.T) {
	eachSeed(t, seedsDocx, ".docx", ParseDocx, compareParses)
}

// eachSeed parses each seed as text and, converted, the file of the same
// name with extension ext in dir with parse, and compares the two.
func eachSeed(t *testing.T, dir, ext string, parse func(file string, data []byte) (*Document, diag.List), compare func(t *testing.T, fromText, converted *Document)) {
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
			data, err := os.ReadFile(filepath.Join(dir, name+ext))
			if err != nil {
				t.Fatal(err)
			}
			fromText, _ := ParseText(name+".txt", strings.TrimPrefix(string(src), "\ufeff"))
			converted, probs := parse(name+ext, data)
			if probs.HasErrors() {
				t.Fatal(probs)
			}
			compare(t, fromText, converted)
		})
	}
}

// compareParses checks that a .docx parse matches the plain-text parse.
func compareParses(t *testing.T, fromText, fromDocx *Document) {
	t.Helper()
	if fromText.Header != fromDocx.Header {
		t.Errorf("title block: text %+v, docx %+v", fromText.Header, fromDocx.Header)
	}
	if fromText.Signature != fromDocx.Signature {
		t.Errorf("signature: text %+v, docx %+v", fromText.Signature, fromDocx.Signature)
	}
	th, dh := headingList(fromText), headingList(fromDocx)
	if len(th) == 0 || strings.Join(th, "\n") != strings.Join(dh, "\n") {
		t.Errorf("headings differ:\ntext:\n%s\ndocx:\n%s", strings.Join(th, "\n"), strings.Join(dh, "\n"))
	}
	tt, dt := readingText(fromText), readingText(fromDocx)
	if hanOnly(tt) != hanOnly(dt) {
		t.Errorf("the Chinese characters differ:\n%s", firstDiff(hanOnly(tt), hanOnly(dt)))
	}
	if visible(tt) != visible(dt) {
		t.Errorf("the visible characters differ:\n%s", firstDiff(visible(tt), visible(dt)))
	}
	if got, want := outline(fromDocx), outline(fromText); got != want {
		t.Errorf("paragraphs differ:\n%s", firstDiff(want, got))
	}
}

// TestDocxJoinsCutParagraphs checks which paragraphs are joined: a body
// paragraph cut mid-sentence with the body paragraph after it, never a
// heading Word marks, a table row, or a paragraph before a new item.
func TestDocxJoinsCutParagraphs(t *testing.T) {
	d, _ := ParseParagraphs("a.docx", []Para{
		{Text: "2024年法治政府建设情况报告"},
		{Text: "一、主要举措"},
		{Text: "一些应当通过行政、法律等途径维权的事项进入信访渠道，一些经过法院判决、"},
		{Text: "行政复议等解决的重新信访。"},
		{Text: "全年办理信访事项"},
		{Text: "二、存在的问题"},
		{Text: "工作仍有不足，"},
		{Text: "标题样式的段落", Level: 1},
		{Text: "表格之前，"},
		{Text: "表格行。", asIs: true},
		{Text: "1.推进接待场所标准化，"},
		{Text: "（1）规范受理。"},
	})
	var got []string
	for _, b := range d.Blocks {
		if b.Kind == Heading {
			b.Text = b.Number + b.Text
		}
		got = append(got, b.Text)
	}
	want := []string{
		"一、主要举措",
		"一些应当通过行政、法律等途径维权的事项进入信访渠道，一些经过法院判决、行政复议等解决的重新信访。",
		"全年办理信访事项",
		"二、存在的问题",
		"工作仍有不足，",
		"标题样式的段落",
		"表格之前，",
		"表格行。",
		"1.推进接待场所标准化，",
		"（1）规范受理。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package document

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"portal/generator/internal/diag"
	"portal/generator/internal/layout"
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
	eachSeed(t, seedsPDF, ".pdf", ParsePDF, compareFixed)
}

// TestChromiumPDFMatchesText checks the seeds printed by Chromium, in a
// Type 3 font and in a CID TrueType font, ragged and without indents, as
// TestSeedPDFMatchesText checks LibreOffice's.
func TestChromiumPDFMatchesText(t *testing.T) {
	for _, name := range []string{"000_4d11b1ed24a01354", "002_8f7a5bfe7e408863"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(seeds, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(seedsPDF, "chromium", name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			fromText, _ := ParseText(name+".txt", string(src))
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

// TestParseOFDOfficialDocument checks the official document among the
// OFD samples: its 版头, 文号, title and signature, the 版记 after the
// signature left out.
func TestParseOFDOfficialDocument(t *testing.T) {
	data, err := os.ReadFile("../../testdata/ofd/n.ofd")
	if err != nil {
		t.Fatal(err)
	}
	d, probs := ParseOFD("n.ofd", data)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	want := Header{DocHeader: "测试符路桥区卫生局文件", DocNumber: "路卫发〔2011〕76号", Title: "关于同意张阿三同志辞职的批复"}
	if d.Header != want {
		t.Errorf("header %+v, want %+v", d.Header, want)
	}
	if s := d.Signature; s.Organ != "测试符路桥区卫生局办公室" || s.Date != "2011-03-10" {
		t.Errorf("signature %+v, want 测试符路桥区卫生局办公室 2011-03-10", s)
	}
	if n := len(d.Blocks); n != 4 || !strings.HasPrefix(d.Blocks[0].Text, "区中医院") {
		t.Errorf("%d blocks, want 4 from 区中医院：", n)
	}
}

// TestParsePDFOfficialDocument checks official.pdf: the red 版头 and
// 文号, the two-line title, the table as one paragraph a row with each
// figure after its headers (shown as a table), the paragraphs cut by page
// breaks whole, the signature under the seal.
func TestParsePDFOfficialDocument(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(seedsPDF, "official.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	d, probs := ParsePDF("official.pdf", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	want := Header{DocHeader: "阳城县信访局文件", DocNumber: "阳信发〔2024〕1号", Organ: "阳城县信访局", Title: "关于2024年度法治政府建设情况的报告"}
	if d.Header != want {
		t.Errorf("header %+v, want %+v", d.Header, want)
	}
	if s := d.Signature; s.Organ != "阳城县信访局" || s.Date != "2024-12-31" {
		t.Errorf("signature %+v, want 阳城县信访局 2024-12-31", s)
	}
	var rows, cut []string
	for _, b := range d.Blocks {
		if b.table != nil {
			rows = append(rows, b.Text)
		}
		if strings.HasPrefix(b.Text, "第") || strings.HasPrefix(b.Text, "问题") {
			cut = append(cut, b.Text)
		}
	}
	wantRows := []string{"信访总量2023年：1927件；信访总量2024年：1500件。", "及时受理率2023年：99.5%；及时受理率2024年：100%。", "群众满意率2023年：97.2%；群众满意率2024年：98.44%。"}
	if strings.Join(rows, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("table rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(wantRows, "\n"))
	}
	if len(cut) != 13 {
		t.Fatalf("%d numbered paragraphs, want 13: %q", len(cut), cut)
	}
	for _, p := range cut {
		if !strings.HasSuffix(p, "。") {
			t.Errorf("a paragraph cut short: %q", p)
		}
	}
	hs := headingList(d)
	if want := "1 一、 主要举措和成效\n2 （一） 规范信访事项办理\n2 （二） 主要数据\n1 二、 存在的问题\n1 三、 下一步工作安排"; strings.Join(hs, "\n") != want {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(hs, "\n"), want)
	}
}

// TestParseFixedErrors checks that a file that cannot be published gives
// an empty document and one error naming the file: the scan in Chinese,
// with what to submit instead.
func TestParseFixedErrors(t *testing.T) {
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	tests := []struct {
		name  string
		parse func(string, []byte) (*Document, diag.List)
		data  []byte
		want  string
	}{
		{"scan.pdf", ParsePDF, read(filepath.Join(seedsPDF, "scanned.pdf")), "scan.pdf: 扫描件，没有可复制的文字层：请改交可以复制文字的 PDF、Word 文档或文本文件（不做文字识别）"},
		{"locked.pdf", ParsePDF, read(filepath.Join(seedsPDF, "encrypted.pdf")), "locked.pdf: cannot read .pdf: the PDF is protected by a password: submit it without one"},
		{"garbled.pdf", ParsePDF, read(filepath.Join(seedsPDF, "garbled.pdf")), "garbled.pdf: cannot read .pdf: the text layer does not map to readable characters"},
		{"word.pdf", ParsePDF, read(filepath.Join(seeds, "000_4d11b1ed24a01354.txt")), "word.pdf: cannot read .pdf: not a PDF file"},
		{"ano.ofd", ParseOFD, read("../../testdata/ofd/ano.ofd"), "ano.ofd: cannot read .ofd: the text layer does not map to readable characters"},
		{"a.ofd", ParseOFD, read(filepath.Join(seedsPDF, "scanned.pdf")), "a.ofd: cannot read .ofd: not an OFD file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := tt.parse(tt.name, tt.data)
			if len(probs) != 1 || !probs.HasErrors() || !strings.HasPrefix(probs[0].String(), tt.want) {
				t.Errorf("problems %v, want one error starting %q", probs, tt.want)
			}
			if d == nil || len(d.Blocks) != 0 || d.Header != (Header{}) {
				t.Errorf("document %+v, want an empty one", d)
			}
		})
	}
}

// TestFixedLinesStandAlone checks that a line the layout sets apart (a
// centred caption, say) is never joined with the paragraph after it,
// though it does not end a sentence.
func TestFixedLinesStandAlone(t *testing.T) {
	paras, err := fixedParas([]layout.Paragraph{
		{Kind: layout.Body, Text: "2024年，我局现将工作情况报告如下。"},
		{Kind: layout.Line, Text: "全年信访事项办理情况", Centered: true},
		{Kind: layout.Body, Text: "全县信访总量1927件，同比下降61.71%。"},
	})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := ParseParagraphs("a.pdf", paras)
	var got []string
	for _, b := range d.Blocks {
		got = append(got, b.Text)
	}
	if want := "2024年，我局现将工作情况报告如下。\n全年信访事项办理情况\n全县信访总量1927件，同比下降61.71%。"; strings.Join(got, "\n") != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestParseFixedImagePage checks that a page that is only an image, in a
// document with text, is a warning naming the page, and the text around
// it is read.
func TestParseFixedImagePage(t *testing.T) {
	text := func(s string) layout.Page {
		var runs []layout.Run
		for i, c := range []rune(s) {
			runs = append(runs, layout.Run{X: 112 + float64(i)*16, Y: 120, W: 16, Size: 16, Text: string(c)})
		}
		return layout.Page{W: 595, H: 842, Runs: runs}
	}
	pages := []layout.Page{text("第一页的正文。"), {W: 595, H: 842, Images: 1}, text("第三页的正文。")}
	d, probs := parseFixed("a.pdf", ".pdf", pages, nil)
	if len(probs) != 1 || probs.HasErrors() || probs[0].String() != "a.pdf: warning: page 2 is an image with no text layer (a scan?): what it shows is not on the report's page" {
		t.Errorf("problems %v, want one warning for page 2", probs)
	}
	if len(d.Blocks) != 2 {
		t.Errorf("%d blocks, want 2", len(d.Blocks))
	}
}

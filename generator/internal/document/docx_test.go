package document

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docxTestdata holds the .docx test documents, one directory of XML parts
// each (see its README.md).
const docxTestdata = "../../testdata/docx"

// zipDocx makes a .docx of the XML files of a testdata directory.
func zipDocx(t testing.TB, dir string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create("word/" + filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDocxGolden parses each .docx test document and compares its outline
// and HTML with the golden files.
func TestDocxGolden(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(docxTestdata, "*"))
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d, probs := ParseDocx("report.docx", zipDocx(t, dir))
			if probs.HasErrors() {
				t.Fatal(probs)
			}
			var b strings.Builder
			b.WriteString(outline(d))
			b.WriteString("# problems\n")
			b.WriteString(probs.String())
			b.WriteString("# texts\n")
			for _, x := range d.Blocks {
				b.WriteString(x.Anchor + " " + x.Number + "|" + x.Text + "\n")
			}
			checkGolden(t, filepath.Join(dir, "outline.golden"), b.String())
			html, err := d.HTML()
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join(dir, "html.golden"), string(html))
		})
	}
}

// TestDocxMatchesText checks that the official-document rules give the
// same headings for a .docx without styles as for its text.
func TestDocxMatchesText(t *testing.T) {
	paras := []Para{
		{Text: "2024年法治政府建设情况报告"},
		{Text: "一、主要举措和成效"},
		{Text: "（一）坚持党的领导，强化组织保障。"},
		{Text: "全年召开专题会议4次。"},
		{Text: "1.深入学习习近平法治思想。全年开展专题学习8次。"},
		{Text: "二、存在的问题"},
		{Text: "一是宣传形式单一。"},
	}
	var lines []string
	for _, p := range paras {
		lines = append(lines, p.Text)
	}
	fromText, _ := ParseText("a.txt", strings.Join(lines, "\n"))
	fromParas, _ := ParseParagraphs("a.docx", paras)
	if got, want := outline(fromParas), outline(fromText); got != want {
		t.Errorf("ParseParagraphs:\n%s\nParseText:\n%s", got, want)
	}
}

// TestDocxBoldLead checks that a bold run-in lead is the lead even where
// the sentence rule would find another.
func TestDocxBoldLead(t *testing.T) {
	d, _ := ParseParagraphs("a.docx", []Para{
		{Text: "一、主要举措"},
		{Text: "推进接待场所标准化，2024年新建接待室2个。", Lead: "推进接待场所标准化"},
		{Text: "全部粗体。", Lead: "全部粗体。"},
	})
	if got := d.Blocks[1].Lead; got != "推进接待场所标准化" {
		t.Errorf("lead = %q", got)
	}
	if got := d.Blocks[2].Lead; got != "" {
		t.Errorf("a paragraph all bold has lead %q", got)
	}
}

// TestDocxBadFile checks that an unreadable file is an error naming it.
func TestDocxBadFile(t *testing.T) {
	for _, data := range [][]byte{
		{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0},
		[]byte("plain text"),
	} {
		d, probs := ParseDocx("content/x/report.docx", data)
		if !probs.HasErrors() || !strings.Contains(probs.String(), "content/x/report.docx") {
			t.Errorf("problems = %q", probs.String())
		}
		if d == nil || len(d.Blocks) != 0 {
			t.Errorf("document = %+v", d)
		}
	}
}

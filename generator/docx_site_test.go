package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zipDocxDir makes a .docx of the XML parts in testdata/docx/<name>.
func zipDocxDir(t *testing.T, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files, _ := filepath.Glob(filepath.Join("testdata/docx", name, "*.xml"))
	if len(files) == 0 {
		t.Fatalf("no test document %s", name)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create("word/" + filepath.Base(f))
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const docxMeta = `title = "叶县司法局2024年度法治政府建设情况报告"
agency = "司法局"
county = "叶县"
province = "河南"
year = 2024
published = 2025-03-10
`

// TestDocxReportBuilds builds a .docx with its .toml and checks the report
// page: headings with anchors and a table of contents, bold leads, and the
// original file offered for download.
func TestDocxReportBuilds(t *testing.T) {
	dir := t.TempDir()
	docx := zipDocxDir(t, "numbering")
	os.WriteFile(filepath.Join(dir, "叶县-司法局-2024.docx"), docx, 0o644)
	os.WriteFile(filepath.Join(dir, "叶县-司法局-2024.toml"), []byte(docxMeta), 0o644)
	dest, res := buildSite(t, dir)
	if len(res.Site.Reports) != 1 {
		t.Fatalf("%d reports, want 1", len(res.Site.Reports))
	}
	r := res.Site.Reports[0]
	if !strings.HasSuffix(r.DownloadURL, ".docx") {
		t.Errorf("download URL %q does not end in .docx", r.DownloadURL)
	}
	page := read(t, dest, strings.TrimPrefix(r.URL, "/")+"index.html")
	for _, want := range []string{
		`<h2 id="s1"><span class="num">一、</span>主要举措和成效</h2>`,
		`<h3 id="s1-1"><span class="num">（一）</span>坚持党的领导，强化组织保障。</h3>`,
		`href="#s1-2"`, // the table of contents
		`<strong class="lead">2.推进接待场所标准化</strong>`,
		`download="` + r.DownloadName + `"`, // the download link
		`.docx）</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report page lacks %s", want)
		}
	}
	got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(r.DownloadURL, "/"))))
	if err != nil || !bytes.Equal(got, docx) {
		t.Errorf("the download is not the original .docx (err %v)", err)
	}
}

// TestBadDocxIsOneProblem checks that an unreadable .docx, and a .doc, are
// each one error that names the file, while the other reports still load:
// a file that is no .docx at all (here an old .doc renamed) is rejected by
// the loader, one whose damage is inside a part when it is parsed.
func TestBadDocxIsOneProblem(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "old.docx"), []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0}, 0o644)
	os.WriteFile(filepath.Join(dir, "old.toml"), []byte(docxMeta), 0o644)
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("叶县司法局2023年度法治政府建设情况报告\n一、主要举措和成效\n依法行政。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "ok.toml"), []byte(strings.Replace(docxMeta, "2024", "2023", 2)), 0o644)
	os.WriteFile(filepath.Join(dir, "older.doc"), []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0}, 0o644)
	os.WriteFile(filepath.Join(dir, "older.toml"), []byte(docxMeta), 0o644)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>未完`))
	zw.Close()
	os.WriteFile(filepath.Join(dir, "corrupt.docx"), buf.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "corrupt.toml"), []byte(strings.Replace(docxMeta, "2024", "2022", 1)), 0o644)
	f := siteFlags{source: "..", content: dir, destination: filepath.Join(t.TempDir(), "public")}
	res, err := buildWith(f.options())
	if err != nil {
		t.Fatal(err)
	}
	if res.Problems.Errors() != 3 {
		t.Fatalf("want exactly 3 errors, for old.docx, older.doc and corrupt.docx:\n%s", res.Problems)
	}
	msg := res.Problems.String()
	for _, want := range []string{"old.docx: cannot read .docx: this is an old binary Word file", "older.doc: an old binary Word file", "corrupt.docx: cannot read .docx: corrupt .docx: word/document.xml"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the errors lack %q:\n%s", want, msg)
		}
	}
	if len(res.Site.Reports) != 2 {
		t.Errorf("%d reports loaded, want ok.txt and corrupt.docx (whose parts are read when parsed)", len(res.Site.Reports))
	}
}

// TestDocxTableOnPage checks that a Word table shows as a table, with its
// merged cells, and that its figures reach the 数据要点 panel.
func TestDocxTableOnPage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "叶县-司法局-2024.docx"), zipDocxDir(t, "table"), 0o644)
	os.WriteFile(filepath.Join(dir, "叶县-司法局-2024.toml"), []byte(docxMeta), 0o644)
	dest, res := buildSite(t, dir)
	r := res.Site.Reports[0]
	page := read(t, dest, r.URL+"index.html")
	for _, want := range []string{`<div class="table-wrap">`, `<td rowspan="2">行政复议案件</td>`, "<thead>\n" + `<tr><th scope="col" rowspan="2">类别</th><th scope="col" colspan="2">案件数</th>`, `<span class="row-anchor" id="p2"></span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("report page lacks %s", want)
		}
	}
	if strings.Contains(page, `<p id="p2">`) {
		t.Error("a table row is shown as a paragraph too")
	}
}

package docx

import (
	"strings"
	"testing"

	"portal/generator/internal/diag"
	"portal/generator/internal/docx/docxtest"
)

// TestErrorLanguages checks a representative of each kind of error of
// Read in both languages (diag.ErrorTextIn): a file that is no .docx, one
// too large, one beyond a limit (with its part, line and column), a
// corrupt part, and a limit of the budget.
func TestErrorLanguages(t *testing.T) {
	for _, tc := range []struct {
		name   string
		data   []byte
		en, zh string
	}{
		{"old-doc", append(append([]byte{}, oleSignature...), make([]byte, 512)...),
			"this is an old binary Word file (.doc, Word 97-2003): open it in Word or WPS and save it as .docx",
			"这是旧版二进制 Word 文件（.doc，Word 97-2003）：请在 Word 或 WPS 中打开，另存为 .docx"},
		{"not-zip", []byte("鲁山县信访局2024年度报告"),
			"not a .docx file (a .docx is a zip archive; this one does not start like one)",
			"不是 .docx 文件（.docx 是 zip 压缩包，而此文件的开头不像）"},
		{"no-body", docxtest.Stored(docxtest.Bytes("word/styles.xml", []byte("<x/>"))),
			"not a Word document: the archive has no word/document.xml",
			"不是 Word 文档：压缩包中没有 word/document.xml"},
		{"document-33MB", repeated("<!---->", 33<<20),
			"the archive is too large when uncompressed (a zip bomb?): word/document.xml is 33 MB, more than 32 MB",
			"压缩包解压后太大（压缩炸弹？）：word/document.xml 有 33 MB，超过 32 MB"},
		{"tables-33-deep", body(docxtest.NestedTables(33)),
			"the document goes beyond what the reader accepts (a damaged or hostile file?): word/document.xml:1:707: tables nested deeper than 32",
			"文档超出了读取程序接受的范围（文件损坏或是恶意文件？）: word/document.xml:1:707: 表格嵌套超过 32 层"},
		{"empty-paragraphs", repeated("<w:p/>", 2<<20),
			"more than 50000 paragraphs",
			"段落超过 50000 个"},
		{"text-5MB", body(strings.Repeat(para(strings.Repeat("字", 300000)), 6)),
			": more than 4 MB of text",
			": 文字超过 4 MB"},
		{"cut", docxtest.Stored(docxtest.Bytes("word/document.xml", []byte(`<w:document xmlns:w="`+docxtest.Namespace+`"><w:body><w:p><w:r><w:t>字`))),
			"corrupt .docx: word/document.xml: XML syntax error on line 1: unexpected EOF",
			".docx 已损坏：word/document.xml：第 1 行 XML 语法错误：unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.data)
			if err == nil {
				t.Fatal("no error")
			}
			en, zh := diag.ErrorTextIn(err, diag.En), diag.ErrorTextIn(err, diag.Zh)
			if en != err.Error() {
				t.Errorf("English %q is not Error() %q", en, err.Error())
			}
			if !strings.Contains(en, tc.en) {
				t.Errorf("English: %q does not hold %q", en, tc.en)
			}
			if !strings.Contains(zh, tc.zh) {
				t.Errorf("Chinese: %q does not hold %q", zh, tc.zh)
			}
		})
	}
}

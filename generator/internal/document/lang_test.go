package document

import (
	"strings"
	"testing"

	"portal/generator/internal/diag"
	"portal/generator/internal/docx/docxtest"
)

// TestMessageLanguages checks a representative of each kind of problem
// of the limits in both languages: a report too long, a Markdown limit
// warned once and in several places, and a .docx whose table text is
// too large (an error of document's own inside docx's).
func TestMessageLanguages(t *testing.T) {
	quotes := strings.Repeat(">", 40) + " 法治政府\n"
	for _, tc := range []struct {
		name   string
		parse  func() diag.List
		en, zh string
	}{
		{"lines", func() diag.List {
			_, probs := ParseText("a.txt", strings.Repeat("一行\n", maxLines+1))
			return probs
		}, "a.txt:50001: more than 50000 lines: too long for a report; split it",
			"a.txt:50001: 超过 50000 行：作为一份报告太长；请拆分"},
		{"paragraphs", func() diag.List {
			paras := make([]Para, maxBlocks+1)
			for i := range paras {
				paras[i] = Para{Text: "法治政府"}
			}
			_, probs := ParseParagraphs("a.docx", paras)
			return probs
		}, "a.docx:100001: more than 100000 paragraphs: too long for a report; split it",
			"a.docx:100001: 超过 100000 个段落：作为一份报告太长；请拆分"},
		{"nesting-once", func() diag.List {
			_, probs := ParseMarkdown("a.md", []byte(quotes), 0)
			return probs
		}, "a.md:1: warning: Markdown nesting deeper than 32 levels flattened: the deeper block quote and list markers show as text",
			"a.md:1: 警告：Markdown 嵌套超过 32 层，已展平：更深的引用和列表标记按原文显示"},
		{"nesting-twice", func() diag.List {
			_, probs := ParseMarkdown("a.md", []byte(quotes+"\n"+quotes), 0)
			return probs
		}, "a.md:1: warning: Markdown nesting deeper than 32 levels flattened: the deeper block quote and list markers show as text (2 places, the first here)",
			"a.md:1: 警告：Markdown 嵌套超过 32 层，已展平：更深的引用和列表标记按原文显示（共 2 处，这里是第一处）"},
		{"docx-table-text", func() diag.List {
			_, probs := ParseDocx("x.docx", docxtest.Document(headerTable(strings.Repeat("长", 1000), 2000)))
			return probs
		}, "x.docx: cannot read .docx: the document goes beyond what the reader accepts (a damaged or hostile file?): its tables, with their headers on each row, come to more than 2107 KB of text (twice what the file may hold)",
			"x.docx: 无法读取 .docx：文档超出了读取程序接受的范围（文件损坏或是恶意文件？）：表格连同每行重复的表头，文字超过 2107 KB（这样大小的文件可含文字的两倍）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probs := tc.parse()
			if got := strings.TrimSpace(probs.Text(diag.En)); got != tc.en || strings.TrimSpace(probs.String()) != tc.en {
				t.Errorf("English:\n got %q\nwant %q", got, tc.en)
			}
			if got := strings.TrimSpace(probs.Text(diag.Zh)); got != tc.zh {
				t.Errorf("Chinese:\n got %q\nwant %q", got, tc.zh)
			}
		})
	}
}

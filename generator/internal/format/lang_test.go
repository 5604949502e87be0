package format

import (
	"path/filepath"
	"testing"

	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
)

// TestMessageLanguages checks the messages of the registry in both
// languages: the list of formats, a file that is no report, and a .docx
// that cannot be read.
func TestMessageLanguages(t *testing.T) {
	parse := func(file string, src Source) (*document.Document, diag.List) { return &document.Document{}, nil }
	r := &Registry{}
	r.add(Format{FileKind: content.FileKind{Ext: ".md"}, Name: "Markdown", Parse: parse})
	r.add(Format{FileKind: content.FileKind{Ext: ".txt"}, Name: "plain text", Parse: parse})
	r.add(Format{FileKind: content.FileKind{Ext: ".docx"}, Name: "Word", Parse: parse})
	if got, want := r.List(), ".docx (Word), .md (Markdown) or .txt (plain text)"; got != want {
		t.Errorf("List() = %q, want %q", got, want)
	}
	if got, want := r.ListMsg().Text(diag.Zh), ".docx（Word）、.md（Markdown） 或 .txt（纯文本）"; got != want {
		t.Errorf("ListMsg() in Chinese = %q, want %q", got, want)
	}
	_, probs := r.Parse("a.rtf", ".rtf", Source{})
	_, err := r.ParseFile(filepath.Join(t.TempDir(), "a.rtf"))
	for _, tc := range []struct {
		name   string
		en, zh string
	}{
		{"Parse", probs.Text(diag.En), probs.Text(diag.Zh)},
		{"ParseFile", diag.ErrorTextIn(err, diag.En) + "\n", diag.ErrorTextIn(err, diag.Zh) + "\n"},
		{"checkDocx", diag.ErrorTextIn(checkDocx([]byte("text")), diag.En) + "\n", diag.ErrorTextIn(checkDocx([]byte("text")), diag.Zh) + "\n"},
	} {
		want := map[string][2]string{
			"Parse":     {"a.rtf: not a report file: want .docx (Word), .md (Markdown) or .txt (plain text)\n", "a.rtf: 不是报告文件：应为 .docx（Word）、.md（Markdown） 或 .txt（纯文本）\n"},
			"ParseFile": {"not a report file: want .docx (Word), .md (Markdown) or .txt (plain text)\n", "不是报告文件：应为 .docx（Word）、.md（Markdown） 或 .txt（纯文本）\n"},
			"checkDocx": {"cannot read .docx: not a .docx file (a .docx is a zip archive; this one does not start like one)\n", "无法读取 .docx：不是 .docx 文件（.docx 是 zip 压缩包，而此文件的开头不像）\n"},
		}[tc.name]
		if tc.en != want[0] {
			t.Errorf("%s in English:\n got %q\nwant %q", tc.name, tc.en, want[0])
		}
		if tc.zh != want[1] {
			t.Errorf("%s in Chinese:\n got %q\nwant %q", tc.name, tc.zh, want[1])
		}
	}
}

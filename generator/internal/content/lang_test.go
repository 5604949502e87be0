package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"portal/generator/internal/diag"
)

// TestMessageLanguages checks a representative of each kind of message
// of the loader in both languages: a character an editor cannot see
// (once, and several times), a list of the formats accepted, a file too
// large, and a file changed before it was read again.
func TestMessageLanguages(t *testing.T) {
	body := "鲁山县信访局2024年度法治政府建设情况报告\n"
	for _, tc := range []struct {
		name   string
		files  map[string]string
		en, zh string
	}{
		{"invisible", map[string]string{"a.txt": body, "a.toml": metaWith(`county = "鲁\u200d山县"`)},
			"content/a.toml:3:1: county: contains an invisible character U+200D (zero width joiner); remove it",
			"content/a.toml:3:1: county：含有不可见字符 U+200D (zero width joiner)；请删除"},
		{"bidi-twice", map[string]string{"a.txt": body, "a.toml": metaWith(`title = "\u2067报告\u2069"`)},
			"content/a.toml:1:1: title: contains a bidirectional control character U+2067 (right-to-left isolate), which reorders the text as shown; remove it (2 such characters in all)",
			"content/a.toml:1:1: title：含有双向控制字符 U+2067 (right-to-left isolate)，会打乱文字的显示顺序；请删除（共 2 个这样的字符）"},
		{"orphan", map[string]string{"b.toml": goodMeta},
			"content/b.toml: metadata without a report: no .docx, .md or .txt file named b",
			"content/b.toml: 元数据没有对应的报告：没有名为 b 的 .docx、.md 或 .txt 文件"},
		{"report-too-large", map[string]string{"a.txt": strings.Repeat("字", MaxFileSize/3+1), "a.toml": goodMeta},
			"content/a.txt: file is 21 MB, larger than the 20 MB a report may be",
			"content/a.txt: 文件大小为 21 MB，超过报告文件的上限 20 MB"},
		{"metadata-too-large", map[string]string{"a.txt": body, "a.toml": goodMeta + "# " + strings.Repeat("x", MaxMetaSize)},
			"content/a.toml: metadata: 65 KB is too large (at most 64 KB)",
			"content/a.toml: 元数据：65 KB，太大（最多 64 KB）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, problems := Load(fsys, Options{Prefix: "content", Catalog: catalog, LatestYear: 2026, Kinds: testKinds})
			var errs diag.List
			for _, p := range problems {
				if p.Severity == diag.Error {
					errs = append(errs, p)
				}
			}
			if got := strings.TrimSpace(errs.Text(diag.En)); got != tc.en || strings.TrimSpace(errs.String()) != tc.en {
				t.Errorf("English:\n got %q\nwant %q", got, tc.en)
			}
			if got := strings.TrimSpace(errs.Text(diag.Zh)); got != tc.zh {
				t.Errorf("Chinese:\n got %q\nwant %q", got, tc.zh)
			}
		})
	}
}

// TestRereadLanguages checks the error of a report that changed between
// its load and its reading again, in both languages.
func TestRereadLanguages(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":  &fstest.MapFile{Data: []byte("鲁山县信访局2024年度法治政府建设情况报告\n")},
		"a.toml": &fstest.MapFile{Data: []byte(goodMeta)},
	}
	reports, problems := Load(fsys, Options{Prefix: "content", Catalog: catalog, LatestYear: 2026, Kinds: testKinds})
	if len(reports) != 1 || problems.HasErrors() {
		t.Fatalf("%d reports, %s", len(reports), problems)
	}
	reports[0].Release()
	fsys["a.txt"].Data = []byte("鲁山县信访局2024年度法治政府建设情况报告（修订）\n")
	err := reports[0].Reread()
	if got, want := diag.ErrorTextIn(err, diag.En), "content/a.txt: changed during the build; build again"; got != want || err.Error() != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	if got, want := diag.ErrorTextIn(err, diag.Zh), "content/a.txt: 构建期间文件被改动；请重新构建"; got != want {
		t.Errorf("Chinese: %q, want %q", got, want)
	}
}

// TestHiddenLanguages checks the warnings of hidden files and folders in
// both languages.
func TestHiddenLanguages(t *testing.T) {
	fsys := fstest.MapFS{".a.txt": &fstest.MapFile{Data: []byte("x")}, ".git/HEAD": &fstest.MapFile{Data: []byte("x")}}
	_, problems := Load(fsys, Options{Prefix: "content", Catalog: catalog, LatestYear: 2026, Kinds: testKinds})
	problems.Sort()
	if got, want := problems.Text(diag.En), "content/.a.txt: warning: hidden file skipped: names starting with . are not read\ncontent/.git: warning: hidden folder skipped: names starting with . are not read\n"; got != want {
		t.Errorf("English:\n%s\nwant\n%s", got, want)
	}
	if got, want := problems.Text(diag.Zh), "content/.a.txt: 警告：已跳过隐藏的文件：以 . 开头的名称不读取\ncontent/.git: 警告：已跳过隐藏的文件夹：以 . 开头的名称不读取\n"; got != want {
		t.Errorf("Chinese:\n%s\nwant\n%s", got, want)
	}
}

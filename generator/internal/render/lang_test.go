package render

import (
	"html/template"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"portal/generator/internal/diag"
)

// TestLayoutsLanguages checks the errors of the layouts (a template that
// cannot be read or parsed, a static file that is not published) and of
// a page whose rendering panicked, in both languages.
func TestLayoutsLanguages(t *testing.T) {
	layouts := fstest.MapFS{
		"link.html": {Data: []byte("x"), Mode: fs.ModeSymlink},
		"pipe.html": {Mode: fs.ModeNamedPipe},
		"big.html":  {Data: make([]byte, maxTemplateSize+1)},
		"bad.html":  {Data: []byte("{{if}}")},
	}
	_, linkErr := ReadTemplate(layouts, "link.html")
	_, pipeErr := ReadTemplate(layouts, "pipe.html")
	_, bigErr := ReadTemplate(layouts, "big.html")
	_, missingErr := ReadTemplate(layouts, "none.html")
	parseErr := parseTemplates(template.New("bad.html"), layouts, "bad.html")
	_, staticErr := staticFiles(fstest.MapFS{"static/link.css": {Mode: fs.ModeSymlink}, "static/dev": {Mode: fs.ModeDevice}})
	panicErr := renderOne(nil, &Page{Path: "years/index.html", Kind: "report"}, nil, nil)
	for _, tc := range []struct {
		name   string
		err    error
		en, zh string
	}{
		{"link", linkErr, "layouts/link.html: a symbolic link; copy the file instead", "layouts/link.html：是符号链接；请改为复制文件"},
		{"pipe", pipeErr, "layouts/pipe.html: not a regular file", "layouts/pipe.html：不是普通文件"},
		{"big", bigErr, "layouts/big.html: larger than 1 MB", "layouts/big.html：大于 1 MB"},
		{"missing", missingErr, "layouts/none.html: file does not exist", "layouts/none.html：file does not exist"},
		{"parse", parseErr, `layouts: template: bad.html:1: missing value for if`, `模板（layouts）：template: bad.html:1: missing value for if`},
		{"static", staticErr, "layouts/static/dev: not a regular file or a folder\nlayouts/static/link.css: a symbolic link; copy the file instead",
			"layouts/static/dev：不是普通文件或文件夹\nlayouts/static/link.css：是符号链接；请改为复制文件"},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if got := diag.ErrorTextIn(tc.err, diag.En); got != tc.en || tc.err.Error() != tc.en {
			t.Errorf("%s in English:\n got %q\nwant %q", tc.name, got, tc.en)
		}
		if got := diag.ErrorTextIn(tc.err, diag.Zh); got != tc.zh {
			t.Errorf("%s in Chinese:\n got %q\nwant %q", tc.name, got, tc.zh)
		}
	}
	if panicErr == nil {
		t.Fatal("a panicking page: no error")
	}
	en, zh := diag.ErrorTextIn(panicErr, diag.En), diag.ErrorTextIn(panicErr, diag.Zh)
	if !strings.HasPrefix(en, "years/index.html: internal error while rendering: ") || !strings.HasSuffix(en, " (please report)") || en != panicErr.Error() {
		t.Errorf("a panicking page in English: %q", en)
	}
	if !strings.HasPrefix(zh, "years/index.html：渲染时发生内部错误：") || !strings.HasSuffix(zh, "（请报告此问题）") {
		t.Errorf("a panicking page in Chinese: %q", zh)
	}
}

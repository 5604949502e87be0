package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// The sites the HTML-validity and accessibility checks read besides the
// default one: the hostile corpus (buildHostileSite) and a site made of
// every .docx test document (docxSite).

// docxSite builds a site with one report per test document of
// testdata/docx, each a .docx with its .toml (叶县司法局, one year each),
// and returns it with the report pages' paths in it.
func docxSite(t *testing.T) (dest string, reports []string) {
	t.Helper()
	dirs, _ := filepath.Glob("testdata/docx/*/document.xml")
	sort.Strings(dirs)
	if len(dirs) < 8 {
		t.Fatalf("%d .docx test documents, want at least 8", len(dirs))
	}
	content := t.TempDir()
	for i, d := range dirs {
		name := filepath.Base(filepath.Dir(d))
		year := 2024 - i
		base := filepath.Join(content, "河南省", "叶县", fmt.Sprintf("%s-%d", name, year))
		os.MkdirAll(filepath.Dir(base), 0o755)
		meta := fmt.Sprintf("title = \"叶县司法局%d年度法治政府建设情况报告（%s）\"\nagency = \"司法局\"\ncounty = \"叶县\"\nprovince = \"河南\"\nyear = %d\npublished = %d-03-10\n", year, name, year, year+1)
		if err := os.WriteFile(base+".docx", zipDocxDir(t, name), 0o644); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(base+".toml", []byte(meta), 0o644)
	}
	dest, res := buildSite(t, content)
	if len(res.Site.Reports) != len(dirs) {
		t.Fatalf("%d reports, want %d", len(res.Site.Reports), len(dirs))
	}
	for _, r := range res.Site.Reports {
		reports = append(reports, filepath.ToSlash(filepath.Join(r.URL[1:], "index.html")))
	}
	sort.Strings(reports)
	return dest, reports
}

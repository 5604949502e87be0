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
	// One agency each: the documents' titles all say 2024.
	agencies := []string{"司法局", "信访局", "公安局", "教育局", "民政局", "财政局", "审计局", "统计局", "人社局", "卫健委", "水利局", "林业局"}
	if len(dirs) > len(agencies) {
		t.Fatalf("%d .docx test documents, %d agencies to file them under", len(dirs), len(agencies))
	}
	for i, d := range dirs {
		name := filepath.Base(filepath.Dir(d))
		const year = 2024
		base := filepath.Join(content, "河南省", "叶县", fmt.Sprintf("%s-%d", name, year))
		os.MkdirAll(filepath.Dir(base), 0o755)
		meta := fmt.Sprintf("title = \"叶县%s%d年度法治政府建设情况报告（%s）\"\nagency = \"%s\"\ncounty = \"叶县\"\nprovince = \"河南\"\nyear = %d\npublished = %d-03-10\n", agencies[i], year, name, agencies[i], year, year+1)
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

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/tools/txtar"

	"portal/generator/internal/build"
)

// writeFixture writes a txtar archive of content files into a directory.
func writeFixture(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const mixedContent = `
-- 平顶山/叶县-司法局-2024.md --
+++
title = "叶县司法局2024年度法治政府建设情况报告"
agency = "司法局"
county = "叶县"
year = 2024
published = 2025-03-10
doc_number = "叶司〔2025〕2号"
+++
## 一、主要举措和成效

### （一）深化普法宣传

全年开展普法活动12场次。<script>alert(1)</script>

| 项目 | 数量 |
|---|---|
| 调解 | 30 |

[危险链接](javascript:alert(1))
-- deep/a/b/c/叶县-司法局-2023.txt --
叶县司法局2023年度法治政府建设情况报告
一、主要举措和成效
全年开展普法活动8场次。
-- deep/a/b/c/叶县-司法局-2023.toml --
title = "叶县司法局2023年度法治政府建设情况报告"
agency = "叶县司法局"
county = "叶县"
province = "河南"
year = 2023
published = 2024-03-01
`

// TestMixedFormats builds Markdown with front matter, a GB18030 text file
// and a deep layout together, and checks what a reader gets.
func TestMixedFormats(t *testing.T) {
	dir := writeFixture(t, mixedContent)
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("叶县司法局2022年度法治政府建设情况报告\r\n一、主要举措和成效\r\n依法行政。\r\n")
	os.WriteFile(filepath.Join(dir, "gb.txt"), []byte(gb), 0o644)
	os.WriteFile(filepath.Join(dir, "gb.toml"), []byte("title = \"叶县司法局2022年度报告\"\nagency = \"司法局\"\ncounty = \"叶县\"\nyear = 2022\n"), 0o644)
	dest, res := buildSite(t, dir)
	if len(res.Site.Reports) != 3 || len(res.Site.Counties) != 1 {
		t.Fatalf("%d reports in %d counties, want 3 in 1", len(res.Site.Reports), len(res.Site.Counties))
	}
	md := read(t, dest, "counties/410422/sifaju-2024/index.html")
	for _, want := range []string{`<table>`, `id="s1"`, `叶司〔2025〕2号`, "2023年度", "2022年度"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown report page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>alert", `href="javascript:`} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown report page contains %q", bad)
		}
	}
	if !strings.Contains(read(t, dest, "counties/410422/sifaju-2022/index.html"), "依法行政。") {
		t.Error("GB18030 report not decoded")
	}
	if b := read(t, dest, "counties/410422/sifaju-2022/sifaju-2022.txt"); b != gb {
		t.Error("the download is not the original bytes")
	}
}

// buildWith builds the site of o, as the build command does.
func buildWith(o build.Options) (build.Result, error) {
	return build.Run(context.Background(), o)
}

// TestIntakeWithoutMetadata builds reports as an editor receives them:
// no TOML, the facts in the path (a county's and a prefecture-level
// bureau's), the title in the text; and checks where they appear.
func TestIntakeWithoutMetadata(t *testing.T) {
	dir := writeFixture(t, `
-- 河南省/信阳市/信访局-2024.txt --
信阳市信访局2024年度法治政府建设情况报告
一、主要举措和成效
全市信访总量2311件。

信阳市信访局
2025年1月10日
-- 河南省/鲁山县/司法局-2024.txt --
鲁山县司法局2024年度法治政府建设情况报告
一、主要举措和成效
依法行政。
`)
	dest, res := buildSite(t, dir)
	if len(res.Site.Reports) != 2 {
		t.Fatalf("%d reports, want 2", len(res.Site.Reports))
	}
	city := read(t, dest, "regions/henan/xinyang/index.html")
	if !strings.Contains(city, "信阳市（市本级）") || !strings.Contains(city, "411500") {
		t.Error("the city page does not list the city's own agencies (市本级)")
	}
	county := read(t, dest, "counties/411500/index.html")
	if !strings.Contains(county, "<h1>信阳市（市本级）</h1>") || !strings.Contains(county, "信阳市信访局2024年度法治政府建设情况报告") {
		t.Error("the city's own page lacks its heading or its report")
	}
	if page := read(t, dest, "counties/410423/sifaju-2024/index.html"); !strings.Contains(page, "<title>鲁山县司法局2024年度法治政府建设情况报告") {
		t.Error("the title was not taken from the text")
	}
	feed := read(t, dest, "atom.xml")
	if strings.Count(feed, "<entry>") != 2 || !strings.Contains(feed, "<updated>2025-01-10T00:00:00+08:00</updated>") {
		t.Errorf("the feed does not list both reports, dated by the signature when unpublished:\n%s", feed)
	}
}
